import { describe, expect, it } from 'vitest';
import { approval, checkedOutStay, manualClock, useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();

describe('manager refunds', () => {
  it('refunds in part and in full, never more than captured, and voids a refund the same day', async () => {
    const desk = await frontDesk();
    const { captureId } = await checkedOutStay(desk, 700_00);
    const refund = (amountMinor?: number) =>
      desk.call('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval, ...(amountMinor === undefined ? {} : { amountMinor }) });

    const partial = await refund(30_00);
    expect(partial).toMatchObject({ ok: true, value: { refund: { kind: 'refund', status: 'approved', approvedMinor: 30_00, managerId: approval.managerId }, refundableMinor: 670_00 } });

    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    expect(await refund(670_01)).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringMatching(/^OVER_LIMIT: refunds may total at most what was captured: 670.00 of 700.00 is left to refund/) } });
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);

    const rest = await refund();
    expect(rest).toMatchObject({ ok: true, value: { refund: { approvedMinor: 670_00 }, refundableMinor: 0 } });
    expect(await refund(1)).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringMatching(/nothing left to refund/) } });

    // Void the first refund: its 30.00 becomes refundable again.
    const partialId = partial.ok ? partial.value.refund.transactionId : '';
    const voided = await desk.ok('refunds.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', refundTransactionId: partialId, approval });
    expect(voided).toMatchObject({ void: { status: 'approved', managerId: approval.managerId }, refundableMinor: 30_00 });
    expect(await desk.call('refunds.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', refundTransactionId: partialId, approval })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });

    const refunds = desk.sandbox.transactions().filter((t) => t.kind === 'refund');
    expect(refunds.map((t) => [t.amountMinor, t.state])).toEqual([[30_00, 'voided'], [670_00, 'pending']]);
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ capturedMinor: 700_00, refundedMinor: 670_00 });
  });

  it('refuses what cannot be refunded: an authorization, a voided capture, an unknown id', async () => {
    const desk = await frontDesk();
    const { captureId, authorizationId } = await checkedOutStay(desk);
    await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval });
    const refund = (transactionId: string) => desk.call('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId, approval });
    expect(await refund(authorizationId)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/authorize cannot be refunded/) } });
    expect(await refund(captureId)).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringMatching(/voided or refunded/) } });
    expect(await refund('ffffffffffffffffffffffffffffffff')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("does not void yesterday's refund: it settled, so the money has moved", async () => {
    const time = manualClock('2026-11-21T20:00:00Z');
    const desk = await frontDesk({ clock: time.clock });
    const { captureId } = await checkedOutStay(desk);
    const { refund } = await desk.ok('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, amountMinor: 10_00, approval });
    time.advance(6 * 3_600_000);
    const refused = await desk.call('refunds.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', refundTransactionId: refund.transactionId, approval });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTLED', message: expect.stringMatching(/^SETTLED/) } });
  });
});
