import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataKeyAccount } from '../../../main/offline/card-seal';
import { cards, charged, errorOf, expectSealedCardsGone, newKey, useOffline, valueOf, managerPin, type OfflineRig } from './offline-fixture';
import { testClock } from '../payments/payments-fixture';

const offline = useOffline();
const sale = (rig: OfflineRig, cardHandle: string, amountMinor: number) =>
  rig.sell('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor, cardHandle }).then(valueOf);

describe('store and forward while the gateway is down', () => {
  it('approves small card-present sales offline, declines the rest with a reason, and forwards each exactly once when the gateway is back', async () => {
    const rig = await offline.start();
    await rig.sandbox.faults.set({ kind: 'refuse' });

    const first = await sale(rig, rig.swipe(cards.visa), 2500);
    expect(first).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true, amountMinor: 2500, maskedPan: '•••• 1111', gatewayId: '', approvalCode: null } });
    await rig.health.probeNow();
    expect(rig.health.status).toBe('offline');
    expect(await sale(rig, rig.insert(cards.mastercard), 4000)).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true, maskedPan: '•••• 4444', entryMode: 'contact' } });
    expect(await sale(rig, rig.tap(cards.visa), 500)).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true, entryMode: 'contactless' } });

    const overLimit = await sale(rig, rig.swipe(cards.mastercard), 5001);
    expect(overLimit).toMatchObject({ outcome: 'declined', decline: { reason: 'OFFLINE_OVER_SALE_LIMIT', offline: true, message: expect.stringContaining('over 50.00 USD') } });
    const keyed = await sale(rig, rig.key(cards.mastercard), 1000);
    expect(keyed).toMatchObject({ outcome: 'declined', decline: { reason: 'OFFLINE_CARD_NOT_PRESENT', message: expect.stringContaining('typed-in card') } });
    const repeat = await sale(rig, rig.swipe(cards.visa), 700);
    expect(repeat).toMatchObject({ outcome: 'declined', decline: { reason: 'OFFLINE_CARD_REPEAT' } });

    // Nothing reached the gateway; three sales wait, sealed.
    expect(rig.sandbox.transactions()).toEqual([]);
    const status = valueOf({ ok: true, value: await rig.handlers['offline.status'](undefined) });
    expect(status).toMatchObject({ gateway: 'offline', queuedCount: 3, queuedMinor: 7000, currency: 'USD', exceptionCount: 0 });
    const queue = await rig.handlers['offline.queue'](undefined);
    expect(queue.map((row) => [row.amountMinor, row.maskedPan, row.state])).toEqual([
      [2500, '•••• 1111', 'queued'],
      [4000, '•••• 4444', 'queued'],
      [500, '•••• 1111', 'queued'],
    ]);
    expect(rig.statuses.at(-1)).toMatchObject({ queuedCount: 3 });

    // The gateway is back: the next probe sees it, the forwarder drains the queue.
    await rig.sandbox.faults.clear();
    expect(await rig.health.probeNow()).toBe('online');
    const report = await rig.service.forwarder.drain();
    expect(report).toMatchObject({ forwarded: 3, exceptions: 0, unreachable: false });
    const sales = rig.sandbox.transactions().filter((entry) => entry.kind === 'sale');
    expect(sales.map((entry) => entry.capturedMinor).sort((a, b) => a - b)).toEqual([500, 2500, 4000]);
    expect(new Set(sales.map((entry) => entry.clientReferenceCode)).size).toBe(3);
    expect(charged(rig.sandbox)).toHaveLength(3);

    const { journal } = rig.offlineContext;
    for (const row of queue) {
      const after = journal.offlineSale(row.id);
      expect(after).toMatchObject({ state: 'forwarded', gatewayId: expect.any(String) });
      expect(journal.sealedCardOf(row.id)).toBeUndefined();
      expect(journal.order(row.orderId)).toMatchObject({ state: 'paid', capturedMinor: row.amountMinor });
    }
    expect(await rig.handlers['offline.status'](undefined)).toMatchObject({ gateway: 'online', queuedCount: 0, queuedMinor: 0 });
    expect(journal.offlineDayTotals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toEqual([{ state: 'forwarded', currency: 'USD', count: 3, totalMinor: 7000 }]);

    // Each forward said store-and-forward; no online attempt did.
    const forwards = rig.sentBodies.filter((body) => body.includes('"storeAndForwardIndicator":"Y"'));
    expect(forwards).toHaveLength(3);
    // A second drain sends nothing more.
    await rig.service.forwarder.drain();
    expect(rig.sandbox.transactions().filter((entry) => entry.kind === 'sale')).toHaveLength(3);
  });

  it('keeps no clear card number or track data in the journal file or its WAL, and the data key in the keychain', async () => {
    const rig = await offline.start();
    await rig.sandbox.faults.set({ kind: 'refuse' });
    await sale(rig, rig.swipe(cards.visa), 1234);
    await sale(rig, rig.insert(cards.mastercard), 2345);
    const file = rig.offlineContext.journal.filePath;
    const scan = () => {
      const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
      for (const secret of [cards.visa, cards.mastercard, 'TEST/CARDHOLDER', '%B4111', ';5555555555554444=']) {
        expect(bytes.includes(Buffer.from(secret, 'latin1')), secret).toBe(false);
      }
      return bytes;
    };
    expect(scan().includes(Buffer.from('•••• 1111', 'utf8'))).toBe(true);
    const key = await rig.secrets.get(dataKeyAccount);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    const [row] = rig.offlineContext.journal.queuedOfflineSales();
    expect(rig.offlineContext.journal.sealedCardOf(row?.id ?? 0)?.length).toBeGreaterThan(28);

    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    await rig.service.forwarder.drain();
    scan();
    expect(rig.offlineContext.journal.queuedOfflineSales()).toEqual([]);
  });

  it('leaves no byte of a forwarded sale\'s sealed card in the journal, its WAL or its shared memory: old pages are overwritten', async () => {
    const rig = await offline.start();
    await rig.sandbox.faults.set({ kind: 'refuse' });
    await sale(rig, rig.swipe(cards.visa), 1234);
    await sale(rig, rig.insert(cards.mastercard), 2345);
    const { journal } = rig.offlineContext;
    const sealed = journal.queuedOfflineSales().map((row) => journal.sealedCardOf(row.id) ?? Buffer.alloc(0));
    expect(sealed.map((blob) => blob.length > 28)).toEqual([true, true]);

    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    await rig.service.forwarder.drain();
    expect(journal.queuedOfflineSales()).toEqual([]);

    expectSealedCardsGone(journal.filePath, sealed);
  });

  it('turns a decline on forward into an exception a manager resolves, with the amount, card, time and operator', async () => {
    const rig = await offline.start({ policy: { perSaleLimitMinor: 200_000, outstandingLimitMinor: 500_000 } });
    await rig.sandbox.faults.set({ kind: 'refuse' });
    expect(await sale(rig, rig.swipe(cards.visa), 100_005)).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true } });
    expect(await sale(rig, rig.swipe(cards.mastercard), 150_005)).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true } });
    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    expect(await rig.service.forwarder.drain()).toMatchObject({ exceptions: 2 });

    const exceptions = await rig.handlers['offline.exceptions'](undefined);
    expect(exceptions).toEqual([
      expect.objectContaining({ state: 'exception', amountMinor: 100_005, maskedPan: '•••• 1111', operatorId: 'op-1', declineReason: 'INSUFFICIENT_FUND', approvedOfflineAt: expect.any(String) }),
      expect.objectContaining({ state: 'exception', amountMinor: 150_005, maskedPan: '•••• 4444' }),
    ]);
    expect(await rig.handlers['offline.status'](undefined)).toMatchObject({ queuedCount: 0, exceptionCount: 2, exceptionMinor: 250_010 });
    const [visa, mastercard] = exceptions;
    if (!visa || !mastercard) throw new Error('two exceptions expected');
    expect(rig.offlineContext.journal.sealedCardOf(visa.id)).toBeUndefined();

    // A write-off needs a manager's PIN; collected another way does not.
    await expect(
      rig.handlers['offline.resolveException']({ idempotencyKey: newKey(), operatorId: 'op-2', id: visa.id, action: 'written-off', approval: { managerId: 'mgr-1', pin: '0000' } }),
    ).rejects.toThrow(/PIN_REJECTED/);
    const writtenOff = await rig.handlers['offline.resolveException']({
      idempotencyKey: newKey(),
      operatorId: 'op-2',
      id: visa.id,
      action: 'written-off',
      approval: { managerId: 'mgr-1', pin: managerPin },
      note: 'customer unreachable',
    });
    expect(writtenOff).toMatchObject({ state: 'written-off', resolvedBy: 'mgr-1', resolutionNote: 'customer unreachable' });
    const collected = await rig.handlers['offline.resolveException']({ idempotencyKey: newKey(), operatorId: 'op-2', id: mastercard.id, action: 'collected', note: 'paid cash' });
    expect(collected).toMatchObject({ state: 'collected', resolvedBy: 'op-2' });
    expect(await rig.handlers['offline.exceptions'](undefined)).toEqual([]);
    await expect(rig.handlers['offline.resolveException']({ idempotencyKey: newKey(), operatorId: 'op-2', id: mastercard.id, action: 'collected' })).rejects.toThrow(/not an exception/);
    expect(rig.offlineContext.journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }).map((row) => row.verdict)).toEqual(['wrong-pin', 'granted']);
    expect(charged(rig.sandbox)).toEqual([]);
  });

  it('takes nothing offline but plain sales: a pre-auth still needs the gateway', async () => {
    const rig = await offline.start();
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const preAuth = await rig.sell('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000, cardHandle: rig.swipe(cards.visa) });
    expect(errorOf(preAuth).code).toBe('DISCONNECTED');
    expect(rig.offlineContext.journal.queuedOfflineSales()).toEqual([]);
  });
});

describe('the maximum age of the queue', () => {
  it('flags sales queued longer than the maximum age and takes no new sale offline until the queue is forwarded', async () => {
    const clock = testClock();
    const rig = await offline.start({ clock, policy: { maxAgeMs: 24 * 3_600_000 } });
    await rig.sandbox.faults.set({ kind: 'refuse' });
    expect(await sale(rig, rig.swipe(cards.visa), 1000)).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true } });
    clock.advance(23 * 3_600_000);
    expect(await rig.handlers['offline.status'](undefined)).toMatchObject({ queuedCount: 1, flaggedCount: 0 });
    clock.advance(2 * 3_600_000);
    expect(await rig.handlers['offline.status'](undefined)).toMatchObject({ queuedCount: 1, flaggedCount: 1, oldestQueuedAt: '2026-11-21T09:00:00.000Z' });
    expect((await rig.handlers['offline.queue'](undefined))[0]).toMatchObject({ flagged: true });
    expect(await sale(rig, rig.swipe(cards.mastercard), 1000)).toMatchObject({ outcome: 'declined', decline: { reason: 'OFFLINE_QUEUE_TOO_OLD' } });

    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    await rig.service.forwarder.drain();
    expect(await rig.handlers['offline.status'](undefined)).toMatchObject({ queuedCount: 0, flaggedCount: 0 });
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 1000, cardSuffix: '1111' }]);
  });
});
