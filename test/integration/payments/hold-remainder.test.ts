import { describe, expect, it } from 'vitest';
import { holdFallsOffWithinDays } from '../../../main/payments/receipt';
import { useFrontDesk } from './front-desk-fixture';
import { callerFor, cards, newKey, valueOf } from './payments-fixture';

const frontDesk = useFrontDesk();

describe('a capture below the hold', () => {
  it('says on the pre-auth receipt what was not taken and when it falls off the card; a full capture says nothing', async () => {
    const desk = await frontDesk();
    const call = callerFor(desk.context);
    const preAuth = async (amountMinor: number) => {
      const created = valueOf(await call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor, cardHandle: desk.swipe(cards.visa) }));
      if (created.outcome !== 'approved') throw new Error(`pre-auth ${created.outcome}`);
      return created.preAuth.orderId;
    };
    const below = valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: await preAuth(80_00), amountMinor: 75_00 }));
    expect(below).toMatchObject({ outcome: 'captured', receipt: { amountMinor: 75_00, holdRemainder: { amountMinor: 5_00, fallsOffWithinDays: holdFallsOffWithinDays } } });
    const whole = valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId: await preAuth(30_00), amountMinor: 30_00 }));
    expect(whole.outcome === 'captured' && whole.receipt.holdRemainder).toBeUndefined();
    // Nothing was reversed: the gateway takes no partial reversal, the issuer lets the rest expire.
    expect(desk.sandbox.transactions().filter((entry) => entry.kind === 'reversal')).toEqual([]);
  });

  it('says the same on the check-out receipt of a tab whose folio is below its hold', async () => {
    const desk = await frontDesk();
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.swipe(cards.visa),
      guestName: 'Grace Hopper', room: '12', nights: 1, nightlyRateMinor: 150_00, incidentalsMinor: 50_00,
    });
    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId });
    expect(out.receipt).toMatchObject({ amountMinor: tab.folioMinor, holdRemainder: { amountMinor: tab.heldMinor - tab.folioMinor, fallsOffWithinDays: holdFallsOffWithinDays } });
  });
});
