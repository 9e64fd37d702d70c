import { describe, expect, it } from 'vitest';
import { callerFor, cards, newKey, valueOf } from './payments-fixture';
import { approval, manualClock, useFrontDesk, type FrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();

/** A sale rung up at the counter (the sales channels on the same terminal), by operator `operatorId`. */
async function sale(desk: FrontDesk, amountMinor: number, { pan = cards.visa as string, operatorId = 'op-1' } = {}): Promise<{ transactionId: string; approvalCode: string }> {
  const result = valueOf(await callerFor(desk.context)('sale.charge', { idempotencyKey: newKey(), operatorId, amountMinor, cardHandle: desk.swipe(pan) }));
  if (result.outcome !== 'approved') throw new Error(`sale not approved: ${result.outcome}`);
  return { transactionId: result.receipt.transactionId, approvalCode: result.receipt.approvalCode ?? '' };
}

const refundOf = (desk: FrontDesk, transactionId: string, amountMinor?: number) =>
  desk.call('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, approval, ...(amountMinor === undefined ? {} : { amountMinor }) });

describe('refunds from the transaction history', () => {
  it('refunds a sale in parts up to what was captured, then refuses naming what is left', async () => {
    const desk = await frontDesk();
    const { transactionId } = await sale(desk, 25_00);

    const first = await desk.ok('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, amountMinor: 10_00, approval });
    expect(first).toMatchObject({ how: 'refunded', step: { kind: 'refund', status: 'approved', approvedMinor: 10_00, managerId: approval.managerId } });
    expect(first.detail).toMatchObject({ capturedMinor: 25_00, refundedMinor: 10_00, refundableMinor: 15_00, voidRefusal: expect.stringMatching(/has refunds/) });

    const before = desk.snapshot();
    expect(await refundOf(desk, transactionId, 15_01)).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: 'OVER_LIMIT: refunds may total at most what was captured: 15.00 of 25.00 is left to refund', fields: [{ field: 'amountMinor' }] },
    });
    expect(desk.snapshot()).toBe(before);

    // "The rest" after a partial refund is a refund too: a void would take back the whole sale.
    const rest = await desk.ok('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, approval });
    expect(rest).toMatchObject({ how: 'refunded', step: { approvedMinor: 15_00 }, detail: { refundedMinor: 25_00, refundableMinor: 0 } });
    expect(rest.detail.followOns.map((step) => [step.kind, step.approvedMinor, step.voided])).toEqual([['refund', 10_00, false], ['refund', 15_00, false]]);

    expect(await refundOf(desk, transactionId, 1)).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining('0.00 of 25.00 is left to refund') } });
    const sandboxSale = desk.sandbox.transactions().find((entry) => entry.kind === 'sale');
    expect(sandboxSale).toMatchObject({ refundedMinor: 25_00 });
    expect(desk.sandbox.transactions().filter((entry) => entry.kind === 'refund').map((entry) => entry.amountMinor)).toEqual([10_00, 15_00]);
  });

  it('voids instead when the whole sale goes back before the batch settles', async () => {
    const desk = await frontDesk();
    const { transactionId } = await sale(desk, 42_00);
    const result = await desk.ok('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, approval });
    expect(result).toMatchObject({ how: 'voided', step: { kind: 'void', status: 'approved' }, detail: { voidedMinor: 42_00, refundableMinor: 0, entry: { voided: true } } });
    expect(desk.sandbox.transactions().filter((entry) => entry.kind === 'refund')).toEqual([]);
    expect(desk.sandbox.transactions().find((entry) => entry.kind === 'sale')).toMatchObject({ state: 'voided' });
  });

  it('refunds when the gateway refuses the void because its batch has settled, on the same approval', async () => {
    const desk = await frontDesk();
    const { transactionId } = await sale(desk, 30_00);
    desk.sandbox.settle();
    const result = await desk.ok('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, approval });
    expect(result).toMatchObject({ how: 'refunded', step: { kind: 'refund', status: 'approved', approvedMinor: 30_00 }, detail: { refundableMinor: 0 } });
    const kinds = desk.context.journal.followOns(transactionId).map((step) => [step.kind, step.status]);
    expect(kinds).toEqual([['void', 'invalid'], ['refund', 'approved']]);
    // One PIN check for the one action.
    const asked = desk.context.journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }).filter((row) => row.subject === transactionId);
    expect(asked.map((row) => [row.action, row.verdict])).toEqual([['refund', 'granted']]);
  });

  it('offers the refunds made today for a void, and shows the void in the detail', async () => {
    const desk = await frontDesk();
    const { transactionId } = await sale(desk, 20_00);
    const { step } = await desk.ok('history.refund', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId, amountMinor: 5_00, approval });
    expect((await desk.ok('history.get', { transactionId })).voidableRefunds).toEqual([step.transactionId]);
    await desk.ok('refunds.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', refundTransactionId: step.transactionId, approval });
    const detail = await desk.ok('history.get', { transactionId });
    expect(detail).toMatchObject({ refundedMinor: 0, refundableMinor: 20_00, voidableRefunds: [] });
    expect(detail.followOns).toEqual([expect.objectContaining({ kind: 'refund', voided: true })]);
  });
});

describe('a refund without the original sale', () => {
  it('credits the presented card with a manager approval and links the card by its fingerprint', async () => {
    const desk = await frontDesk();
    const refused = await desk.call('refunds.credit', { idempotencyKey: desk.newKey(), operatorId: 'op-1', cardHandle: desk.swipe(cards.mastercard), amountMinor: 12_50, approval: { ...approval, pin: '0000' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(desk.sandbox.transactions()).toEqual([]);

    const args = { idempotencyKey: desk.newKey(), operatorId: 'op-1', cardHandle: desk.swipe(cards.mastercard), amountMinor: 12_50, approval };
    const credited = await desk.ok('refunds.credit', args);
    // A double-click sends nothing more: the same key answers with the first credit.
    expect(await desk.ok('refunds.credit', args)).toEqual(credited);
    expect(credited).toMatchObject({
      orderId: expect.stringMatching(/^CREDIT-/),
      credit: { kind: 'credit', status: 'approved', approvedMinor: 12_50, managerId: approval.managerId },
      receipt: { kind: 'credit', amountMinor: 12_50, maskedPan: '•••• 4444', brand: 'mastercard' },
    });
    const row = desk.context.journal.attempt(credited.credit.transactionId);
    expect(row?.cardFingerprint).toBe(await desk.context.fingerprint(cards.mastercard));
    expect(JSON.stringify(row)).not.toContain(cards.mastercard);
    expect(desk.context.journal.order(credited.orderId)).toMatchObject({ kind: 'credit', capturedMinor: 12_50 });
    expect(desk.sandbox.transactions()).toEqual([expect.objectContaining({ kind: 'credit', amountMinor: 12_50, cardSuffix: '4444' })]);

    // The history finds it, cannot refund it, and may void it today.
    const detail = await desk.ok('history.get', { transactionId: credited.credit.transactionId });
    expect(detail).toMatchObject({ entry: { kind: 'credit' }, refundRefusal: 'a credit cannot be refunded', voidRefusal: null, hasReceipt: true });
    const voided = await desk.ok('refunds.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', refundTransactionId: credited.credit.transactionId, approval });
    expect(voided.void).toMatchObject({ kind: 'void', status: 'approved' });
  });
});

describe('transaction history search', () => {
  it('finds transactions by business day, amount, last 4, approval code and operator', async () => {
    const time = manualClock('2026-11-21T15:00:00Z');
    const desk = await frontDesk({ clock: time.clock });
    desk.configure({ businessDay: { timeZone: 'America/New_York', cutoffHour: 4 } });
    const early = await sale(desk, 11_00, { pan: cards.visa, operatorId: 'ana' });
    // 02:00 in New York on the 22nd is before the 04:00 cut-off: still the 21st's business day.
    time.advance(16 * 3_600_000);
    const late = await sale(desk, 22_00, { pan: cards.mastercard, operatorId: 'ben' });
    time.advance(2 * 3_600_000);
    const nextDay = await sale(desk, 11_00, { pan: cards.mastercard, operatorId: 'ana' });

    const ids = async (query: Parameters<typeof desk.call<'history.search'>>[1]) => (await desk.ok('history.search', query)).entries.map((entry) => entry.transactionId);
    expect(await ids({ businessDate: '2026-11-21' })).toEqual([late.transactionId, early.transactionId]);
    expect(await ids({ businessDate: '2026-11-22' })).toEqual([nextDay.transactionId]);
    // No criterion at all: today's business day (04:00 in New York on the 22nd, the cut-off).
    expect(await desk.ok('history.search', {})).toMatchObject({ businessDay: { date: '2026-11-22' }, entries: [{ transactionId: nextDay.transactionId }], more: false });
    expect(await ids({ amountMinor: 11_00 })).toEqual([nextDay.transactionId, early.transactionId]);
    expect(await ids({ last4: '4444' })).toEqual([nextDay.transactionId, late.transactionId]);
    expect(await ids({ last4: '4444', businessDate: '2026-11-21' })).toEqual([late.transactionId]);
    expect(await ids({ approvalCode: late.approvalCode })).toEqual([late.transactionId]);
    expect(await ids({ operatorId: 'ana' })).toEqual([nextDay.transactionId, early.transactionId]);
    expect(await ids({ operatorId: 'ana', amountMinor: 11_00, last4: '1111' })).toEqual([early.transactionId]);
    expect(await desk.ok('history.search', { operatorId: 'ana', limit: 1 })).toMatchObject({ entries: [{ transactionId: nextDay.transactionId }], more: true });

    expect(await desk.call('history.search', { businessDate: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'businessDate' }] } });
    expect(await desk.call('history.search', { last4: '12a4' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('prints a copy of the receipt, marked as one, and none for what was not approved', async () => {
    const desk = await frontDesk();
    const { transactionId } = await sale(desk, 9_99);
    expect(await desk.ok('history.reprint', { transactionId })).toMatchObject({ copy: true, kind: 'sale', amountMinor: 9_99, maskedPan: '•••• 1111', transactionId });
    const declined = valueOf(await callerFor(desk.context)('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000_05, cardHandle: desk.swipe(cards.visa) }));
    expect(declined.outcome).toBe('declined');
    const [row] = (await desk.ok('history.search', { amountMinor: 1000_05 })).entries;
    expect(row).toMatchObject({ status: 'declined' });
    expect(await desk.call('history.reprint', { transactionId: row?.transactionId ?? '' })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
  });
});
