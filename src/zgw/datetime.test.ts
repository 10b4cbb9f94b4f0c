import { describe, expect, it } from 'vitest';
import { parseDateTime } from './datetime.ts';

describe('parseDateTime', () => {
  it('reads a date-time without offset as UTC', () => {
    expect(parseDateTime('2019-01-01T12:00:00').toISOString()).toBe('2019-01-01T12:00:00.000Z');
    expect(parseDateTime('2018-04-20 13:37').toISOString()).toBe('2018-04-20T13:37:00.000Z');
  });

  it('keeps an explicit offset', () => {
    expect(parseDateTime('2019-01-01T12:00:00Z').toISOString()).toBe('2019-01-01T12:00:00.000Z');
    expect(parseDateTime('2019-07-01T12:00:00+02:00').toISOString()).toBe('2019-07-01T10:00:00.000Z');
    expect(parseDateTime('2019-01-01T12:00:00-0130').toISOString()).toBe('2019-01-01T13:30:00.000Z');
  });

  it('reads a bare date as midnight UTC', () => {
    expect(parseDateTime('2019-01-01').toISOString()).toBe('2019-01-01T00:00:00.000Z');
  });

  it('gives an invalid date for text that is no moment', () => {
    expect(Number.isNaN(parseDateTime('gisteren').getTime())).toBe(true);
  });
});
