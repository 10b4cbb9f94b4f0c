import {
  addDays,
  algemeneTermijnenwet,
  DAY_MS,
  dueDateFor,
  localDate,
  toUtc as utc,
} from '../plan/calendar.ts';

/**
 * Dates of legal terms: a term is written as an ISO 8601 duration (the catalogue's P8W), counted in
 * calendar days from the day the case started and — like every legal term (Algemene termijnenwet art. 1) —
 * moved to the next working day when it ends on a weekend or holiday.
 */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function isTerm(iso: string): boolean {
  return DURATION.test(iso) && iso !== 'P';
}

/** Whole days from `from` to `to` (dates, YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The date a term that starts on `start` ends, before the working-day rule. */
export function addTerm(start: string, iso: string): string {
  const m = DURATION.exec(iso);
  if (!m) throw new RangeError(`not a term: ${iso}`);
  const d = new Date(utc(start));
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0));
  d.setUTCMonth(d.getUTCMonth() + Number(m[2] ?? 0));
  d.setUTCDate(d.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0));
  return d.toISOString().slice(0, 10);
}

/** `date`, or the first working day after it (Atw art. 1). */
export function workingDayFrom(date: string): string {
  // dueDateFor with zero days applies exactly that rule to the local date of the instant it is given.
  return dueDateFor(new Date(`${date}T12:00:00Z`), { days: 0 }, algemeneTermijnenwet);
}

/** The last day of a term of `iso` that starts on `start`. */
export function termEnd(start: string, iso: string): string {
  return workingDayFrom(addTerm(start, iso));
}

/** The instant a day begins in the Netherlands (00:00 Europe/Amsterdam). */
export function startOfDay(date: string): Date {
  const noon = new Date(`${date}T12:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(noon),
  );
  return new Date(utc(date) - (hour - 12) * 3_600_000);
}

export { addDays, localDate };
