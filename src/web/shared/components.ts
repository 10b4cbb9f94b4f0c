import { attrs, classes, html, type Renderable, raw, type SafeHtml } from './html.ts';
import { texts } from './texts.nl.ts';

/**
 * The basic building blocks, as NL Design System (Utrecht) markup. Each returns SafeHtml; text passed in
 * is escaped. Form fields are in form.ts, status and progress in progress.ts.
 */

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export function heading(level: HeadingLevel, content: Renderable, options: { id?: string } = {}): SafeHtml {
  const tag = raw(`h${level}`);
  return html`<${tag}${attrs({ id: options.id, class: `utrecht-heading-${level} utrecht-heading-${level}--distanced` })}>${content}</${tag}>`;
}

export function paragraph(content: Renderable, options: { lead?: boolean; small?: boolean } = {}): SafeHtml {
  const cls = classes(
    'utrecht-paragraph utrecht-paragraph--distanced',
    options.lead && 'utrecht-paragraph--lead',
    options.small && 'utrecht-paragraph--small',
  );
  return html`<p class="${cls}">${content}</p>`;
}

export interface LinkOptions {
  /** Marks the link to the page you are on (`aria-current="page"`). */
  current?: boolean;
  /** Opens in the same window but tells the reader the link leaves Loket. */
  external?: boolean;
  className?: string;
}

export function link(href: string, content: Renderable, options: LinkOptions = {}): SafeHtml {
  const a = attrs({
    class: options.className
      ? `utrecht-link utrecht-link--html-a ${options.className}`
      : 'utrecht-link utrecht-link--html-a',
    href,
    'aria-current': options.current ? 'page' : undefined,
    rel: options.external ? 'noopener noreferrer' : undefined,
  });
  return html`<a${a}>${content}</a>`;
}

export type ButtonVariant = 'primary' | 'secondary' | 'subtle';
const BUTTON_APPEARANCE: Record<ButtonVariant, string> = {
  primary: 'primary-action',
  secondary: 'secondary-action',
  subtle: 'subtle',
};

export interface ButtonOptions {
  variant?: ButtonVariant;
  type?: 'submit' | 'button' | 'reset';
  /** Sent with the form when this button is pressed: lets one form have several actions. */
  name?: string;
  value?: string;
  /** Posts to another URL than the form's own action. */
  formAction?: string;
  /** The id of the form this button submits, when it stands outside it (one form for a table's rows). */
  form?: string;
}

/** The class of a button of each variant, for submit buttons and others. */
const BUTTON_CLASS = (submit: boolean) =>
  Object.fromEntries(
    (Object.keys(BUTTON_APPEARANCE) as ButtonVariant[]).map((v) => [
      v,
      classes(
        'utrecht-button',
        `utrecht-button--${BUTTON_APPEARANCE[v]}`,
        submit && 'utrecht-button--submit',
      ),
    ]),
  ) as Record<ButtonVariant, string>;
const SUBMIT_BUTTON_CLASS = BUTTON_CLASS(true);
const OTHER_BUTTON_CLASS = BUTTON_CLASS(false);

export function button(content: Renderable, options: ButtonOptions = {}): SafeHtml {
  const variant = options.variant ?? 'primary';
  const type = options.type ?? 'submit';
  const a = attrs({
    class: (type === 'submit' ? SUBMIT_BUTTON_CLASS : OTHER_BUTTON_CLASS)[variant],
    type,
    name: options.name,
    value: options.value,
    formaction: options.formAction,
    form: options.form,
  });
  return html`<button${a}>${content}</button>`;
}

/** A link that looks like a button: for starting something that is a page, not a form post. */
export function buttonLink(href: string, content: Renderable, variant: ButtonVariant = 'primary'): SafeHtml {
  const cls = `utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${BUTTON_APPEARANCE[variant]}`;
  return html`<a${attrs({ class: cls, href })}>${content}</a>`;
}

/** Buttons side by side, with room between them. */
export function buttonGroup(...buttons: SafeHtml[]): SafeHtml {
  return html`<div class="utrecht-button-group utrecht-button-group--distanced">${buttons}</div>`;
}

export type AlertType = 'info' | 'warning' | 'error' | 'success';
const ALERT_CLASS: Record<AlertType, string> = {
  info: 'info',
  warning: 'warning',
  error: 'error',
  success: 'ok',
};

// Simple shapes so the type of message does not depend on colour alone (WCAG 1.4.1).
const ALERT_ICON: Record<AlertType, string> = {
  info: '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 10.5v6.5M12 7v.5" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/>',
  warning:
    '<path d="M12 3 2 21h20Z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M12 10v5M12 18v.3" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/>',
  error:
    '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m8 8 8 8M16 8l-8 8" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/>',
  success:
    '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>',
};

export function icon(type: AlertType): SafeHtml {
  return raw(
    `<svg class="loket-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${ALERT_ICON[type]}</svg>`,
  );
}

export interface AlertOptions {
  type: AlertType;
  title?: string;
  /** Level of the title heading; pick the one that fits the page outline. */
  headingLevel?: HeadingLevel;
  content: Renderable;
  /** `status` for a message that appears as the result of what the person just did. */
  role?: 'status' | 'alert';
}

export function alert(options: AlertOptions): SafeHtml {
  const { type } = options;
  const level = options.headingLevel ?? 2;
  const tag = raw(`h${level}`);
  const prefix = html`<span class="loket-visually-hidden">${texts.alert[type]}</span>`;
  const title = options.title
    ? html`<${tag} class="utrecht-heading-${level} loket-alert__title">${prefix}${options.title}</${tag}>`
    : null;
  const body =
    typeof options.content === 'string'
      ? html`<p class="utrecht-paragraph">${options.title ? null : prefix}${options.content}</p>`
      : options.content;
  return html`<div${attrs({ class: `utrecht-alert utrecht-alert--${ALERT_CLASS[type]} loket-alert`, role: options.role })}>
<div class="utrecht-alert__icon">${icon(type)}</div>
<div class="utrecht-alert__content"><div class="utrecht-alert__message">${title}${body}</div></div>
</div>`;
}

/** A list with bullets. */
export function unorderedList(items: readonly Renderable[]): SafeHtml {
  return html`<ul class="utrecht-unordered-list utrecht-unordered-list--distanced">${items.map(
    (item) => html`<li class="utrecht-unordered-list__item">${item}</li>`,
  )}</ul>`;
}

export interface TableColumn {
  header: string;
  /** Right-aligns the column, for amounts and counts. */
  numeric?: boolean;
}

export interface TableOptions {
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly Renderable[])[];
  /** The first cell of each row names the row (`<th scope="row">`). */
  rowHeaders?: boolean;
  id?: string;
  /** A heading right above already says what the caption says: the caption is for screen readers only. */
  captionHidden?: boolean;
}

let tableCount = 0;

/** A table with a caption. Wide tables scroll sideways inside a focusable region instead of the page. */
export function table(options: TableOptions): SafeHtml {
  const id = options.id ?? `tabel-${++tableCount}`;
  // Each column's cell class, worked out once for all rows.
  const cellClass = options.columns.map((c) =>
    classes('utrecht-table__cell', c.numeric === true && 'utrecht-table__cell--numeric-column'),
  );
  const head = options.columns.map(
    (c) =>
      html`<th${attrs({ class: classes('utrecht-table__header-cell', c.numeric && 'utrecht-table__header-cell--numeric-column'), scope: 'col' })}>${c.header}</th>`,
  );
  const rows = options.rows.map(
    (row) =>
      html`<tr class="utrecht-table__row">${row.map((cell, i) =>
        i === 0 && options.rowHeaders
          ? html`<th class="utrecht-table__header-cell" scope="row">${cell}</th>`
          : html`<td class="${cellClass[i] ?? 'utrecht-table__cell'}">${cell}</td>`,
      )}</tr>`,
  );
  return html`<div class="loket-table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="utrecht-table utrecht-table--html-table">
<caption class="${classes('utrecht-table__caption', options.captionHidden && 'loket-visually-hidden')}" id="${id}">${options.caption}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${head}</tr></thead>
<tbody class="utrecht-table__body">${rows}</tbody>
</table>
</div>`;
}

export interface Provenance {
  /** Where the fact comes from, e.g. "Basisregistratie Personen (BRP)". */
  source: string;
  /** When the source registered or last changed it. */
  date?: DateInput;
  /** The article of law that allows using it. */
  legalBasis?: string;
}

export interface DataListItem {
  key: string;
  value: Renderable;
  provenance?: Provenance;
}

/** Facts as key and value, each optionally with where it came from, when, and on what legal basis. */
export function dataList(items: readonly DataListItem[]): SafeHtml {
  return html`<dl class="utrecht-data-list utrecht-data-list--rows loket-data-list">${items.map(
    (item) => html`<div class="utrecht-data-list__item">
<dt class="utrecht-data-list__item-key">${item.key}</dt>
<dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">${item.value}${item.provenance && provenanceLine(item.provenance)}</dd>
</div>`,
  )}</dl>`;
}

function provenanceLine(p: Provenance): SafeHtml {
  const t = texts.facts;
  const parts = [
    html`<span>${t.source}: ${p.source}</span>`,
    p.date !== undefined && html`<span>${t.date}: ${dateTime(p.date)}</span>`,
    p.legalBasis && html`<span>${t.legalBasis}: ${p.legalBasis}</span>`,
  ].filter(Boolean);
  return html`<small class="loket-provenance">${parts}</small>`;
}

/** A date as `Date` or ISO text (`2025-03-14` or a full timestamp). */
export type DateInput = Date | string;

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDate(value: DateInput): Date {
  if (value instanceof Date) return value;
  // A bare date means that day in the Netherlands; noon keeps it on that day in any time zone.
  return new Date(BARE_DATE.test(value) ? `${value}T12:00:00Z` : value);
}

/** Bare dates (YYYY-MM-DD) rendered before: a list of fifty deadlines has few distinct days. */
const renderedDays = new Map<string, SafeHtml>();

/** `<time datetime="2025-03-14">14 maart 2025</time>`. */
export function dateTime(value: DateInput): SafeHtml {
  if (typeof value === 'string') {
    const known = renderedDays.get(value);
    if (known) return known;
  }
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(value)}`);
  const machine = typeof value === 'string' ? value : date.toISOString();
  const rendered = html`<time datetime="${machine}">${texts.formatDate(date)}</time>`;
  if (typeof value === 'string' && BARE_DATE.test(value)) {
    if (renderedDays.size >= 5_000) renderedDays.clear();
    renderedDays.set(value, rendered);
  }
  return rendered;
}
