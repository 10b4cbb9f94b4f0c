/**
 * HTML by string building, escaped by default. `html\`…\`` escapes every interpolated value unless it is
 * already SafeHtml (made by `html` itself or by `raw`). No virtual DOM: a page is one string.
 */

/** HTML that is safe to put on a page as it is. Only `html`, `raw` and `attrs` make it. */
export class SafeHtml {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/**
 * What may go into a template: text (escaped), numbers, SafeHtml, and lists of them. `null`, `undefined`
 * and `false` render nothing, so `${condition && html\`…\`}` works. `true` is left out on purpose:
 * `${someBoolean}` is almost always a mistake.
 */
export type Renderable =
  | SafeHtml
  | string
  | number
  | bigint
  | false
  | null
  | undefined
  | readonly Renderable[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/;
const TO_ESCAPE = /[&<>"']/g;

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c]) : text;
}

/** Marks a string as safe HTML. Only for HTML that was made by code, never for anything a person typed. */
export function raw(trustedHtml: string): SafeHtml {
  return new SafeHtml(trustedHtml);
}

/** Attributes whose value is a URL: a `javascript:` (or other active) URL in them would run code. */
const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|poster|cite|xlink:href)\s*=\s*["']$/i;
const UNQUOTED_ATTRIBUTE = /=\s*$/;
const SAFE_SCHEME = /^(?:https?|mailto|tel):/i;
const HAS_SCHEME = /^[^/?#]*:/;
// Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"); so do we.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]/g;
export const BLOCKED_URL = 'about:invalid#loket-blocked';

/** Lets relative URLs and http(s), mailto and tel through; anything else (javascript:, data:) is blocked. */
export function safeUrl(url: string): string {
  // A path, query or fragment ("/…", "?…", "#…") has no scheme: the common case, without the regexes.
  const first = url.charCodeAt(0);
  if (first === 47 || first === 63 || first === 35) return url;
  const compact = url.replace(IGNORED_IN_URL, '');
  if (!HAS_SCHEME.test(compact)) return url;
  return SAFE_SCHEME.test(compact) ? url : BLOCKED_URL;
}

/** Where a value lands: element content, a quoted attribute value (URL or not), or inside a tag itself. */
type Context = 'content' | 'attribute' | 'url' | 'tag';
type ScanState = 'text' | 'tag' | 'double' | 'single';
const contexts = new WeakMap<TemplateStringsArray, Context[]>();

function scan(state: ScanState, chunk: string): ScanState {
  let st = state;
  for (const ch of chunk) {
    if (st === 'text') st = ch === '<' ? 'tag' : 'text';
    else if (st === 'tag') st = ch === '>' ? 'text' : ch === '"' ? 'double' : ch === "'" ? 'single' : 'tag';
    else if (st === 'double' && ch === '"') st = 'tag';
    else if (st === 'single' && ch === "'") st = 'tag';
  }
  return st;
}

/** Works out once per template where each value goes, and refuses templates that cannot be made safe. */
function contextsOf(strings: TemplateStringsArray): Context[] {
  let known = contexts.get(strings);
  if (known) return known;
  known = [];
  let state: ScanState = 'text';
  for (let i = 0; i < strings.length - 1; i++) {
    const before = strings[i];
    state = scan(state, before);
    if (state === 'tag' && UNQUOTED_ATTRIBUTE.test(before)) {
      throw new Error(
        `html: put quotes around attribute values (found "${before.slice(-30)}\${…}"); unquoted values can break out`,
      );
    }
    known.push(
      state === 'text'
        ? 'content'
        : state === 'tag'
          ? 'tag'
          : URL_ATTRIBUTE.test(before)
            ? 'url'
            : 'attribute',
    );
  }
  contexts.set(strings, known);
  return known;
}

function render(value: Renderable, context: Context): string {
  if (value === null || value === undefined || value === false || (value as unknown) === true) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += render(item, context);
    return out;
  }
  // Text between attributes ("<div ${x}>") would become attributes, e.g. onmouseover=…: escaping cannot help.
  if (context === 'tag') throw new Error('html: only attrs() or raw() may go inside a tag, not text');
  if (typeof value === 'string') return escapeHtml(context === 'url' ? safeUrl(value) : value);
  return escapeHtml(String(value));
}

/** The template tag. Every value is escaped unless it is SafeHtml; values in URL attributes are checked. */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): SafeHtml {
  const where = contextsOf(strings);
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += render(values[i], where[i]) + strings[i + 1];
  }
  return new SafeHtml(out);
}

/** Joins pieces of HTML with a separator (itself HTML), skipping empty pieces. */
export function join(pieces: readonly Renderable[], separator: SafeHtml = raw('')): SafeHtml {
  const parts = pieces.map((p) => render(p, 'content')).filter((p) => p !== '');
  return new SafeHtml(parts.join(separator.toString()));
}

export type AttributeValue = string | number | boolean | null | undefined;
const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const URL_ATTRIBUTE_NAME = /^(?:href|src|action|formaction|poster|cite|xlink:href)$/i;

/**
 * Renders attributes, each with a leading space: `true` gives the bare name (`required`), `false`, null
 * and undefined leave the attribute out, everything else is escaped and quoted.
 */
export function attrs(attributes: Readonly<Record<string, AttributeValue>>): SafeHtml {
  let out = '';
  for (const name in attributes) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = attributes[name];
    if (value === false || value === null || value === undefined) continue;
    const isUrl = attributeKind(name);
    if (value === true) out += ` ${name}`;
    else {
      const text = typeof value === 'string' ? value : String(value);
      out += ` ${name}="${escapeHtml(isUrl ? safeUrl(text) : text)}"`;
    }
  }
  return new SafeHtml(out);
}

/** Attribute names seen before: whether each takes a URL (names are few and fixed, checked once each). */
const attributeKinds = new Map<string, boolean>();

/** Refuses a bad or event-handler attribute name; tells whether the attribute's value is a URL. */
function attributeKind(name: string): boolean {
  let isUrl = attributeKinds.get(name);
  if (isUrl !== undefined) return isUrl;
  if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name))
    throw new Error(`attrs: refused attribute name ${name}`);
  isUrl = URL_ATTRIBUTE_NAME.test(name);
  if (attributeKinds.size < 1_000) attributeKinds.set(name, isUrl);
  return isUrl;
}

/** Joins class names, skipping empty ones: `classes('a', cond && 'b')`. */
export function classes(...names: (string | false | null | undefined)[]): string {
  let out = '';
  for (const name of names) if (name) out = out ? `${out} ${name}` : name;
  return out;
}
