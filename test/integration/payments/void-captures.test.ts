import { describe, expect, it } from 'vitest';
import { listPreAuths } from '../../../main/payments/pre-auth';
import { salesHandlers } from '../../../main/payments/sales-handlers';
import { approval, checkedOutStay, manualClock, useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();

describe('manager voids', () => {
  it("lists today's unsettled captures, voids one, and releases the hold under it", async () => {
    const desk = await frontDesk();
    const { tabId, captureId, authorizationId } = await checkedOutStay(desk);
    const listed = await desk.ok('voids.list');
    expect(listed).toEqual([expect.objectContaining({ transactionId: captureId, kind: 'capture', ownerKind: 'tab', reference: tabId, approvedMinor: 150_00, maskedPan: '•••• 1111' })]);

    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval });
    expect(result.void).toMatchObject({ kind: 'void', status: 'approved', operatorId: 'desk-1', managerId: approval.managerId });
    expect(result.release).toEqual({ released: true });
    expect(await desk.ok('voids.list')).toEqual([]);
    // The journal: capture voided, hold reversed, the tab closed with nothing taken.
    const { tab, history } = await desk.ok('tabs.get', { tabId });
    expect(tab).toMatchObject({ state: 'cancelled', capturedMinor: 0, heldMinor: 0 });
    expect(history.map((step) => [step.kind, step.status])).toEqual([['authorize', 'approved'], ['capture', 'approved'], ['void', 'approved'], ['reversal', 'approved']]);
    // The sandbox agrees.
    const atGateway = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === tabId);
    expect(atGateway.find((t) => t.kind === 'capture')).toMatchObject({ state: 'voided' });
    expect(atGateway.find((t) => t.kind === 'authorization')).toMatchObject({ state: 'reversed' });
    expect(desk.context.journal.attempt(authorizationId)?.status).toBe('approved');
  });

  it('keeps the hold when asked to, so the stay can be captured again', async () => {
    const desk = await frontDesk();
    const { tabId, captureId } = await checkedOutStay(desk);
    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, releaseHold: false, approval });
    expect(result.release).toBeNull();
    expect((await desk.ok('tabs.get', { tabId })).tab).toMatchObject({ state: 'open', capturedMinor: 0, heldMinor: 200_00 });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'authorization')).toMatchObject({ state: 'authorized' });
  });

  it('refuses a void after settlement and offers a refund instead', async () => {
    const desk = await frontDesk();
    const { captureId } = await checkedOutStay(desk);
    desk.sandbox.settle();
    const args = { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval };
    const refused = await desk.call('voids.void', args);
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTLED', message: expect.stringMatching(/^SETTLED: .*refund it instead/) } });
    // Asked again with the same key: the same refusal, nothing sent again.
    const sent = desk.sandbox.transactions().length;
    expect(await desk.call('voids.void', args)).toEqual(refused);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
    // The refund it offers goes through.
    const refund = await desk.ok('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval });
    expect(refund).toMatchObject({ refund: { status: 'approved', approvedMinor: 150_00 }, refundableMinor: 0 });
  });

  it("refuses yesterday's capture without asking the gateway: it settled with the day's batch", async () => {
    const time = manualClock('2026-11-21T22:00:00Z');
    const desk = await frontDesk({ clock: time.clock });
    const { captureId } = await checkedOutStay(desk);
    time.advance(3 * 3_600_000);
    expect(await desk.ok('voids.list')).toEqual([]);
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    const refused = await desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTLED', message: expect.stringMatching(/^SETTLED: .*refund it instead/), fields: [{ field: 'transactionId' }] } });
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ settled: true });
  });

  it('refuses a second void, an unknown id and what is not a capture, with the journal unchanged', async () => {
    const desk = await frontDesk();
    const { captureId, authorizationId } = await checkedOutStay(desk);
    await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval });
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    const voidOf = (transactionId: string) => desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId, approval });
    expect(await voidOf(captureId)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/already voided/) } });
    expect(await voidOf('0123456789abcdef0123456789abcdef')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await voidOf(authorizationId)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/authorize cannot be voided/) } });
    expect(await desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: 'no spaces allowed', approval })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
  });

  /** A counter pre-auth of 150.00 captured for 120.00 on Visa: the capture a manager voids. */
  async function capturedPreAuth(desk: Awaited<ReturnType<typeof frontDesk>>) {
    const sales = salesHandlers(desk.context);
    const created = await sales['preauth.create']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', amountMinor: 150_00, cardHandle: desk.key('4111111111111111') });
    if (created.outcome !== 'approved') throw new Error(`pre-auth ${created.outcome}`);
    const orderId = created.preAuth.orderId;
    const captured = await sales['preauth.capture']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', orderId, amountMinor: 120_00 });
    if (captured.outcome !== 'captured') throw new Error(`capture ${captured.outcome}`);
    expect(listPreAuths(desk.context)).toEqual([]);
    return { sales, orderId, captureId: captured.receipt.transactionId };
  }

  it("voids a counter pre-auth's capture and releases the whole hold under it", async () => {
    const desk = await frontDesk();
    const { sales, orderId, captureId } = await capturedPreAuth(desk);
    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId: captureId, approval });
    expect(result.void).toMatchObject({ status: 'approved', managerId: approval.managerId });
    expect(result.release).toEqual({ released: true });
    // The journal: capture voided, the full 150.00 authorized reversed, the pre-auth released with nothing taken.
    expect(desk.context.journal.order(orderId)).toMatchObject({ state: 'released', authorizedMinor: 150_00, capturedMinor: 0 });
    expect(desk.context.journal.history({ orderId }).map((row) => [row.kind, row.status, row.approvedMinor])).toEqual([
      ['authorize', 'approved', 150_00], ['capture', 'approved', 120_00], ['void', 'approved', 120_00], ['reversal', 'approved', 150_00],
    ]);
    expect(listPreAuths(desk.context)).toEqual([]);
    expect(await desk.ok('voids.list')).toEqual([]);
    // The sandbox agrees: nothing captured, nothing held.
    const atGateway = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === orderId);
    expect(atGateway.find((t) => t.kind === 'capture')).toMatchObject({ state: 'voided', capturedMinor: 0 });
    expect(atGateway.find((t) => t.kind === 'authorization')).toMatchObject({ state: 'reversed', authorizedMinor: 0, capturedMinor: 0 });
    expect(atGateway.filter((t) => t.kind === 'reversal')).toEqual([expect.objectContaining({ amountMinor: 150_00 })]);
    // A released pre-auth cannot be captured again.
    const again = Promise.resolve(sales['preauth.capture']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', orderId, amountMinor: 100_00 }));
    await expect(again).rejects.toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/is released/) });
  });

  it("keeps a counter pre-auth's hold when asked to: authorized again, listed, and capturable anew", async () => {
    const desk = await frontDesk();
    const { sales, orderId, captureId } = await capturedPreAuth(desk);
    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId: captureId, releaseHold: false, approval });
    expect(result).toMatchObject({ void: { status: 'approved' }, release: null });
    expect(desk.context.journal.order(orderId)).toMatchObject({ state: 'authorized', authorizedMinor: 150_00, capturedMinor: 0 });
    expect(listPreAuths(desk.context)).toEqual([expect.objectContaining({ orderId, state: 'authorized', authorizedMinor: 150_00, capturedMinor: 0 })]);
    expect(desk.sandbox.transactions().find((t) => t.kind === 'authorization')).toMatchObject({ state: 'authorized', authorizedMinor: 150_00, capturedMinor: 0 });
    expect(desk.sandbox.transactions().filter((t) => t.kind === 'reversal')).toEqual([]);

    // The corrected amount is captured on the same hold.
    const recaptured = await sales['preauth.capture']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', orderId, amountMinor: 95_00 });
    expect(recaptured).toMatchObject({ outcome: 'captured', preAuth: { state: 'paid', capturedMinor: 95_00 } });
    const captures = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === orderId && t.kind === 'capture');
    expect(captures.map((t) => [t.amountMinor, t.state])).toEqual([[120_00, 'voided'], [95_00, 'captured']]);
    expect(desk.sandbox.transactions().find((t) => t.kind === 'authorization')).toMatchObject({ state: 'captured', capturedMinor: 95_00 });
    expect((await desk.ok('voids.list')).map((row) => row.reference)).toEqual([orderId]);
  });

  it('still books a voided sale as voided: there is no hold under it to release', async () => {
    const desk = await frontDesk();
    const sales = salesHandlers(desk.context);
    const sold = await sales['sale.charge']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', amountMinor: 42_00, cardHandle: desk.key('4111111111111111') });
    if (sold.outcome !== 'approved') throw new Error(`sale ${sold.outcome}`);
    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId: sold.receipt.transactionId, approval });
    expect(result).toMatchObject({ void: { status: 'approved' }, release: null });
    const sale = desk.context.journal.attempt(sold.receipt.transactionId);
    expect(desk.context.journal.order(sale?.reference ?? '')).toMatchObject({ state: 'voided' });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'sale')).toMatchObject({ state: 'voided' });
    expect(desk.sandbox.transactions().filter((t) => t.kind === 'reversal')).toEqual([]);
  });
});
