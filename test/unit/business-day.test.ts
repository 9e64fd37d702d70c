import { describe, expect, it } from 'vitest';
import { businessDayAfter, businessDayAt, businessDayOn, type BusinessDayRule } from '../../main/business-day';

const newYork: BusinessDayRule = { timeZone: 'America/New_York', cutoffHour: 0 };
const newYorkAt4: BusinessDayRule = { timeZone: 'America/New_York', cutoffHour: 4 };
const hours = (count: number) => count * 3_600_000;

describe('the business day', () => {
  it('is the store-local calendar day with a midnight cut-off: 19:30 in UTC−5 is still that day', () => {
    // 2026-12-01 19:30 in New York is 2026-12-02 00:30 UTC, the next UTC day.
    const day = businessDayAt(new Date('2026-12-02T00:30:00Z'), newYork);
    expect(day).toEqual({ date: '2026-12-01', fromMs: Date.parse('2026-12-01T05:00:00Z'), toMs: Date.parse('2026-12-02T05:00:00Z') });
  });

  it('puts the hours before the cut-off in the previous business day', () => {
    expect(businessDayAt(new Date('2026-12-02T08:59:59Z'), newYorkAt4).date).toBe('2026-12-01'); // 03:59 local
    expect(businessDayAt(new Date('2026-12-02T09:00:00Z'), newYorkAt4).date).toBe('2026-12-02'); // 04:00 local
    expect(businessDayOn('2026-12-02', newYorkAt4).fromMs).toBe(Date.parse('2026-12-02T09:00:00Z'));
  });

  it('is 23 hours long on the day clocks go forward and 25 on the day they go back', () => {
    const spring = businessDayOn('2026-03-08', newYork);
    const autumn = businessDayOn('2026-11-01', newYork);
    expect(spring.toMs - spring.fromMs).toBe(hours(23));
    expect(autumn.toMs - autumn.fromMs).toBe(hours(25));
  });

  it('starts at the next hour when the cut-off hour is skipped by the clock change', () => {
    const skipped: BusinessDayRule = { timeZone: 'America/New_York', cutoffHour: 2 };
    const day = businessDayAt(new Date('2026-03-08T07:30:00Z'), skipped); // 03:30 EDT, just after the jump
    expect(day.date).toBe('2026-03-08');
    expect(day.fromMs).toBeLessThanOrEqual(Date.parse('2026-03-08T07:30:00Z'));
    expect(day.toMs).toBeGreaterThan(Date.parse('2026-03-08T07:30:00Z'));
  });

  it('covers every instant exactly once: consecutive days meet without gap or overlap', () => {
    let day = businessDayOn('2026-01-01', newYorkAt4);
    for (let count = 0; count < 400; count++) {
      const next = businessDayAfter(day, 1, newYorkAt4);
      expect(next.fromMs).toBe(day.toMs);
      expect(businessDayAt(day.toMs - 1, newYorkAt4).date).toBe(day.date);
      expect(businessDayAt(day.toMs, newYorkAt4).date).toBe(next.date);
      day = next;
    }
    expect(businessDayAfter(day, -400, newYorkAt4).date).toBe('2026-01-01');
  });

  it('refuses a date that is not one', () => {
    expect(() => businessDayOn('2026-02-30', newYork)).toThrow(/not a calendar date/);
    expect(() => businessDayOn('yesterday', newYork)).toThrow(/YYYY-MM-DD/);
  });
});
