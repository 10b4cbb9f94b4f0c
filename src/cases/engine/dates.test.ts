import { describe, expect, it } from 'vitest';
import { addTerm, daysBetween, startOfDay, termEnd } from './dates.ts';

// Fixed dates around the turn of the year and a clock change: a verlenging's days and a term's last day must
// not depend on the day the tests run.
describe('dates of legal terms', () => {
  it('counts whole days across New Year and a clock change', () => {
    expect(daysBetween('2026-12-28', '2027-01-04')).toBe(7);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2027-01-04', '2026-12-28')).toBe(-7);
  });

  it('adds a term in calendar days, weeks, months and years', () => {
    expect(addTerm('2026-12-30', 'P5D')).toBe('2027-01-04');
    expect(addTerm('2026-12-15', 'P3W')).toBe('2027-01-05');
    expect(addTerm('2026-11-30', 'P1M')).toBe('2026-12-30');
    expect(addTerm('2026-12-31', 'P1Y')).toBe('2027-12-31');
    expect(() => addTerm('2026-12-31', 'five days')).toThrow(RangeError);
  });

  it('moves a term that ends on a holiday or weekend to the next working day (Atw art. 1)', () => {
    // Friday 25 December 2026 (Christmas), then Boxing Day and a Sunday: Monday the 28th.
    expect(termEnd('2026-12-18', 'P1W')).toBe('2026-12-28');
    // Friday 1 January 2027 (New Year's Day), then a weekend: Monday the 4th.
    expect(termEnd('2026-12-25', 'P1W')).toBe('2027-01-04');
    // A working day stays.
    expect(termEnd('2026-12-22', 'P1W')).toBe('2026-12-29');
  });

  it('starts a day at midnight in Amsterdam, in winter and in summer', () => {
    expect(startOfDay('2027-01-01').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(startOfDay('2027-07-01').toISOString()).toBe('2027-06-30T22:00:00.000Z');
  });
});
