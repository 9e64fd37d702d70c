import { describe, expect, it } from 'vitest';
import { useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const visa = '4111111111111111';
/** The sandbox's Visa debit: balance 499.01, so increments past it are declined. */
const visaDebit = '4005510000000005';
const mastercard = '5555555555554444';

describe('hotel tabs', () => {
  it("reproduces the guide's scenario: 400.00 held, +50.00, +200.00, +50.00, one capture of 700.00", async () => {
    const desk = await frontDesk();
    const opened = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Ada Lovelace', room: '101', nights: 2, nightlyRateMinor: 200_00, incidentalsMinor: 0,
    });
    expect(opened.authorization.status).toBe('approved');
    expect(opened.tab).toMatchObject({ state: 'open', heldMinor: 400_00, folioMinor: 400_00, maskedPan: '•••• 1111', cardOnFile: false });
    const tabId = opened.tab.tabId;

    // Headroom 0: each charge takes the folio past the hold, so each asks for exactly its own amount.
    const held: number[] = [];
    const increments: (number | null)[] = [];
    for (const [category, amountMinor] of [['room-service', 50_00], ['extra-night', 200_00], ['minibar', 50_00]] as const) {
      const added = await desk.ok('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, category, amountMinor });
      increments.push(added.incremental?.status === 'approved' ? added.incremental.approvedMinor : null);
      held.push(added.tab.heldMinor);
    }
    expect(increments).toEqual([50_00, 200_00, 50_00]);
    expect(held).toEqual([450_00, 650_00, 700_00]);

    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(out.topUp).toBeNull();
    expect(out.capture).toMatchObject({ status: 'approved', approvedMinor: 700_00 });
    expect(out.tab).toMatchObject({ state: 'checked-out', folioMinor: 700_00, capturedMinor: 700_00, heldMinor: 700_00 });
    expect(out.receipt).toMatchObject({ orderId: tabId, kind: 'capture', amountMinor: 700_00, maskedPan: '•••• 1111', voiceAuthorized: false });

    const atGateway = desk.sandbox.transactions().filter((t) => t.clientReferenceCode === tabId);
    expect(atGateway.map((t) => [t.kind, t.requestedMinor])).toEqual([
      ['authorization', 400_00],
      ['incremental', 50_00],
      ['incremental', 200_00],
      ['incremental', 50_00],
      ['capture', 700_00],
    ]);
    const authorization = atGateway[0];
    expect(authorization).toMatchObject({ authorizedMinor: 700_00, capturedMinor: 700_00 });
    expect(atGateway.at(-1)).toMatchObject({ state: 'captured', capturedMinor: 700_00 });
    // The journal agrees: one authorization, three increments, one capture.
    const { history } = await desk.ok('tabs.get', { tabId });
    expect(history.map((step) => [step.kind, step.status, step.approvedMinor])).toEqual([
      ['authorize', 'approved', 400_00],
      ['incremental', 'approved', 50_00],
      ['incremental', 'approved', 200_00],
      ['incremental', 'approved', 50_00],
      ['capture', 'approved', 700_00],
    ]);
  });

  it('asks for an increment only past the hold (incidentals and headroom included), for the difference plus headroom', async () => {
    const desk = await frontDesk();
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Grace Hopper', room: '7', nights: 2, nightlyRateMinor: 200_00, incidentalsMinor: 100_00, headroomMinor: 25_00,
    });
    expect(tab).toMatchObject({ heldMinor: 500_00, folioMinor: 400_00 });
    const charge = (category: 'room-service' | 'minibar', amountMinor: number) =>
      desk.ok('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId, category, amountMinor });
    expect((await charge('room-service', 50_00)).incremental).toBeNull();
    const past = await charge('minibar', 200_00);
    expect(past.incremental).toMatchObject({ status: 'approved', amountMinor: 650_00 - 500_00 + 25_00 });
    expect(past.tab.heldMinor).toBe(675_00);
    expect((await charge('minibar', 20_00)).incremental).toBeNull();
    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId });
    expect(out.capture).toMatchObject({ status: 'approved', approvedMinor: 670_00 });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ amountMinor: 670_00, state: 'captured' });
  });

  it('flags the tab when an increment is declined, keeps the charge, and moves the folio to a second card', async () => {
    const desk = await frontDesk();
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visaDebit),
      guestName: 'Alan Turing', room: '12', nights: 2, nightlyRateMinor: 200_00, incidentalsMinor: 0,
    });
    const tabId = tab.tabId;
    const charge = (amountMinor: number) => desk.ok('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, category: 'room-service', amountMinor });
    expect((await charge(50_00)).incremental?.status).toBe('approved');
    const declined = await charge(200_00);
    expect(declined.incremental).toMatchObject({ status: 'declined', declineReason: 'INSUFFICIENT_FUND' });
    expect(declined.tab).toMatchObject({ state: 'flagged', folioMinor: 650_00, heldMinor: 450_00 });
    expect(declined.tab.flagReason).toMatch(/declined/);
    // Still open for charges, without asking the declined card again.
    const more = await charge(10_00);
    expect(more.incremental).toBeNull();
    expect(more.tab).toMatchObject({ state: 'flagged', folioMinor: 660_00 });
    // Check-out cannot capture more than is held.
    const refused = await desk.call('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringMatching(/^OVER_LIMIT: .*second card/) } });

    const replaced = await desk.ok('tabs.replaceCard', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, cardHandle: desk.key(mastercard) });
    expect(replaced.authorization).toMatchObject({ status: 'approved', amountMinor: 660_00 });
    expect(replaced.release).toEqual({ released: true });
    expect(replaced.tab).toMatchObject({ state: 'open', heldMinor: 660_00, maskedPan: '•••• 4444', flagReason: null });

    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(out.capture).toMatchObject({ status: 'approved', approvedMinor: 660_00 });
    expect(out.receipt?.maskedPan).toBe('•••• 4444');
    const [first, second] = desk.sandbox.transactions().filter((t) => t.kind === 'authorization' && t.clientReferenceCode === tabId);
    expect(first).toMatchObject({ cardSuffix: '0005', state: 'reversed', capturedMinor: 0 });
    expect(second).toMatchObject({ cardSuffix: '4444', authorizedMinor: 660_00, capturedMinor: 660_00 });
  });

  it('cancels a tab by reversing the whole hold, increments included', async () => {
    const desk = await frontDesk();
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Edsger Dijkstra', room: '3', nights: 1, nightlyRateMinor: 120_00, incidentalsMinor: 30_00,
    });
    await desk.ok('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId, category: 'minibar', amountMinor: 50_00 });
    const cancelled = await desk.ok('tabs.cancel', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId });
    expect(cancelled.release).toEqual({ released: true });
    expect(cancelled.tab).toMatchObject({ state: 'cancelled', heldMinor: 0 });
    const authorization = desk.sandbox.transactions().find((t) => t.kind === 'authorization');
    expect(authorization).toMatchObject({ state: 'reversed', capturedMinor: 0 });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'reversal')).toMatchObject({ parentId: authorization?.id, amountMinor: 170_00 });
    expect(await desk.ok('tabs.list')).toEqual([]);
  });

  it('answers a repeated key with the first result and sends nothing again', async () => {
    const desk = await frontDesk();
    const { tab } = await desk.ok('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Barbara Liskov', room: '5', nights: 1, nightlyRateMinor: 100_00, incidentalsMinor: 0,
    });
    const args = { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: tab.tabId, category: 'minibar' as const, amountMinor: 30_00 };
    const [first, second] = await Promise.all([desk.ok('tabs.addCharge', args), desk.ok('tabs.addCharge', args)]);
    const third = await desk.ok('tabs.addCharge', args);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(third.tab.folioMinor).toBe(130_00);
    expect(desk.sandbox.transactions().filter((t) => t.kind === 'incremental')).toHaveLength(1);
    expect(desk.context.journal.tabCharges(tab.tabId)).toHaveLength(2);
  });
});
