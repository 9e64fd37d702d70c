import { describe, expect, it } from 'vitest';
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

  it("voids a counter pre-auth's capture; the void stands and the screen is told when the hold could not be released", async () => {
    const desk = await frontDesk();
    const sales = salesHandlers(desk.context);
    const created = await sales['preauth.create']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', amountMinor: 150_00, cardHandle: desk.key('4111111111111111') });
    if (created.outcome !== 'approved') throw new Error(`pre-auth ${created.outcome}`);
    const captured = await sales['preauth.capture']({ idempotencyKey: desk.newKey(), operatorId: 'op-1', orderId: created.preAuth.orderId, amountMinor: 120_00 });
    if (captured.outcome !== 'captured') throw new Error(`capture ${captured.outcome}`);
    const result = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'op-1', transactionId: captured.receipt.transactionId, approval });
    expect(result.void).toMatchObject({ status: 'approved', managerId: approval.managerId });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ state: 'voided' });
    // The journal books a pre-auth whose capture was voided as closed ('voided') and refuses a reversal
    // on it, so the hold stays at the gateway; the answer says so instead of hiding it (see the report).
    expect(result.release).toMatchObject({ released: false, message: expect.stringMatching(/is voided/) });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'authorization')).toMatchObject({ state: 'authorized' });
  });
});
