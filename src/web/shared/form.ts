import { attrs, classes, html, type Renderable, type SafeHtml } from './html.ts';
import { texts } from './texts.nl.ts';

/**
 * Forms that work without JavaScript: the server checks the input and renders the page again with an
 * error summary at the top and the message at each field (the GOV.UK / NL Design System pattern).
 * Every field gets the id `fieldId(name)`, so the summary's links always land on the field.
 */

/** The id of the field with this name (for radio groups: of its first option). */
export function fieldId(name: string): string {
  return `veld-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** What every field has. `error` is the message for this field after a failed submit. */
export interface FieldBase {
  name: string;
  label: string;
  description?: Renderable;
  error?: string;
  /** Fields are required unless marked optional; optional ones say so in their label. */
  optional?: boolean;
  /**
   * The field's id when `fieldId(name)` is not unique on the page (the same form once per item); errors
   * for it then carry the same `id`, so the summary still lands on the field.
   */
  id?: string;
}

interface FieldParts {
  id: string;
  label: SafeHtml;
  description: SafeHtml | null;
  error: SafeHtml | null;
  describedBy: string | undefined;
}

function parts(field: FieldBase, id = field.id ?? fieldId(field.name)): FieldParts {
  const descriptionId = `${id}-uitleg`;
  const errorId = `${id}-fout`;
  const hasDescription =
    field.description !== undefined && field.description !== null && field.description !== '';
  return {
    id,
    label: html`${field.label}${field.optional && html` <span class="loket-optional">${texts.form.optional}</span>`}`,
    description: hasDescription
      ? html`<div class="utrecht-form-field-description utrecht-form-field__description" id="${descriptionId}">${field.description}</div>`
      : null,
    error: field.error
      ? html`<div class="utrecht-form-field-error-message utrecht-form-field__error-message" id="${errorId}"><span class="loket-visually-hidden">${texts.form.errorPrefix}</span>${field.error}</div>`
      : null,
    describedBy:
      [hasDescription && descriptionId, field.error && errorId].filter(Boolean).join(' ') || undefined,
  };
}

function fieldWrapper(field: FieldBase, p: FieldParts, control: SafeHtml): SafeHtml {
  const cls = classes(
    'utrecht-form-field utrecht-form-field--distanced',
    field.error && 'utrecht-form-field--invalid',
  );
  return html`<div class="${cls}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${p.id}">${p.label}</label></div>
${p.description}${p.error}<div class="utrecht-form-field__input">${control}</div>
</div>`;
}

function controlAttrs(field: FieldBase, p: FieldParts) {
  return {
    id: p.id,
    name: field.name,
    required: !field.optional,
    'aria-describedby': p.describedBy,
    'aria-invalid': field.error ? 'true' : undefined,
  };
}

export interface TextFieldOptions extends FieldBase {
  value?: string;
  type?: 'text' | 'email' | 'tel' | 'url' | 'password';
  /** The browser's autofill hint, e.g. `email`, `name`, `postal-code` (WCAG 1.3.5). */
  autocomplete?: string;
  /** Width in characters, for short answers like a postcode. */
  width?: number;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel';
}

export function textField(field: TextFieldOptions): SafeHtml {
  const p = parts(field);
  const input = html`<input${attrs({
    ...controlAttrs(field, p),
    class: classes('utrecht-textbox utrecht-textbox--html-input', field.error && 'utrecht-textbox--invalid'),
    type: field.type ?? 'text',
    value: field.value,
    autocomplete: field.autocomplete,
    inputmode: field.inputMode,
    size: field.width,
    spellcheck: field.type === 'email' ? 'false' : undefined,
  })}>`;
  return fieldWrapper(field, p, input);
}

export interface DateFieldOptions extends FieldBase {
  /** ISO date, YYYY-MM-DD. */
  value?: string;
  min?: string;
  max?: string;
  autocomplete?: string;
}

/** A date with the browser's own date input: it needs no JavaScript and sends YYYY-MM-DD. */
export function dateField(field: DateFieldOptions): SafeHtml {
  const p = parts(field);
  const input = html`<input${attrs({
    ...controlAttrs(field, p),
    class: classes(
      'utrecht-textbox utrecht-textbox--html-input loket-date',
      field.error && 'utrecht-textbox--invalid',
    ),
    type: 'date',
    value: field.value,
    min: field.min,
    max: field.max,
    autocomplete: field.autocomplete,
  })}>`;
  return fieldWrapper(field, p, input);
}

export interface NumberFieldOptions extends FieldBase {
  value?: string | number;
  /** Whole numbers only (a numeric keyboard), or numbers with a decimal comma. */
  decimals?: boolean;
  width?: number;
}

/**
 * A number as a text input with a numeric keyboard, as GOV.UK advises: `type="number"` changes values on
 * scrolling and rejects "1.000,50". The server reads and checks the value.
 */
export function numberField(field: NumberFieldOptions): SafeHtml {
  return textField({
    ...field,
    value: field.value === undefined ? undefined : String(field.value),
    inputMode: field.decimals ? 'decimal' : 'numeric',
    width: field.width ?? 10,
  });
}

export interface TextareaOptions extends FieldBase {
  value?: string;
  rows?: number;
  maxLength?: number;
}

export function textarea(field: TextareaOptions): SafeHtml {
  const p = parts(field);
  const control = html`<textarea${attrs({
    ...controlAttrs(field, p),
    class: classes(
      'utrecht-textarea utrecht-textarea--html-textarea',
      field.error && 'utrecht-textarea--invalid',
    ),
    rows: field.rows ?? 5,
    maxlength: field.maxLength,
  })}>${field.value ?? ''}</textarea>`;
  return fieldWrapper(field, p, control);
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

export interface SelectOptions extends FieldBase {
  options: readonly Choice[];
  value?: string;
  /** Text of the empty first option; none when the field has a sensible default. */
  placeholder?: string | false;
}

export function select(field: SelectOptions): SafeHtml {
  const p = parts(field);
  const placeholder =
    field.placeholder === false ? null : (field.placeholder ?? texts.form.selectPlaceholder);
  const options = field.options.map(
    (o) => html`<option${attrs({ value: o.value, selected: o.value === field.value })}>${o.label}</option>`,
  );
  const control = html`<select${attrs({
    ...controlAttrs(field, p),
    class: classes('utrecht-select utrecht-select--html-select', field.error && 'utrecht-select--invalid'),
  })}>${placeholder !== null && html`<option value="">${placeholder}</option>`}${options}</select>`;
  return fieldWrapper(field, p, control);
}

export interface RadioGroupOptions extends FieldBase {
  options: readonly Choice[];
  value?: string;
}

/** One choice out of a few. A fieldset whose legend is the question. */
export function radioGroup(field: RadioGroupOptions): SafeHtml {
  const p = parts(field);
  const radios = field.options.map((o, i) => {
    const id = i === 0 ? p.id : `${p.id}-${i + 1}`;
    const hintId = `${id}-uitleg`;
    const input = html`<input${attrs({
      id,
      name: field.name,
      type: 'radio',
      value: o.value,
      checked: o.value === field.value,
      required: !field.optional,
      'aria-describedby': o.description ? hintId : undefined,
      class: classes(
        'utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input',
        field.error && 'utrecht-radio-button--invalid',
      ),
    })}>`;
    return html`<div class="utrecht-form-field utrecht-form-field--radio">
<div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--radio" for="${id}">${input}${o.label}</label></div>
${o.description && html`<div class="utrecht-form-field-description utrecht-form-field__description" id="${hintId}">${o.description}</div>`}
</div>`;
  });
  return fieldset(field, p, radios);
}

function fieldset(field: FieldBase, p: FieldParts, content: Renderable): SafeHtml {
  const cls = classes(
    'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced',
    field.error && 'utrecht-form-fieldset--invalid utrecht-form-field--invalid',
  );
  return html`<fieldset${attrs({ class: cls, 'aria-describedby': p.describedBy })}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${p.label}</legend>
${p.description}${p.error}${content}
</fieldset>`;
}

export interface CheckboxOptions extends FieldBase {
  checked?: boolean;
  /** Sent when ticked; default `ja`. */
  value?: string;
}

/** One tick box, e.g. "I agree". Not sent at all when not ticked. */
export function checkbox(field: CheckboxOptions): SafeHtml {
  const p = parts(field);
  const input = html`<input${attrs({
    ...controlAttrs(field, p),
    type: 'checkbox',
    value: field.value ?? 'ja',
    checked: field.checked === true,
    class: classes(
      'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom utrecht-form-field__input',
      field.error && 'utrecht-checkbox--invalid',
    ),
  })}>`;
  const cls = classes(
    'utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced',
    field.error && 'utrecht-form-field--invalid',
  );
  return html`<div class="${cls}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="${p.id}">${input}${p.label}</label></div>
${p.description}${p.error}
</div>`;
}

export interface FileFieldOptions extends FieldBase {
  /** File types the picker offers, e.g. `.pdf,.jpg,.png`; the server checks again. */
  accept?: string;
  multiple?: boolean;
}

/** A file upload. The form needs `multipart: true`. */
export function fileField(field: FileFieldOptions): SafeHtml {
  const p = parts(field);
  const input = html`<input${attrs({
    ...controlAttrs(field, p),
    type: 'file',
    accept: field.accept,
    multiple: field.multiple === true,
    class: classes('loket-file', field.error && 'loket-file--invalid'),
  })}>`;
  return fieldWrapper(field, p, input);
}

/** The hidden field with the session's CSRF token; the session layer checks it on every post (`_csrf`). */
export function csrfField(token: string): SafeHtml {
  if (!token) throw new Error('csrfField: no token; every form post needs the session’s CSRF token');
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export interface FieldError {
  /** The field's name (the summary links to `#fieldId(name)`), or its id with `id`. */
  name: string;
  message: string;
  id?: string;
}

/**
 * The summary at the top of a form after a failed submit: "Er ging iets mis" and a link to every field
 * with a problem. It takes focus when the page opens (autofocus needs no JavaScript), so screen readers
 * read it first.
 */
export function errorSummary(
  errors: readonly FieldError[],
  options: { autofocus?: boolean } = {},
): SafeHtml | null {
  if (errors.length === 0) return null;
  const items = errors.map(
    (e) =>
      html`<li class="utrecht-unordered-list__item"><a class="utrecht-link utrecht-link--html-a" href="#${e.id ?? fieldId(e.name)}">${e.message}</a></li>`,
  );
  const a = attrs({
    class: 'utrecht-alert utrecht-alert--error loket-error-summary',
    role: 'alert',
    'aria-labelledby': 'foutoverzicht-titel',
    tabindex: '-1',
    id: 'foutoverzicht',
    autofocus: options.autofocus !== false,
  });
  return html`<div${a}>
<div class="utrecht-alert__content"><div class="utrecht-alert__message">
<h2 class="utrecht-heading-2 loket-alert__title" id="foutoverzicht-titel">${texts.form.errorSummaryTitle}</h2>
<p class="utrecht-paragraph">${texts.form.errorSummaryIntro}</p>
<ul class="utrecht-unordered-list">${items}</ul>
</div></div>
</div>`;
}

export interface FormOptions {
  action: string;
  method?: 'post' | 'get';
  /** Required for posts: the session's CSRF token. Leave out only for public forms without a session. */
  csrfToken?: string | null;
  /** For file uploads. */
  multipart?: boolean;
  /** Shown at the top when there are errors. */
  errors?: readonly FieldError[];
  /** The error summary takes focus when the page opens (default); off for examples. */
  focusErrors?: boolean;
  content: Renderable;
  id?: string;
}

/**
 * A form. The browser's own checks are off (`novalidate`): the server checks everything and answers in
 * plain Dutch, the same for everyone.
 */
export function form(options: FormOptions): SafeHtml {
  const method = options.method ?? 'post';
  const a = attrs({
    class: 'utrecht-form',
    id: options.id,
    action: options.action,
    method,
    enctype: options.multipart ? 'multipart/form-data' : undefined,
    novalidate: true,
  });
  return html`<form${a}>
${errorSummary(options.errors ?? [], { autofocus: options.focusErrors })}${method === 'post' && options.csrfToken ? csrfField(options.csrfToken) : null}${options.content}
</form>`;
}
