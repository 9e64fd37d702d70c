/**
 * One business day everywhere: a store in New York (UTC−5 in December) whose day ends at 04:00.
 * A capture at 19:30 local time is 00:30 UTC the next calendar day: it must still be the store's
 * day on the Void screen, on the Day report and in the sandbox's batch, and none of them after
 * the cut-off.
 */
import { describe, expect, it } from 'vitest';
import { dayReport } from '../../../main/payments/day-handlers';
import { approval, checkedOutStay, manualClock, useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const newYork = { timeZone: 'America/New_York', cutoffHour: 4 };

describe('the business day in America/New_York, cut-off 04:00', () => {
  it('keeps a 19:30 capture voidable and on the report until the cut-off, and neither after it', async () => {
    const time = manualClock('2026-12-02T00:30:00Z');
    const desk = await frontDesk({ clock: time.clock });
    desk.configure({ businessDay: newYork });
    const { captureId } = await checkedOutStay(desk);

    // 19:30 on 1 December in New York: today's, voidable, not settled.
    expect((await desk.ok('voids.list')).map((row) => row.transactionId)).toEqual([captureId]);
    const evening = dayReport(desk.context);
    expect(evening).toMatchObject({ date: '2026-12-01', timeZone: 'America/New_York', cutoffHour: 4, from: '2026-12-01T09:00:00.000Z', to: '2026-12-02T09:00:00.000Z' });
    expect(evening.books.currencies[0]?.byKind).toEqual([{ key: 'capture', count: 1, voidedCount: 0, grossMinor: 150_00, voidedMinor: 0, netMinor: 150_00 }]);

    // 03:59 in New York: still the same business day and batch.
    time.advance(8 * 3_600_000 + 29 * 60_000);
    expect((await desk.ok('voids.list')).map((row) => row.transactionId)).toEqual([captureId]);
    expect(dayReport(desk.context).date).toBe('2026-12-01');
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ settled: false });

    // 04:00: the batch settled at the gateway, the terminal agrees, and the next day's report starts empty.
    time.advance(60_000);
    expect(await desk.ok('voids.list')).toEqual([]);
    const refused = await desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, releaseHold: true, approval });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTLED' } });
    const next = dayReport(desk.context);
    expect(next).toMatchObject({ date: '2026-12-02', books: { currencies: [] } });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ settled: true });
  });
});
