import { describe, expect, it } from 'vitest';
import { recoveryNeeded, startRecovery } from '../../../main/payments/recovery';
import { cards, charged, errorOf, newKey, usePayments, valueOf, type Payments } from './payments-fixture';

const payments = usePayments();
const card = { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'keyed' as const };
const keyed = { number: '4111111111111111', expirationMonth: '12', expirationYear: String(new Date().getUTCFullYear() + 4) };

/** What a terminal that died mid-request leaves: the attempt row written and (when `sent`) the request processed, no answer stored. */
async function leftPending(harness: Payments, kind: 'sale' | 'authorize', amountMinor: number, sent: boolean): Promise<{ orderId: string; transactionId: string }> {
  const { journal } = harness.context;
  const orderId = `ORDER-${newKey().slice(1, 12)}`;
  const transactionId = newKey().slice(1, 33);
  journal.openOrder({ id: orderId, kind: kind === 'sale' ? 'sale' : 'pre-auth', amountMinor, currency: 'USD', operatorId: 'op-1' });
  journal.recordAttemptPending({ transactionId, kind, owner: { orderId }, amountMinor, currency: 'USD', card, operatorId: 'op-1' });
  if (sent) {
    const input = { reference: { code: orderId, transactionId }, amount: amountMinor, currency: 'USD' as const, card: keyed };
    await (kind === 'sale' ? harness.client.sale(input) : harness.client.authorize({ ...input, authorizationKind: 'pre' }));
  }
  return { orderId, transactionId };
}

describe('recovery on start', () => {
  it('accepts work at once when nothing was left unresolved', async () => {
    const { call, swipe } = await payments.start();
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
    expect(valueOf(await call('recovery.report'))).toMatchObject({ state: 'finished', items: [] });
  });

  it('refuses every money-moving call until it has finished, while lists still answer', async () => {
    const harness = await payments.start();
    const lost = await leftPending(harness, 'authorize', 7000, true);
    const { call } = harness.restart();
    const refusals = [
      errorOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: harness.swipe(cards.visa) })).code,
      errorOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: harness.swipe(cards.visa) })).code,
    ];
    expect(refusals).toEqual(['RECOVERY_PENDING', 'RECOVERY_PENDING']);
    expect(valueOf(await call('preauth.list'))).toEqual([]);
    expect(valueOf(await call('split.list'))).toEqual([]);

    const report = valueOf(await call('recovery.run'));
    expect(report).toMatchObject({
      state: 'finished',
      items: [{ transactionId: lost.transactionId, kind: 'authorize', orderId: lost.orderId, amountMinor: 7000, maskedPan: '•••• 1111', action: 'timeout-reversal', result: 'undone' }],
    });
    expect(harness.sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([
      ['authorization', 'reversed'],
      ['reversal', 'reversed'],
    ]);
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: harness.swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
  });

  it('confirms a release whose answer was lost by looking the authorization up', async () => {
    const harness = await payments.start();
    const created = valueOf(await harness.call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 6000, cardHandle: harness.swipe(cards.visa) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const { orderId, gatewayId } = created.preAuth;
    const authorization = harness.context.journal.history({ orderId })[0];
    if (!authorization || !gatewayId) throw new Error('no authorization');
    // The reversal went out and was processed; the terminal died before storing the answer.
    const transactionId = newKey().slice(1, 33);
    harness.context.journal.recordAttemptPending({ transactionId, kind: 'reversal', owner: { orderId }, amountMinor: 6000, currency: 'USD', parentTransactionId: authorization.transactionId, operatorId: 'op-1' });
    expect(await harness.client.reverseAuthorization({ paymentId: gatewayId, reference: { code: orderId, transactionId }, amount: 6000, currency: 'USD' })).toMatchObject({ kind: 'approved' });

    const { call, context } = harness.restart();
    expect(valueOf(await call('recovery.run'))).toMatchObject({ state: 'finished', items: [{ kind: 'reversal', action: 'lookup', result: 'confirmed' }] });
    expect(context.journal.order(orderId)?.state).toBe('released');
    expect(valueOf(await call('preauth.list'))).toEqual([]);
  });

  it('says a release that never went out did not happen, and leaves the pre-auth to release again', async () => {
    const harness = await payments.start();
    const created = valueOf(await harness.call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 6000, cardHandle: harness.swipe(cards.visa) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const { orderId } = created.preAuth;
    const authorization = harness.context.journal.history({ orderId })[0];
    if (!authorization) throw new Error('no authorization');
    harness.context.journal.recordAttemptPending({ transactionId: newKey().slice(1, 33), kind: 'reversal', owner: { orderId }, amountMinor: 6000, currency: 'USD', parentTransactionId: authorization.transactionId, operatorId: 'op-1' });

    const { call } = harness.restart();
    expect(valueOf(await call('recovery.run'))).toMatchObject({ state: 'finished', items: [{ kind: 'reversal', action: 'lookup', result: 'not-done' }] });
    expect(valueOf(await call('preauth.release', { idempotencyKey: newKey(), operatorId: 'op-1', orderId }))).toMatchObject({ outcome: 'released' });
  });

  it('stays incomplete while the gateway is down, keeps refusing money calls, and finishes once it is back', async () => {
    const harness = await payments.start();
    const lost = await leftPending(harness, 'sale', 3300, true);
    await harness.sandbox.faults.set({ kind: 'refuse' });
    const { call, context } = harness.restart();
    const first = await startRecovery(context);
    expect(first).toMatchObject({ state: 'incomplete', items: [{ transactionId: lost.transactionId, result: 'unreachable' }] });
    expect(errorOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 500, cardHandle: harness.swipe(cards.visa) }))).toMatchObject({
      code: 'RECOVERY_PENDING',
      message: expect.stringContaining('could not all be resolved'),
    });
    await startRecovery(context);

    await harness.sandbox.faults.clear();
    const second = valueOf(await call('recovery.run'));
    expect(second).toMatchObject({ state: 'finished' });
    expect(second.items.filter((item) => item.transactionId === lost.transactionId).map((item) => item.result)).toEqual(['undone']);
    expect(charged(harness.sandbox)).toEqual([]);
    expect(context.journal.unresolvedAttempts()).toEqual([]);
    expect(context.journal.order(lost.orderId)?.state).toBe('cancelled');
  });

  it('settles later a sale left in doubt during the day, without closing the terminal to new work', async () => {
    const { call, swipe, sandbox, context } = await payments.start();
    valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100, cardHandle: swipe(cards.visa) }));
    // The sale is processed but its answer is lost, and so is the answer to the timeout reversal sent at once.
    await sandbox.faults.set({ kind: 'drop', processed: true, times: 2 });
    const result = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 2750, cardHandle: swipe(cards.visa) }));
    expect(result).toMatchObject({ outcome: 'in-doubt' });
    if (result.outcome !== 'in-doubt') return;
    expect(context.journal.attempt(result.transactionId)?.status).toBe('unknown');
    expect(recoveryNeeded(context)).toBe(true);

    // New work goes on meanwhile.
    expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 300, cardHandle: swipe(cards.mastercard) }))).toMatchObject({ outcome: 'approved' });
    const report = valueOf(await call('recovery.run'));
    // The lost timeout reversal is superseded; the fresh one finds the sale already reversed by it.
    expect(report.items.map((item) => [item.kind, item.result])).toEqual([
      ['timeout-reversal', 'not-done'],
      ['sale', 'undone'],
    ]);
    expect(report.items[1]).toMatchObject({ transactionId: result.transactionId, message: 'already reversed at the gateway' });
    expect(recoveryNeeded(context)).toBe(false);
    expect(charged(sandbox).map((entry) => entry.capturedMinor)).toEqual([100, 300]);
  });
});
