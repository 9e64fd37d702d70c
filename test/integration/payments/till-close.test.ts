import { describe, expect, it } from 'vitest';
import type { Channel, ChannelArgs, ChannelResult, PosResult } from '../../../preload/contract';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { createLogger } from '../../../main/log';
import { dayHandlers } from '../../../main/payments/day-handlers';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import { managerGate } from '../../../main/payments/manager-approval';
import { createManagerDirectory } from '../../../main/payments/manager-directory';
import type { PaymentContext } from '../../../main/payments/payment-context';
import { salesHandlers } from '../../../main/payments/sales-handlers';
import { gatewaySearch } from '../../../main/payments/till';
import { tillHandlers } from '../../../main/payments/till-handlers';
import { approval, useFrontDesk, type FrontDesk } from './front-desk-fixture';
import { cards } from './payments-fixture';

const frontDesk = useFrontDesk();

type Call = <C extends Channel>(channel: C, args?: ChannelArgs<C>) => Promise<PosResult<ChannelResult<C>>>;

/** Every channel the close touches, through the real dispatcher, over `context` (the desk's, or one with a doctored gateway). */
function terminalCalls(desk: FrontDesk, context: PaymentContext = desk.context): { call: Call; ok: <C extends Channel>(channel: C, args?: ChannelArgs<C>) => Promise<ChannelResult<C>> } {
  const approve = managerGate(context.journal, createManagerDirectory(desk.secrets), context.logger);
  const handlers = { ...salesHandlers(context), ...dayHandlers(context), ...hotelHandlers(context, desk.secrets), ...tillHandlers({ context, approve, search: gatewaySearch(context) }) };
  // Only these channels are registered; the others are never called here.
  const dispatch = createDispatch(handlers as Handlers, createLogger(() => undefined));
  const call: Call = (channel, args) => dispatch(channel, args) as never;
  return {
    call,
    async ok(channel, args) {
      const result = await call(channel, args);
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

describe('closing the till', () => {
  it('reconciles a day of sales, a decline, a void and a split tender with the gateway, all matched, as Z #1; the next sale starts session 2', async () => {
    const desk = await frontDesk();
    const { ok, call } = terminalCalls(desk);
    const sale = (amountMinor: number, pan: string = cards.visa, allowPartial = false) =>
      ok('sale.charge', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', amountMinor, cardHandle: desk.swipe(pan), allowPartial });

    expect(await ok('till.state')).toEqual({ open: null, lastZNumber: null, currency: 'USD' });
    expect(await ok('till.open', { operatorId: 'mgr-ana', floatMinor: 100_00 })).toMatchObject({ id: 1, floatMinor: 100_00, implicit: false });
    const first = await sale(12_34);
    if (first.outcome !== 'approved') throw new Error('the 12.34 sale was not approved');
    expect(await sale(1000_05, cards.mastercard)).toMatchObject({ outcome: 'declined' });
    const voided = await sale(25_00);
    if (voided.outcome !== 'approved') throw new Error('the 25.00 sale was not approved');
    await ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: voided.receipt.transactionId, releaseHold: false, approval });
    const split = await sale(100_00, cards.prepaid60, true);
    if (split.outcome !== 'partially-approved') throw new Error('the 100.00 sale was not partially approved');
    expect(await ok('split.addCash', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', sessionId: split.session.sessionId, amountMinor: 40_00 })).toMatchObject({ state: 'completed' });
    expect((await ok('day.report')).books.currencies).toEqual([expect.objectContaining({ currency: 'USD', netMinor: 12_34 + 60_00 + 40_00 })]);

    const closed = await ok('till.close', { operatorId: 'cashier-1', countedMinor: 139_50, approval });
    if (closed.kind !== 'closed') throw new Error(`not closed: ${JSON.stringify(closed.reconciliation.differences)}`);
    const { report } = closed;
    expect(report).toMatchObject({ number: 1, sessionId: 1, closedBy: 'cashier-1', approvedBy: 'mgr-ana', openedBy: 'mgr-ana', implicitOpen: false, currency: 'USD' });
    expect(report.reconciliation).toMatchObject({ differences: [], declinesMatched: 1, undoneMatched: 0 });
    // The sale, the voided sale and its void, and the split tender's partial sale and its capture.
    expect(report.reconciliation.matched).toBe(5);
    expect(report.cash).toEqual({ floatMinor: 100_00, cashTakenMinor: 40_00, cashRefundedMinor: 0, expectedMinor: 140_00, countedMinor: 139_50, varianceMinor: -50 });
    // The day report's books over the session: the 12.34 sale, the split tender's 60.00 card capture and 40.00 cash; the void took its sale back.
    expect(report.books.currencies).toEqual([expect.objectContaining({ currency: 'USD', netMinor: 112_34, cash: { count: 1, amountMinor: 40_00 }, declines: 1 })]);

    // Today's report and the void list start again; the closed Z's sale can still be refunded.
    const after = await ok('day.report');
    expect(after.books.currencies).toEqual([]);
    expect(await ok('voids.list')).toEqual([]);
    expect(await ok('till.state')).toEqual({ open: null, lastZNumber: 1, currency: 'USD' });
    const closedVoid = await call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: first.receipt.transactionId, releaseHold: false, approval });
    expect(closedVoid).toMatchObject({ ok: false, error: { code: 'SETTLED', message: expect.stringContaining('Z report #1') } });
    expect(await ok('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: first.receipt.transactionId, approval })).toMatchObject({ refund: { status: 'approved' } });
    const next = await sale(5_00);
    expect(next).toMatchObject({ outcome: 'approved' });
    expect(await ok('till.state')).toMatchObject({ open: { id: 2, implicit: true, floatMinor: 0 }, lastZNumber: 1 });
    // Session 2: the refund of Z #1's sale and the new sale.
    expect((await ok('day.report')).books.currencies).toEqual([expect.objectContaining({ netMinor: 5_00 - 12_34 })]);

    expect(await ok('till.zReport', { number: 1 })).toEqual(report);
    expect(await ok('till.zReports')).toEqual([expect.objectContaining({ number: 1, netMinor: 112_34, varianceMinor: -50, differences: 0 })]);
    const { fileName, csv } = await ok('till.zReportCsv', { number: 1 });
    expect(fileName).toBe('z-report-0001-COUNTER1.csv');
    expect(csv.split('\r\n')).toEqual(expect.arrayContaining(['section,item,currency,count,amount,voided,net,detail', 'Z report,number,,,,,,1', 'Cash,variance,USD,,-0.50,,,', 'Books,net takings,USD,,,,112.34,', 'Reconciliation,differences,,0,,,,']));
    expect(await call('till.zReport', { number: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('finds an approval whose answer was lost, undoes it with a manager’s approval through the runner, then closes with it matched as undone', async () => {
    const desk = await frontDesk();
    const client = await desk.context.gateway();
    // The gateway approves the sale, and the terminal never hears the answer.
    const losingAnswers: PaymentContext = { ...desk.context, gateway: async () => ({ ...client, sale: async (input) => {
      await client.sale(input);
      throw new Error('the connection broke after the request was sent');
    } }) };
    const lossy = terminalCalls(desk, losingAnswers);
    const { ok, call } = terminalCalls(desk);
    expect(await lossy.call('sale.charge', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', amountMinor: 42_00, cardHandle: desk.swipe(cards.visa) })).toMatchObject({ ok: false });
    const [lost] = desk.context.journal.tillSessionAttempts(1);
    expect(lost).toMatchObject({ kind: 'sale', status: 'failed', amountMinor: 42_00 });
    if (!lost) throw new Error('no attempt');

    const found = await ok('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval });
    if (found.kind !== 'differences') throw new Error('closed without seeing the lost approval');
    expect(found.reconciliation.differences).toEqual([
      expect.objectContaining({ kind: 'gateway-only', transactionId: lost.transactionId, reference: lost.reference, attemptKind: 'sale', gatewayMinor: 42_00, maskedPan: '•••• 1111', action: 'undo' }),
    ]);
    expect(await ok('till.state')).toMatchObject({ open: { id: 1 }, lastZNumber: null });

    const wrongPin = await call('till.undoOrphan', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: lost.transactionId, approval: { ...approval, pin: '0000' } });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ok('till.undoOrphan', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: lost.transactionId, approval })).toMatchObject({ transactionId: lost.transactionId, result: 'undone' });
    const undo = desk.context.journal.tillSessionAttempts(1).at(-1);
    expect(undo).toMatchObject({ kind: 'timeout-reversal', status: 'approved', parentTransactionId: lost.transactionId, operatorId: 'cashier-1', managerId: 'mgr-ana' });
    expect(await call('till.undoOrphan', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: lost.transactionId, approval })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });

    const closed = await ok('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval });
    expect(closed).toMatchObject({ kind: 'closed', report: { number: 1, reconciliation: { differences: [], matched: 1, undoneMatched: 1 } } });
  });

  it('closes nothing without the manager, or while the gateway cannot be searched; and closes with differences only when told to', async () => {
    const desk = await frontDesk();
    const { ok, call } = terminalCalls(desk);
    await ok('sale.charge', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', amountMinor: 9_99, cardHandle: desk.swipe(cards.visa) });

    expect(await call('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval: { ...approval, pin: '0000' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('till.close', { operatorId: 'cashier-1', countedMinor: -1, approval })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [expect.objectContaining({ field: 'countedMinor' })] } });
    desk.sandbox.faults.set({ kind: 'refuse' });
    expect(await call('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval })).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    desk.sandbox.faults.clear();
    expect(await ok('till.state')).toMatchObject({ open: { id: 1 }, lastZNumber: null });

    // A sale the journal has approved that never reached the gateway (a journal written by hand, a bug): journal-only, closed only when accepted.
    const { journal } = desk.context;
    journal.openOrder({ id: 'SALE-ghost', kind: 'sale', amountMinor: 7_00, currency: 'USD', operatorId: 'cashier-1' });
    journal.recordAttemptPending({ transactionId: 'T-ghost', kind: 'sale', owner: { orderId: 'SALE-ghost' }, amountMinor: 7_00, currency: 'USD', operatorId: 'cashier-1' });
    journal.settleAttempt('T-ghost', { status: 'approved', gatewayId: '7000000000000000000001' });
    const checked = await ok('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval });
    expect(checked).toMatchObject({ kind: 'differences', reconciliation: { matched: 1, differences: [expect.objectContaining({ kind: 'journal-only', transactionId: 'T-ghost', journalMinor: 7_00, action: 'check' })] } });
    expect(await call('till.undoOrphan', { idempotencyKey: desk.newKey(), operatorId: 'cashier-1', transactionId: 'T-ghost', approval })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    const accepted = await ok('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval, acceptDifferences: true });
    expect(accepted).toMatchObject({ kind: 'closed', report: { number: 1, reconciliation: { differences: [expect.objectContaining({ kind: 'journal-only' })] } } });
    expect(await call('till.close', { operatorId: 'cashier-1', countedMinor: 0, approval })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
  });
});
