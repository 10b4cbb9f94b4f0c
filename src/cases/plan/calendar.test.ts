import { describe, expect, it } from 'vitest';
import { algemeneTermijnenwet, dueDateFor, fireAtFor, holidays, localDate } from './calendar.ts';

describe('working days (Algemene termijnenwet)', () => {
  it('knows the holidays, including the moving ones', () => {
    // Easter 2025 is 20 April; 27 April 2025 is a Sunday, so Koningsdag is on the 26th.
    expect([...holidays(2025)].sort()).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(holidays(2024).has('2024-04-01')).toBe(true); // tweede paasdag 2024
  });

  it('skips weekends and holidays', () => {
    expect(algemeneTermijnenwet.isWorkingDay('2025-05-29')).toBe(false); // Hemelvaartsdag
    expect(algemeneTermijnenwet.isWorkingDay('2025-05-31')).toBe(false); // Saturday
    expect(algemeneTermijnenwet.isWorkingDay('2025-05-30')).toBe(true);
  });

  it('counts working days from the Dutch date, not the UTC date', () => {
    // 23:30 UTC on Sunday 30 March 2025 is already Monday 31 March in the Netherlands.
    const now = new Date('2025-03-30T23:30:00Z');
    expect(localDate(now)).toBe('2025-03-31');
    expect(dueDateFor(now, { workingDays: 1 }, algemeneTermijnenwet)).toBe('2025-04-01');
  });

  it('moves a deadline in calendar days that ends on a holiday to the next working day', () => {
    expect(dueDateFor(new Date('2025-12-11T10:00:00Z'), { days: 14 }, algemeneTermijnenwet)).toBe(
      '2025-12-29',
    );
  });

  it('fires a working-day timer at the same time of day', () => {
    expect(fireAtFor(new Date('2025-03-07T14:00:00Z'), { workingDays: 1 }, algemeneTermijnenwet)).toBe(
      '2025-03-10T14:00:00.000Z',
    );
  });

  it('accepts another calendar, e.g. one with the organisation closed between Christmas and New Year', () => {
    const closed = {
      isWorkingDay: (d: string) => algemeneTermijnenwet.isWorkingDay(d) && !d.startsWith('2025-12-29'),
    };
    expect(dueDateFor(new Date('2025-12-11T10:00:00Z'), { days: 14 }, closed)).toBe('2025-12-30');
  });
});
