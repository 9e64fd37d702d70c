import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { businessDayAt } from '../../../main/business-day';
import { dayHandlers } from '../../../main/payments/day-handlers';
import type { PaymentContext } from '../../../main/payments/payment-context';
import type { ChannelResult, PosResult } from '../../../preload/contract';
import { cards, newKey, testClock, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();

/** Calls `day.report` through the real dispatcher, so the answer meets the contract's result schema. */
async function report(context: PaymentContext): Promise<ChannelResult<'day.report'>> {
  const dispatch = createDispatch(dayHandlers(context) as unknown as Handlers, context.logger);
  return valueOf((await dispatch('day.report', undefined)) as PosResult<ChannelResult<'day.report'>>);
}

/** A sale approved offline, queued as the offline rules queue one (the sealed card is opaque here). */
function queueOfflineSale(context: PaymentContext, orderId: string, amountMinor: number): void {
  context.journal.openOrder({ id: orderId, kind: 'sale', amountMinor, currency: 'USD', operatorId: 'op-1' });
  context.journal.enqueueOfflineSale({
    orderId,
    amountMinor,
    currency: 'USD',
    card: { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'contactless', fingerprint: 'f'.repeat(64) },
    operatorId: 'op-1',
    sealedCard: Buffer.alloc(64, 7),
  });
}

describe('day report', () => {
  it("books the business day's takings by brand and kind, and lists the pending offline sales with their amounts", async () => {
    const clock = testClock();
    const { call, swipe, tap, context } = await payments.start({ clock });
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1234, cardHandle: swipe(cards.visa) }));
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: tap(cards.visa) }));
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 2000, cardHandle: swipe(cards.mastercard) }));
    queueOfflineSale(context, 'SALE-offline1', 1999);

    const day = await report(context);
    expect(day.date).toBe(businessDayAt(clock(), context.settings().businessDay).date);
    expect(Date.parse(day.from)).toBeLessThanOrEqual(clock().getTime());
    expect(Date.parse(day.to)).toBeGreaterThan(clock().getTime());
    const [usd] = day.books.currencies;
    expect(day.books.currencies).toHaveLength(1);
    expect(usd?.netMinor).toBe(3734);
    expect(usd?.byBrand).toEqual([
      { key: 'mastercard', count: 1, voidedCount: 0, grossMinor: 2000, voidedMinor: 0, netMinor: 2000 },
      { key: 'visa', count: 2, voidedCount: 0, grossMinor: 1734, voidedMinor: 0, netMinor: 1734 },
    ]);
    expect(usd?.byKind).toEqual([{ key: 'sale', count: 3, voidedCount: 0, grossMinor: 3734, voidedMinor: 0, netMinor: 3734 }]);
    // Pending offline sales are never silently left out: listed one by one with their amounts.
    expect(day.offlinePending.count).toBe(1);
    expect(day.offlinePending.totals).toEqual([{ currency: 'USD', count: 1, totalMinor: 1999 }]);
    expect(day.offlinePending.sales).toMatchObject([{ orderId: 'SALE-offline1', state: 'queued', amountMinor: 1999, maskedPan: '•••• 1111' }]);
    expect(day.offlineToday).toEqual([{ state: 'queued', currency: 'USD', count: 1, totalMinor: 1999 }]);
    expect(day.exceptions).toEqual([]);
  });

  it('starts a new business day at the cut-off but keeps listing offline sales still pending from before', async () => {
    const clock = testClock();
    const { call, swipe, context } = await payments.start({ clock });
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1234, cardHandle: swipe(cards.visa) }));
    queueOfflineSale(context, 'SALE-offline2', 4500);
    clock.advance(24 * 60 * 60_000);

    const day = await report(context);
    expect(day.date).toBe(businessDayAt(clock(), context.settings().businessDay).date);
    expect(day.books).toEqual({ currencies: [] });
    expect(day.offlineToday).toEqual([]);
    expect(day.offlinePending.sales).toMatchObject([{ orderId: 'SALE-offline2', amountMinor: 4500 }]);
  });

  it('lists declines that came back after forwarding as exceptions', async () => {
    const { context } = await payments.start({ clock: testClock() });
    queueOfflineSale(context, 'SALE-offline3', 3000);
    const [row] = context.journal.queuedOfflineSales();
    if (!row) throw new Error('expected a queued sale');
    context.journal.markOfflineForward(row.id, 'TFWD1');
    context.journal.finishOfflineSale(row.id, { state: 'exception', reason: 'INSUFFICIENT_FUND', message: 'declined' });

    const day = await report(context);
    expect(day.offlinePending).toEqual({ count: 0, totals: [], sales: [] });
    expect(day.exceptions).toMatchObject([{ orderId: 'SALE-offline3', state: 'exception', amountMinor: 3000, declineReason: 'INSUFFICIENT_FUND' }]);
    expect(day.offlineToday).toEqual([{ state: 'exception', currency: 'USD', count: 1, totalMinor: 3000 }]);
  });
});
