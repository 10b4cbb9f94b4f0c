import type { Duration, WorkingDayCalendar } from './types.ts';

/**
 * Dates for deadlines. Due dates are calendar dates in Europe/Amsterdam (a citizen reads "uiterlijk 14 maart",
 * not an instant), computed from `now` only, so the runtime stays pure.
 */

export const DAY_MS = 86_400_000;
const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in the Netherlands at an instant, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return amsterdam.format(instant);
}

/** The UTC midnight of a date (YYYY-MM-DD), in milliseconds. */
export function toUtc(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return fromUtc(toUtc(isoDate) + days * DAY_MS);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Set<string>>();

/** The generally recognised holidays of the Algemene termijnenwet, art. 3. */
export function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const e = easter(year);
    // Koningsdag moves to the 26th when the 27th is a Sunday (Wet van 2013 over de viering).
    const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
    set = new Set([
      `${year}-01-01`,
      addDays(e, 1),
      kingsDay,
      `${year}-05-05`,
      addDays(e, 39),
      addDays(e, 50),
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    holidayCache.set(year, set);
  }
  return set;
}

/** Weekends and the holidays of the Algemene termijnenwet are not working days. */
export const algemeneTermijnenwet: WorkingDayCalendar = {
  isWorkingDay(isoDate: string): boolean {
    const weekday = new Date(toUtc(isoDate)).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !holidays(Number(isoDate.slice(0, 4))).has(isoDate);
  },
};

function nextWorkingDay(isoDate: string, calendar: WorkingDayCalendar): string {
  let date = isoDate;
  // A year never has more than a few consecutive non-working days; the bound guards a broken calendar.
  for (let i = 0; i < 366 && !calendar.isWorkingDay(date); i++) date = addDays(date, 1);
  return date;
}

/**
 * The date a deadline ends. `days` counts calendar days and, like a legal term (Atw art. 1), moves to the
 * next working day when it ends on a weekend or holiday; `workingDays` counts working days after today.
 */
export function dueDateFor(now: Date, duration: Duration, calendar: WorkingDayCalendar): string {
  const today = localDate(now);
  if ('days' in duration) return nextWorkingDay(addDays(today, duration.days), calendar);
  let date = today;
  for (let left = duration.workingDays; left > 0; ) {
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) left--;
  }
  return date;
}

/** The instant a timer fires: the same time of day, on the day the duration ends. */
export function fireAtFor(now: Date, duration: Duration, calendar: WorkingDayCalendar): string {
  if ('days' in duration) return new Date(now.getTime() + duration.days * DAY_MS).toISOString();
  const days = (toUtc(dueDateFor(now, duration, calendar)) - toUtc(localDate(now))) / DAY_MS;
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
