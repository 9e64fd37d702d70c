/**
 * The day, run through the real flows against the sandbox over HTTP: a sale, a split
 * tender (card partial approval + cash), a hotel tab with increments checked out, a pre-auth
 * captured below its hold, a pre-auth released, a voided sale, an offline sale forwarded, a voice
 * authorization after a "call the issuer" decline, and a few declines. The Day report must say
 * net 1,907.64 (card 1,867.64 + cash 40.00), and the card part must be what the sandbox settles.
 */
import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { createLogger } from '../../../main/log';
import { dayHandlers } from '../../../main/payments/day-handlers';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import type { SandboxGateway } from '../../../main/sandbox/gateway-server';
import type { ChannelArgs, ChannelResult, PosResult } from '../../../preload/contract';
import type { hotelChannels } from '../../../preload/channels/hotel';
import { cards, managerPin, newKey, useOffline, valueOf } from '../offline/offline-fixture';

const offline = useOffline();
const approval = { managerId: 'mgr-1', pin: managerPin };

/** What the sandbox's next batch will settle: sales and captures still captured, less refunds and credits not voided. */
function sandboxWillSettle(sandbox: SandboxGateway): number {
  let total = 0;
  for (const entry of sandbox.transactions()) {
    if (entry.kind === 'sale' || entry.kind === 'capture') total += entry.capturedMinor;
    if ((entry.kind === 'refund' || entry.kind === 'credit') && entry.state !== 'voided' && entry.status !== 'DECLINED') total -= entry.amountMinor;
  }
  return total;
}

describe("the issue's scenario day", () => {
  it('reports net 1,907.64: card 1,867.64 (what the sandbox settles) + cash 40.00, with holds apart', async () => {
    const rig = await offline.start();
    const { sell, sandbox } = rig;
    const context = rig.offlineContext;
    const desk = createDispatch(hotelHandlers(context, rig.secrets) as Handlers, createLogger(() => undefined));
    const front = async <C extends keyof typeof hotelChannels>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> =>
      valueOf((await desk(channel, args)) as PosResult<ChannelResult<C>>);
    const sale = async (amountMinor: number, cardHandle: string, allowPartial = false) =>
      valueOf(await sell('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor, cardHandle, allowPartial }));

    // An offline sale of 20.00 while the gateway is out of reach, forwarded once it is back.
    await sandbox.faults.set({ kind: 'refuse' });
    expect(await rig.health.probeNow()).toBe('offline');
    expect(await sale(20_00, rig.swipe(cards.visa))).toMatchObject({ outcome: 'approved', receipt: { approvedOffline: true } });
    await sandbox.faults.clear();
    expect(await rig.health.probeNow()).toBe('online');
    expect(await rig.service.forwarder.drain()).toMatchObject({ forwarded: 1 });

    // A sale of 12.34.
    expect(await sale(12_34, rig.swipe(cards.visa))).toMatchObject({ outcome: 'approved' });

    // Split tender 100.00: the prepaid card approves its 60.00, cash pays the 40.00 left, the card is captured.
    const split = await sale(100_00, rig.swipe(cards.prepaid60), true);
    if (split.outcome !== 'partially-approved') throw new Error(`expected a partial approval, got ${split.outcome}`);
    const session = valueOf(await sell('split.addCash', { idempotencyKey: newKey(), operatorId: 'op-1', sessionId: split.session.sessionId, amountMinor: 40_00 }));
    expect(session).toMatchObject({ state: 'completed', balanceDueMinor: 0 });

    // A hotel tab: two nights at 200.00 with 100.00 incidentals held, folio 400 + 50 + 200 + 50, checked out at 700.00.
    const { tab } = await front('tabs.open', {
      idempotencyKey: newKey(), operatorId: 'desk-1', cardHandle: rig.key(cards.visa),
      guestName: 'Katherine Johnson', room: '42', nights: 2, nightlyRateMinor: 200_00, incidentalsMinor: 100_00, headroomMinor: 0, storeCard: false,
    });
    for (const [category, amountMinor] of [['minibar', 50_00], ['extra-night', 200_00], ['room-service', 50_00]] as const) {
      await front('tabs.addCharge', { idempotencyKey: newKey(), operatorId: 'desk-1', tabId: tab.tabId, category, amountMinor, note: '' });
    }
    const checkout = await front('tabs.checkout', { idempotencyKey: newKey(), operatorId: 'desk-1', tabId: tab.tabId });
    expect(checkout.capture).toMatchObject({ status: 'approved', approvedMinor: 700_00 });

    // A pre-auth of 80.00 captured at 75.00, and one of 30.00 released.
    const captured = valueOf(await sell('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 80_00, cardHandle: rig.swipe(cards.mastercard) }));
    if (captured.outcome !== 'approved') throw new Error(`pre-auth ${captured.outcome}`);
    expect(valueOf(await sell('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: captured.preAuth.orderId, amountMinor: 75_00 }))).toMatchObject({ outcome: 'captured' });
    const released = valueOf(await sell('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 30_00, cardHandle: rig.swipe('378282246310005') }));
    if (released.outcome !== 'approved') throw new Error(`pre-auth ${released.outcome}`);
    expect(valueOf(await sell('preauth.release', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: released.preAuth.orderId }))).toMatchObject({ outcome: 'released' });

    // A sale of 25.00, voided by a manager.
    const voided = await sale(25_00, rig.swipe('2222420000001113'));
    if (voided.outcome !== 'approved') throw new Error(`sale ${voided.outcome}`);
    await front('voids.void', { idempotencyKey: newKey(), operatorId: 'desk-1', transactionId: voided.receipt.transactionId, releaseHold: true, approval });

    // Declines: a general decline, insufficient funds, and "call the issuer", which the voice authorization of 1,000.30 follows.
    expect(await sale(1_000_20, rig.swipe('3566111111111113'))).toMatchObject({ outcome: 'declined' });
    expect(await sale(1_000_05, rig.swipe('38000000000006'))).toMatchObject({ outcome: 'declined' });
    expect(await sale(1_000_30, rig.swipe('6011111111111117'))).toMatchObject({ outcome: 'declined', decline: { reason: 'CONTACT_PROCESSOR' } });
    const voice = await front('voice.forceCapture', {
      idempotencyKey: newKey(), operatorId: 'op-1', cardHandle: rig.swipe('6011111111111117'), amountMinor: 1_000_30, verbalAuthCode: 'AB12CD', approval,
    });
    expect(voice.capture).toMatchObject({ status: 'approved', approvedMinor: 1_000_30 });

    const report = await dayHandlers(context)['day.report'](undefined);
    expect(report.books.currencies).toHaveLength(1);
    const [usd] = report.books.currencies;
    if (!usd) throw new Error('no USD books');
    expect(usd.netMinor).toBe(1_907_64);
    expect(usd.card.netMinor).toBe(1_867_64);
    expect(usd.cash).toEqual({ count: 1, amountMinor: 40_00 });
    // The card takings are exactly what the sandbox will settle.
    expect(sandboxWillSettle(sandbox)).toBe(usd.card.netMinor);

    const net = (lines: { key: string; netMinor: number }[]) => Object.fromEntries(lines.map((line) => [line.key, line.netMinor]));
    expect(net(usd.byKind)).toEqual({ sale: 12_34, 'offline-sale': 20_00, capture: 60_00 + 700_00 + 75_00, 'forced-capture': 1_000_30 });
    expect(usd.byKind.find((line) => line.key === 'sale')).toMatchObject({ count: 2, voidedCount: 1, grossMinor: 37_34, voidedMinor: 25_00 });
    expect(net(usd.byBrand)).toEqual({ visa: 12_34 + 20_00 + 700_00, discover: 60_00 + 1_000_30, mastercard: 75_00 });
    expect(net(usd.byOperator)).toEqual({ 'op-1': 12_34 + 20_00 + 60_00 + 40_00 + 75_00 + 1_000_30, 'desk-1': 700_00 });
    // Holds: the tab's, the two pre-auths' and the partial approval, increments and releases; none of it in the net.
    expect(usd.holds).toEqual([
      { kind: 'authorization', count: 3, amountMinor: 500_00 + 80_00 + 30_00 },
      { kind: 'partial-approval', count: 1, amountMinor: 60_00 },
      { kind: 'incremental', count: 2, amountMinor: 150_00 + 50_00 },
      { kind: 'release', count: 1, amountMinor: 30_00 },
    ]);
    expect(usd.declines).toBe(3);
    expect(usd.inDoubt).toBe(0);
    expect(report.offlinePending.count).toBe(0);
    expect(report.offlineToday).toEqual([{ state: 'forwarded', currency: 'USD', count: 1, totalMinor: 20_00 }]);
  });
});
