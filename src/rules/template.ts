/**
 * Explanation templates: text with placeholders `{{name}}` or `{{name|format}}`, where `name` is an
 * input, parameter or step of the rule. Formats render values the Dutch way.
 */
import { FeelDate } from 'feelin';

export interface Placeholder {
  name: string;
  format: string | undefined;
  start: number;
  end: number;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*(?:\|\s*([a-zA-Z0-9-]+)\s*)?\}\}/g;

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const grouped = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });
const cents = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });

function isoOf(value: unknown): string | null {
  if (value instanceof FeelDate) return value.iso;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return null;
}

function dutchDate(value: unknown, withDay: boolean): string {
  const iso = isoOf(value);
  if (!iso) return String(value);
  const [y, m, d] = iso.split('-').map(Number);
  return withDay ? `${d} ${MONTHS[m - 1]} ${y}` : `${MONTHS[m - 1]} ${y}`;
}

/** Formats a template may name. Unknown formats are refused when a definition is validated. */
export const FORMATS: Readonly<Record<string, (value: unknown) => string>> = {
  /** € 1.483 for whole euros, € 1.483,07 otherwise. */
  euro: (v) =>
    typeof v === 'number' ? `€ ${Number.isInteger(v) ? grouped.format(v) : cents.format(v)}` : String(v),
  /** Always with cents: € 1.483,00. */
  euro2: (v) => (typeof v === 'number' ? `€ ${cents.format(v)}` : String(v)),
  getal: (v) => (typeof v === 'number' ? grouped.format(v) : String(v)),
  /** A fraction as a percentage: 0.01879 → 1,879%. */
  procent: (v) => (typeof v === 'number' ? `${percent.format(v * 100)}%` : String(v)),
  datum: (v) => dutchDate(v, true),
  maand: (v) => dutchDate(v, false),
  jaar: (v) => {
    const iso = isoOf(v);
    return iso ? iso.slice(0, 4) : String(v);
  },
  'ja-nee': (v) => (v === true ? 'ja' : v === false ? 'nee' : 'onbekend'),
};

/** Default rendering: integers plain (years stay 2025), decimals with a comma, dates in words. */
export function formatDefault(value: unknown): string {
  if (value === null || value === undefined) return '(onbekend)';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : grouped.format(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (isoOf(value)) return dutchDate(value, true);
  return String(value);
}

export function placeholdersOf(text: string): { placeholders: Placeholder[]; problems: string[] } {
  const placeholders: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    placeholders.push({ name: m[1], format: m[2], start: m.index, end: m.index + m[0].length });
  }
  const stripped = text.replace(PLACEHOLDER, '');
  const problems: string[] = [];
  if (stripped.includes('{{') || stripped.includes('}}')) {
    problems.push('malformed placeholder: use {{name}} or {{name|format}}');
  }
  for (const p of placeholders) {
    if (p.format !== undefined && !(p.format in FORMATS)) {
      problems.push(`unknown format "${p.format}" (known: ${Object.keys(FORMATS).join(', ')})`);
    }
  }
  return { placeholders, problems };
}

export function renderTemplate(text: string, lookup: (name: string) => unknown): string {
  return text.replace(PLACEHOLDER, (_m, name: string, format?: string) => {
    const value = lookup(name);
    return format ? (FORMATS[format]?.(value) ?? String(value)) : formatDefault(value);
  });
}
