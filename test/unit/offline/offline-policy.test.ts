import { describe, expect, it } from 'vitest';
import { defaultOfflinePolicy, judgeOfflineSale, type OfflineCandidate, type OfflineQueueState } from '../../../main/offline/offline-policy';

const now = Date.parse('2026-11-21T12:00:00.000Z');
const swiped: OfflineCandidate = { kind: 'sale', entryMode: 'swiped', amountMinor: 2_000, currency: 'USD' };
const empty: OfflineQueueState = { outstandingMinor: 0, oldestAtMs: null, sameCardQueued: 0 };
const reason = (sale: Partial<OfflineCandidate>, queue: Partial<OfflineQueueState> = {}) => {
  const verdict = judgeOfflineSale(defaultOfflinePolicy, { ...swiped, ...sale }, { ...empty, ...queue }, now);
  return verdict.accepted ? 'accepted' : verdict.reason;
};

describe('offline acceptance rules (defaults)', () => {
  it('are 50.00 a sale, 500.00 outstanding, 24 hours, two sales per card', () => {
    expect(defaultOfflinePolicy).toEqual({ perSaleLimitMinor: 5_000, outstandingLimitMinor: 50_000, maxAgeMs: 86_400_000, perCardLimit: 2 });
  });

  it('accept swiped, inserted and tapped sales up to the limits, inclusive', () => {
    for (const entryMode of ['swiped', 'contact', 'contactless', 'msd']) expect(reason({ entryMode })).toBe('accepted');
    expect(reason({ amountMinor: 5_000 })).toBe('accepted');
    expect(reason({ amountMinor: 5_000 }, { outstandingMinor: 45_000 })).toBe('accepted');
    expect(reason({}, { sameCardQueued: 1, oldestAtMs: now - 86_400_000 })).toBe('accepted');
  });

  it('decline keyed cards and everything but a plain sale', () => {
    expect(reason({ entryMode: 'keyed' })).toBe('OFFLINE_CARD_NOT_PRESENT');
    for (const kind of ['pre-auth', 'tab', 'incremental', 'refund', 'split-tender'] as const) expect(reason({ kind })).toBe('OFFLINE_NOT_A_SALE');
  });

  it('decline past each limit, with a sentence for the customer that names the amount', () => {
    expect(reason({ amountMinor: 5_001 })).toBe('OFFLINE_OVER_SALE_LIMIT');
    expect(reason({}, { outstandingMinor: 48_001 })).toBe('OFFLINE_OVER_QUEUE_LIMIT');
    expect(reason({}, { oldestAtMs: now - 86_400_001 })).toBe('OFFLINE_QUEUE_TOO_OLD');
    expect(reason({}, { sameCardQueued: 2 })).toBe('OFFLINE_CARD_REPEAT');
    const verdict = judgeOfflineSale(defaultOfflinePolicy, { ...swiped, amountMinor: 9_999 }, empty, now);
    expect(verdict).toEqual({ accepted: false, reason: 'OFFLINE_OVER_SALE_LIMIT', message: expect.stringContaining('over 50.00 USD') });
  });
});
