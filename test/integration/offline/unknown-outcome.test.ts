import { describe, expect, it } from 'vitest';
import { GatewayHealth, watchedClient } from '../../../main/offline/gateway-health';
import { createOfflineService } from '../../../main/offline/offline-service';
import { callerFor } from '../payments/payments-fixture';
import { cards, charged, errorOf, eventually, newKey, useOffline, valueOf, type OfflineRig } from './offline-fixture';

const offline = useOffline();
const sale = (rig: OfflineRig, cardHandle: string, amountMinor: number) =>
  rig.sell('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor, cardHandle }).then(valueOf);

/** Sandbox entries of one client transactionId. */
const entriesOf = (rig: OfflineRig, transactionId: string) => rig.sandbox.transactions().filter((entry) => entry.clientTransactionId === transactionId);

describe('an unknown outcome before falling back, and while forwarding', () => {
  it('times out, reverses the attempt by its transactionId, approves offline, and forwards exactly one sale', async () => {
    const rig = await offline.start({ totalMs: 400 });
    await rig.sandbox.faults.set({ kind: 'hang', processed: true, times: 1 });
    const result = await sale(rig, rig.swipe(cards.visa), 3000);
    expect(result).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true, amountMinor: 3000 } });
    if (result.outcome !== 'approved') throw new Error(result.outcome);

    const { journal } = rig.offlineContext;
    const history = journal.history({ orderId: result.receipt.orderId });
    expect(history.map((attempt) => [attempt.kind, attempt.status])).toEqual([
      ['sale', 'resolved'],
      ['timeout-reversal', 'approved'],
    ]);
    const original = history[0]?.transactionId ?? '';
    expect(entriesOf(rig, original).map((entry) => [entry.kind, entry.state, entry.amountMinor])).toEqual([
      ['sale', 'reversed', 3000],
      ['reversal', 'reversed', 3000],
    ]);

    await rig.service.forwarder.drain();
    const after = journal.history({ orderId: result.receipt.orderId });
    expect(after.map((attempt) => [attempt.kind, attempt.status])).toEqual([
      ['sale', 'resolved'],
      ['timeout-reversal', 'approved'],
      ['sale', 'approved'],
    ]);
    // Nothing live for the attempt, exactly one captured sale for the forward.
    expect(entriesOf(rig, original).every((entry) => entry.authorizedMinor === 0 && entry.capturedMinor === 0)).toBe(true);
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 3000, cardSuffix: '1111' }]);
    expect(journal.order(result.receipt.orderId)).toMatchObject({ state: 'paid', capturedMinor: 3000 });
  });

  it('queues the undo when the gateway goes away mid-request, and sends it before the forward when it is back', async () => {
    const rig = await offline.start({ totalMs: 2_000 });
    await rig.sandbox.faults.set({ kind: 'hang', processed: true, times: 1 });
    const pending = sale(rig, rig.swipe(cards.visa), 4200);
    // The sale is charged at the gateway and hangs; then the gateway goes down under it.
    await eventually(() => rig.sandbox.transactions().length === 1);
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true, amountMinor: 4200 } });
    if (result.outcome !== 'approved') throw new Error(result.outcome);
    const { journal } = rig.offlineContext;
    const [original] = journal.history({ orderId: result.receipt.orderId });
    // The undo could not be sent: the attempt waits, unresolved, for recovery.
    expect(original).toMatchObject({ kind: 'sale', status: 'unknown' });
    expect(journal.unresolvedAttempts().map((attempt) => attempt.transactionId)).toEqual([original?.transactionId]);
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 4200, cardSuffix: '1111' }]);

    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    await rig.service.forwarder.drain();
    const kinds = journal.history({ orderId: result.receipt.orderId }).map((attempt) => [attempt.kind, attempt.status]);
    expect(kinds).toEqual([
      ['sale', 'resolved'],
      // The undo tried while the gateway was down never left (failed); recovery sent a fresh one first.
      ['timeout-reversal', 'failed'],
      ['timeout-reversal', 'approved'],
      ['sale', 'approved'],
    ]);
    expect(entriesOf(rig, original?.transactionId ?? '').find((entry) => entry.kind === 'sale')).toMatchObject({ state: 'reversed', capturedMinor: 0 });
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 4200, cardSuffix: '1111' }]);
    expect(journal.offlineSaleOfOrder(result.receipt.orderId)).toMatchObject({ state: 'forwarded' });
  });

  it('reverses a forward that got no answer and resends it with a fresh transactionId', async () => {
    const rig = await offline.start({ totalMs: 400 });
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const result = await sale(rig, rig.insert(cards.mastercard), 1500);
    if (result.outcome !== 'approved') throw new Error(result.outcome);
    await rig.sandbox.faults.clear();
    await rig.sandbox.faults.set({ kind: 'hang', processed: true, times: 1 });
    expect(await rig.service.forwarder.drain()).toMatchObject({ forwarded: 1 });

    const { journal } = rig.offlineContext;
    const history = journal.history({ orderId: result.receipt.orderId });
    expect(history.map((attempt) => [attempt.kind, attempt.status])).toEqual([
      ['sale', 'failed'],
      ['sale', 'resolved'],
      ['timeout-reversal', 'approved'],
      ['sale', 'approved'],
    ]);
    const firstForward = history[1]?.transactionId ?? '';
    const secondForward = history[3]?.transactionId ?? '';
    expect(entriesOf(rig, firstForward).find((entry) => entry.kind === 'sale')).toMatchObject({ state: 'reversed', capturedMinor: 0 });
    expect(entriesOf(rig, secondForward)).toEqual([expect.objectContaining({ kind: 'sale', capturedMinor: 1500 })]);
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 1500, cardSuffix: '4444' }]);
    expect(journal.offlineSaleOfOrder(result.receipt.orderId)).toMatchObject({ state: 'forwarded', forwardTransactionId: secondForward });
  });
});

describe('a restart during the outage', () => {
  it('keeps selling offline while recovery cannot reach the gateway, and resolves the old attempt before forwarding', async () => {
    const rig = await offline.start({ totalMs: 2_000 });
    await rig.sandbox.faults.set({ kind: 'hang', processed: true, times: 1 });
    const pending = sale(rig, rig.swipe(cards.visa), 3100);
    await eventually(() => rig.sandbox.transactions().length === 1);
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const before = await pending;
    if (before.outcome !== 'approved') throw new Error(before.outcome);
    await rig.service.stop();

    // The terminal restarts: a new journal connection, new in-memory state, a health monitor that knows nothing yet.
    const { context: restarted } = rig.restart();
    const health = new GatewayHealth({ gateway: async () => rig.raw, probeBaseMs: 40, probeMaxMs: 200 });
    const context = { ...restarted, gateway: async () => watchedClient(rig.raw, health) };
    const service = createOfflineService({ context, health, secrets: rig.secrets, approve: rig.approve, forwarder: { backoffBaseMs: 20, pollMs: 60_000 } });
    service.start();
    try {
      const call = callerFor(context);
      const refused = await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1200, cardHandle: rig.swipe(cards.mastercard) });
      expect(errorOf(refused).code).toBe('RECOVERY_PENDING');
      // Recovery's undo found no gateway; the probe confirms it: sales go straight to the offline rules.
      await eventually(() => health.status === 'offline');
      const after = valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1200, cardHandle: rig.swipe(cards.mastercard) }));
      expect(after).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true } });
      if (after.outcome !== 'approved') throw new Error(after.outcome);

      await rig.sandbox.faults.clear();
      await health.probeNow();
      await service.forwarder.drain();
      expect(context.journal.unresolvedAttempts()).toEqual([]);
      expect(charged(rig.sandbox).map((entry) => entry.capturedMinor).sort((a, b) => a - b)).toEqual([1200, 3100]);
      expect(context.journal.offlineSaleOfOrder(before.receipt.orderId)).toMatchObject({ state: 'forwarded' });
      expect(context.journal.offlineSaleOfOrder(after.receipt.orderId)).toMatchObject({ state: 'forwarded' });
    } finally {
      await service.stop();
    }
  });
});
