/** Values crossing the engine boundary: type checks and conversion between plain JSON and FEEL values. */
import { FeelDate, date as feelDate } from 'feelin';
import type { PlainValue, ValueType } from './types.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Parsing a date into feelin's Temporal-based FeelDate costs microseconds, more than a whole compiled rule;
// FeelDates are immutable and the same dates recur (reference dates, birth dates), so parse each once.
const feelDates = new Map<string, unknown>();
const MAX_CACHED_DATES = 50_000;

function cachedFeelDate(iso: string): unknown {
  let d = feelDates.get(iso);
  if (d === undefined) {
    d = feelDate(iso);
    if (feelDates.size >= MAX_CACHED_DATES) feelDates.clear();
    feelDates.set(iso, d);
  }
  return d;
}

/** The FEEL date for a valid ISO date string, else null (one cache lookup on the hot path). */
export function feelDateOf(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  const d = feelDates.get(value);
  if (d !== undefined) return d;
  return isValidIsoDate(value) ? cachedFeelDate(value) : null;
}

/** A definition or input value as the FEEL runtime sees it: dates become FEEL dates. */
export function toFeelValue(type: ValueType, value: unknown): unknown {
  if (type === 'date' && typeof value === 'string') return cachedFeelDate(value);
  return value;
}

/** A FEEL runtime value as it leaves the engine: dates become ISO strings. */
export function toPlainValue(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof FeelDate) return value.iso;
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value);
  return String(value);
}

/** Money is held in euros; an amount is valid when it is a whole number of cents. */
export function hasAtMostCents(n: number): boolean {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

export function isValidIsoDate(v: string): boolean {
  if (feelDates.has(v)) return true;
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Why a value does not fit a type (as "must be …" text), or null when it fits. */
export function typeProblem(type: ValueType, value: unknown, values?: string[]): string | null {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a finite number';
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'an amount in euros (a number)';
      return hasAtMostCents(value) ? null : 'an amount in whole cents (at most 2 decimals)';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'string':
      if (typeof value !== 'string') return 'a string';
      return values && !values.includes(value) ? `one of ${values.map((v) => `"${v}"`).join(', ')}` : null;
    case 'date':
      return typeof value === 'string' && isValidIsoDate(value) ? null : 'a date as YYYY-MM-DD';
  }
}
