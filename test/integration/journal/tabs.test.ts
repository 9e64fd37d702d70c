import { describe, expect, it } from 'vitest';
import type { Journal } from '../../../main/payments/journal/journal';
import type { NewTab } from '../../../main/payments/journal/records';
import { approvedFollowOn, mastercard, useJournals, visa } from './journal-fixture';

const journals = useJournals();

const guest: NewTab = {
  id: 'TAB-101',
  guestName: 'Ada Lovelace',
  room: '101',
  nights: 2,
  nightlyRateMinor: 15000,
  incidentalsMinor: 10000,
  headroomMinor: 0,
  currency: 'USD',
  cardOnFile: true,
  card: visa,
  operatorId: 'desk-1',
};

/** Opens the tab and approves its opening hold of nights × rate + incidentals. */
function checkIn(journal: Journal, tab: NewTab = guest): string {
  journal.openTab(tab);
  const hold = tab.nights * tab.nightlyRateMinor + tab.incidentalsMinor;
  const transactionId = `T-open-${tab.id}`;
  journal.recordAttemptPending({ transactionId, kind: 'authorize', owner: { tabId: tab.id }, amountMinor: hold, currency: tab.currency, card: visa, operatorId: tab.operatorId });
  journal.settleAttempt(transactionId, { status: 'approved', gatewayId: '6461731521426399003473', instrumentIdentifierId: '7010000000016241111' });
  return transactionId;
}

describe('hotel tabs', () => {
  it("reproduces the guide's scenario: 400.00 held, +50.00, +200.00, +50.00, capture 700.00", () => {
    const { journal } = journals.open();
    const opening = checkIn(journal);
    expect(journal.tab(guest.id)).toMatchObject({
      state: 'open', heldMinor: 40000, folioMinor: 0, authorizationGatewayId: '6461731521426399003473', instrumentIdentifierId: '7010000000016241111',
      maskedPan: '•••• 1111', cardOnFile: true,
    });
    const steps: [category: 'room' | 'room-service' | 'extra-night' | 'minibar', charge: number, increment: number][] = [
      ['room', 30000, 0],
      ['room-service', 15000, 5000],
      ['extra-night', 20000, 20000],
      ['minibar', 5000, 5000],
    ];
    for (const [category, charge, increment] of steps) {
      const { tab } = journal.addTabCharge({ tabId: guest.id, category, amountMinor: charge, operatorId: 'desk-1' });
      expect(Math.max(0, tab.folioMinor - tab.heldMinor)).toBe(increment);
      if (increment > 0) approvedFollowOn(journal, { kind: 'incremental', owner: { tabId: guest.id }, amountMinor: increment, parentTransactionId: opening });
    }
    expect(journal.tab(guest.id)).toMatchObject({ heldMinor: 70000, folioMinor: 70000 });
    approvedFollowOn(journal, { kind: 'capture', owner: { tabId: guest.id }, amountMinor: 70000, parentTransactionId: opening });
    expect(journal.tab(guest.id)).toMatchObject({ state: 'checked-out', capturedMinor: 70000 });
    expect(journal.openTabs()).toEqual([]);
    expect(journal.history({ tabId: guest.id }).map((attempt) => [attempt.kind, attempt.approvedMinor])).toEqual([
      ['authorize', 40000],
      ['incremental', 5000],
      ['incremental', 20000],
      ['incremental', 5000],
      ['capture', 70000],
    ]);
    expect(journal.tabCharges(guest.id).map((charge) => charge.amountMinor)).toEqual([30000, 15000, 20000, 5000]);
  });

  it('refuses charges, captures and a second check-out on a checked-out tab', () => {
    const { journal } = journals.open();
    const opening = checkIn(journal);
    approvedFollowOn(journal, { kind: 'capture', owner: { tabId: guest.id }, amountMinor: 40000, parentTransactionId: opening });
    const before = journal.tab(guest.id);
    expect(() => journal.addTabCharge({ tabId: guest.id, category: 'minibar', amountMinor: 500, operatorId: 'desk-1' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(() => approvedFollowOn(journal, { kind: 'capture', owner: { tabId: guest.id }, amountMinor: 100, parentTransactionId: opening })).toThrow(/checked-out/);
    expect(journal.tab(guest.id)).toEqual(before);
    expect(journal.tabCharges(guest.id)).toEqual([]);
  });

  it('refuses a check-out over the held amount: the incremental comes first', () => {
    const { journal } = journals.open();
    const opening = checkIn(journal);
    expect(() => approvedFollowOn(journal, { kind: 'capture', owner: { tabId: guest.id }, amountMinor: 40001, parentTransactionId: opening })).toThrow(
      expect.objectContaining({ code: 'OVER_LIMIT' }),
    );
  });

  it('flags the tab when an incremental is declined, and a second card opens it again', () => {
    const { journal } = journals.open();
    const opening = checkIn(journal);
    journal.addTabCharge({ tabId: guest.id, category: 'damage', amountMinor: 50000, note: 'broken lamp', operatorId: 'desk-1' });
    journal.recordAttemptPending({ transactionId: 'T-inc', kind: 'incremental', owner: { tabId: guest.id }, amountMinor: 10000, currency: 'USD', operatorId: 'desk-1', parentTransactionId: opening });
    journal.settleAttempt('T-inc', { status: 'declined', reason: 'INSUFFICIENT_FUND', insightCategory: '02' });
    expect(journal.tab(guest.id)).toMatchObject({ state: 'flagged', heldMinor: 40000, flagReason: 'incremental authorization declined: INSUFFICIENT_FUND' });
    expect(journal.openTabs().map((tab) => tab.state)).toEqual(['flagged']);
    approvedFollowOn(journal, { kind: 'authorize', owner: { tabId: guest.id }, amountMinor: 10000, card: mastercard });
    expect(journal.tab(guest.id)).toMatchObject({ state: 'open', heldMinor: 50000, flagReason: null, authorizationGatewayId: '6461731521426399003473' });
  });

  it('marks a tab whose opening hold is declined, and keeps it off the open list', () => {
    const { journal } = journals.open();
    journal.openTab(guest);
    expect(journal.openTabs().map((tab) => tab.state)).toEqual(['opening']);
    journal.recordAttemptPending({ transactionId: 'T-o', kind: 'authorize', owner: { tabId: guest.id }, amountMinor: 40000, currency: 'USD', card: visa, operatorId: 'desk-1' });
    journal.settleAttempt('T-o', { status: 'declined', reason: 'EXPIRED_CARD', insightCategory: '01' });
    expect(journal.tab(guest.id)?.state).toBe('declined');
    expect(journal.openTabs()).toEqual([]);
    expect(() => journal.addTabCharge({ tabId: guest.id, category: 'minibar', amountMinor: 500, operatorId: 'desk-1' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });

  it('cancels with a reversal of the whole hold', () => {
    const { journal, clock } = journals.open();
    const opening = checkIn(journal);
    clock.advance(60_000);
    approvedFollowOn(journal, { kind: 'reversal', owner: { tabId: guest.id }, amountMinor: 40000, parentTransactionId: opening });
    expect(journal.tab(guest.id)).toMatchObject({ state: 'cancelled', heldMinor: 0, closedAtMs: clock().getTime() });
  });

  it('records a manager-approved late charge on the stored card after check-out', () => {
    const { journal } = journals.open();
    const opening = checkIn(journal);
    approvedFollowOn(journal, { kind: 'capture', owner: { tabId: guest.id }, amountMinor: 40000, parentTransactionId: opening });
    const late = approvedFollowOn(journal, {
      kind: 'mit', owner: { tabId: guest.id }, amountMinor: 1200, managerId: 'mgr-1', card: { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'stored' },
    });
    expect(journal.tab(guest.id)).toMatchObject({ state: 'checked-out', lateChargedMinor: 1200 });
    expect(journal.attempt(late)).toMatchObject({ kind: 'mit', managerId: 'mgr-1', entryMode: 'stored' });
  });

  it('flags a tab by hand with a reason, and refuses bad charges', () => {
    const { journal } = journals.open();
    checkIn(journal);
    expect(journal.flagTab(guest.id, 'authorization is 25 days old')).toMatchObject({ state: 'flagged', flagReason: 'authorization is 25 days old' });
    expect(() => journal.addTabCharge({ tabId: guest.id, category: 'minibar', amountMinor: 0, operatorId: 'desk-1' })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.addTabCharge({ tabId: guest.id, category: 'casino' as 'other', amountMinor: 10, operatorId: 'desk-1' })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.addTabCharge({ tabId: 'TAB-404', category: 'minibar', amountMinor: 10, operatorId: 'desk-1' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => journal.openTab({ ...guest, id: 'TAB-2', nights: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.openTab(guest)).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
  });

  it('keeps open tabs oldest first across a reopen', () => {
    const { journal, clock, file } = journals.open();
    checkIn(journal, { ...guest, id: 'TAB-A' });
    clock.advance(1000);
    checkIn(journal, { ...guest, id: 'TAB-B' });
    journal.close();
    const reopened = journals.open(file).journal;
    expect(reopened.openTabs().map((tab) => tab.id)).toEqual(['TAB-A', 'TAB-B']);
  });
});
