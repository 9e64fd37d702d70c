import { describe, expect, it } from 'vitest';
import { startRecovery } from '../../../main/payments/recovery';
import type { FrontDesk } from './front-desk-fixture';
import { useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const visa = '4111111111111111';

async function openTab(desk: FrontDesk) {
  const { tab } = await desk.ok('tabs.open', {
    idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
    guestName: 'Ada Lovelace', room: '101', nights: 1, nightlyRateMinor: 150_00, incidentalsMinor: 50_00,
  });
  return tab.tabId;
}

describe('hotel tab rules', () => {
  it('refuses a second check-out and charges on a checked-out tab, naming the rule, with the journal unchanged', async () => {
    const desk = await frontDesk();
    const tabId = await openTab(desk);
    await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;

    const again = await desk.call('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(again).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/^WRONG_STATE: cannot check out tab .* checked out already/) } });
    const charge = await desk.call('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, category: 'minibar', amountMinor: 12_00 });
    expect(charge).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringMatching(/add a charge to tab .* checked out/) } });
    const cancel = await desk.call('tabs.cancel', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(cancel).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    const replace = await desk.call('tabs.replaceCard', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, cardHandle: desk.key(visa) });
    expect(replace).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });

    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
  });

  it('refuses unknown tabs, and bad amounts from IPC, before anything is written or sent', async () => {
    const desk = await frontDesk();
    const tabId = await openTab(desk);
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    const charge = (amountMinor: number, id = tabId) => desk.call('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: id, category: 'minibar', amountMinor });

    expect(await charge(10_00, 'TAB-nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no tab TAB-nope/) } });
    expect(await desk.call('tabs.get', { tabId: 'TAB-nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await desk.call('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId: 'TAB-nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const bad of [0, -5_00, 12.5, Number.NaN]) {
      expect(await charge(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [expect.objectContaining({ field: 'amountMinor' })] } });
    }
    desk.configure({ maxAmountMinor: 500_00 });
    expect(await charge(500_01)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/configured maximum/) } });
    const bigTab = await desk.call('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Big Spender', room: '1', nights: 3, nightlyRateMinor: 200_00, incidentalsMinor: 0,
    });
    expect(bigTab).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/configured maximum/) } });
    const noGuest = await desk.call('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: '  ', room: '1', nights: 0, nightlyRateMinor: 200_00, incidentalsMinor: -1,
    });
    expect(noGuest.ok ? [] : noGuest.error.fields?.map((field) => field.field)).toEqual(['guestName', 'nights', 'incidentalsMinor']);

    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);
  });

  it('flags the tab when the gateway is down during a charge, keeps the charge, and asks again at check-out', async () => {
    const desk = await frontDesk();
    const tabId = await openTab(desk);
    await desk.sandbox.faults.set({ kind: 'refuse' });
    const charge = await desk.ok('tabs.addCharge', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId, category: 'minibar', amountMinor: 80_00 });
    expect(charge.tab).toMatchObject({ state: 'flagged', folioMinor: 230_00, heldMinor: 200_00 });
    expect(['failed', 'unknown']).toContain(charge.incremental?.status);
    await desk.sandbox.faults.clear();
    await startRecovery(desk.context);
    expect(desk.context.journal.unresolvedAttempts()).toEqual([]);
    // Nothing was held by the lost request, so check-out asks the same card for the difference.
    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(out.topUp).toMatchObject({ status: 'approved', amountMinor: 30_00 });
    expect(out.capture).toMatchObject({ status: 'approved', approvedMinor: 230_00 });
    expect(desk.sandbox.transactions().filter((t) => t.kind === 'incremental').map((t) => t.amountMinor)).toEqual([30_00]);
  });

  it('asks for the missing increment at check-out when a charge never got one (the terminal stopped in between)', async () => {
    const desk = await frontDesk();
    const tabId = await openTab(desk);
    // As if the process died after the charge was written and before its increment went out.
    desk.context.journal.addTabCharge({ tabId, category: 'damage', amountMinor: 90_00, operatorId: 'desk-1' });
    const out = await desk.ok('tabs.checkout', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', tabId });
    expect(out.topUp).toMatchObject({ kind: 'incremental', status: 'approved', amountMinor: 40_00 });
    expect(out.capture).toMatchObject({ status: 'approved', approvedMinor: 240_00 });
    expect(out.tab).toMatchObject({ state: 'checked-out', heldMinor: 240_00, capturedMinor: 240_00 });
    expect(desk.sandbox.transactions().find((t) => t.kind === 'capture')).toMatchObject({ amountMinor: 240_00, state: 'captured' });
  });

  it('leaves a declined check-in closed, and never sends a category 01 card again', async () => {
    const desk = await frontDesk();
    // 1000.01 is the sandbox's STOLEN_LOST_CARD decline (category 01: the issuer will never approve).
    const open = () => desk.call('tabs.open', {
      idempotencyKey: desk.newKey(), operatorId: 'desk-1', cardHandle: desk.key(visa),
      guestName: 'Mallory', room: '13', nights: 1, nightlyRateMinor: 1000_01, incidentalsMinor: 0,
    });
    const declined = await open();
    expect(declined).toMatchObject({ ok: true, value: { authorization: { status: 'declined', insightCategory: '01' }, tab: { state: 'declined', folioMinor: 0, heldMinor: 0 } } });
    expect(await desk.ok('tabs.list')).toEqual([]);
    const sent = desk.sandbox.transactions().length;
    expect(await open()).toMatchObject({ ok: false, error: { code: 'DECLINED_NO_RETRY' } });
    expect(desk.sandbox.transactions()).toHaveLength(sent);
  });
});
