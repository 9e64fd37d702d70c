import { describe, expect, it } from 'vitest';
import type { BusinessDayRule } from '../../../main/business-day';
import { declineWindowStart, judgeCard, maxDeclinesPerCard, refusalMessage } from '../../../main/payments/decline-policy';
import type { CardDeclineRow } from '../../../main/payments/journal/records';

/** A store in New York whose business day turns at 04:00 local time. */
const newYork: BusinessDayRule = { timeZone: 'America/New_York', cutoffHour: 4 };
const at = (iso: string) => Date.parse(iso);
const decline = (iso: string, category: string | null, reference = 'SALE-a'): CardDeclineRow => ({ declinedAtMs: at(iso), category, reference });

describe('the decline retry rules', () => {
  it('lets a card with no declines, or with ordinary ones, be tried', () => {
    expect(judgeCard([], undefined, newYork)).toEqual({ verdict: 'may-try', declinesInWindow: 0 });
    for (const category of ['02', '03', '04', '97', '98', '99', null]) {
      expect(judgeCard([decline('2026-11-20T15:00:00Z', category)], 'SALE-a', newYork)).toEqual({ verdict: 'may-try', declinesInWindow: 1 });
    }
  });

  it('refuses a category 01 transaction tried again, with no override', () => {
    const verdict = judgeCard([decline('2026-11-20T15:00:00Z', '01', 'SPLIT-x')], 'SPLIT-x', newYork);
    expect(verdict).toEqual({ rule: 'same-transaction', declinedOn: '2026-11-20', clearsOn: '2026-12-20', declinesInWindow: 1, declineLimit: 15, overridable: false });
  });

  it('holds a category 01 card back from a new transaction, naming the store day it was declined, and a manager may let it through', () => {
    // 02:30 on 21 November in New York is before the 04:00 cut-off: still business day 20 November.
    const verdict = judgeCard([decline('2026-11-21T07:30:00Z', '01', 'SALE-old')], undefined, newYork);
    expect(verdict).toMatchObject({ rule: 'issuer-never-approves', declinedOn: '2026-11-20', clearsOn: '2026-12-20', overridable: true });
    expect(refusalMessage(verdict as Exclude<typeof verdict, { verdict: 'may-try' }>)).toContain('on 2026-11-20 as "will never approve"');
  });

  it('counts 30 business days in the store time zone: the decline day is the first, the 31st day is free', () => {
    const declinedAt = at('2026-11-21T07:30:00Z'); // business day 2026-11-20 in New York
    // Last instant of business day 29 after it (2026-12-19 03:59:59.999 EST is 08:59:59.999 UTC on 12-20): still counted.
    expect(declineWindowStart(new Date(at('2026-12-20T08:59:59.999Z')), newYork)).toBeLessThanOrEqual(declinedAt);
    // The first instant of business day 2026-12-20 (04:00 EST = 09:00 UTC): the decline has left the window.
    expect(declineWindowStart(new Date(at('2026-12-20T09:00:00Z')), newYork)).toBeGreaterThan(declinedAt);
    // The same instants read in UTC would split the days elsewhere: 2026-12-20T05:00Z is still 12-19 in the store.
    expect(declineWindowStart(new Date(at('2026-12-20T05:00:00Z')), newYork)).toBeLessThanOrEqual(declinedAt);
  });

  it('allows at most 15 declines in the window, and says on which day the count drops below the limit', () => {
    const declines = Array.from({ length: maxDeclinesPerCard }, (_, day) => decline(`2026-11-${String(day + 1).padStart(2, '0')}T15:00:00Z`, '02'));
    expect(judgeCard(declines.slice(0, 14), undefined, newYork)).toEqual({ verdict: 'may-try', declinesInWindow: 14 });
    expect(judgeCard(declines, undefined, newYork)).toEqual({
      rule: 'retry-limit', declinedOn: '2026-11-01', clearsOn: '2026-12-01', declinesInWindow: 15, declineLimit: 15, overridable: false,
    });
    // Sixteen in the window: the count stays at the limit until the second-oldest leaves too.
    const sixteen = [...declines, decline('2026-11-16T15:00:00Z', '02')];
    expect(judgeCard(sixteen, undefined, newYork)).toMatchObject({ rule: 'retry-limit', clearsOn: '2026-12-02', declinesInWindow: 16 });
  });

  it('puts the limit before the override: at 15 declines even a category 01 card on a new sale is refused outright', () => {
    const declines = [decline('2026-11-01T15:00:00Z', '01', 'SALE-old'), ...Array.from({ length: 14 }, () => decline('2026-11-02T15:00:00Z', '02'))];
    expect(judgeCard(declines, undefined, newYork)).toMatchObject({ rule: 'retry-limit', overridable: false });
  });
});
