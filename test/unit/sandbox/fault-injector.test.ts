/**
 * Fault scoping (times, path, method) and the settlement cutoff arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../main/sandbox/fault-injector';
import { batchCloseAfter } from '../../../main/sandbox/transaction-ledger';

describe('sandbox fault injector', () => {
  it('applies a fault to the next N matching requests only', () => {
    const faults = new FaultInjector();
    faults.set({ kind: 'error', times: 2, path: '/pts/v2/payments', method: 'post' });
    expect(faults.take('GET', '/pts/v2/payments/1')).toBeUndefined();
    expect(faults.take('POST', '/tss/v2/transactions/1')).toBeUndefined();
    expect(faults.take('POST', '/pts/v2/payments')).toMatchObject({ kind: 'error' });
    expect(faults.take('POST', '/pts/v2/payments/1/captures')).toMatchObject({ kind: 'error' });
    expect(faults.take('POST', '/pts/v2/payments')).toBeUndefined();
  });

  it('matches paths by RegExp, knows when it refuses, and clears', () => {
    const faults = new FaultInjector();
    faults.set({ kind: 'drop', path: /\/voids$/ });
    expect(faults.take('POST', '/pts/v2/captures/1/voids')).toMatchObject({ kind: 'drop' });
    expect(faults.take('POST', '/pts/v2/captures/1/refunds')).toBeUndefined();
    faults.set({ kind: 'refuse' });
    expect(faults.refusing).toBe(true);
    expect(faults.take('POST', '/pts/v2/payments')).toBeUndefined();
    faults.clear();
    expect(faults.refusing).toBe(false);
    expect(() => faults.set({ kind: 'error', status: 200 })).toThrow(RangeError);
  });
});

describe('settlement cutoff', () => {
  it('closes the batch at the first cutoff after the transaction', () => {
    const cutoff = { timeZone: 'UTC', cutoffHour: 2 };
    expect(batchCloseAfter(new Date('2026-03-02T22:30:00Z'), cutoff).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(batchCloseAfter(new Date('2026-03-03T01:59:59Z'), cutoff).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(batchCloseAfter(new Date('2026-03-03T02:00:00Z'), cutoff).toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(batchCloseAfter(new Date('2026-12-31T23:00:00Z'), { timeZone: 'UTC', cutoffHour: 0 }).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it("closes at the store's cut-off on its own clock, through daylight saving changes", () => {
    const newYork = { timeZone: 'America/New_York', cutoffHour: 4 };
    // 19:30 in New York (UTC−5) is 00:30 UTC the next day: still that store's day until 04:00 New York time.
    expect(batchCloseAfter(new Date('2026-12-02T00:30:00Z'), newYork).toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(batchCloseAfter(new Date('2026-12-02T09:00:00Z'), newYork).toISOString()).toBe('2026-12-03T09:00:00.000Z');
    // Summer time (UTC−4): the same 04:00 is 08:00 UTC.
    expect(batchCloseAfter(new Date('2026-07-01T12:00:00Z'), newYork).toISOString()).toBe('2026-07-02T08:00:00.000Z');
  });
});
