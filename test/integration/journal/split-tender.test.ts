import { describe, expect, it } from 'vitest';
import { approvedFollowOn, gatewayIdFor, mastercard, useJournals, visa } from './journal-fixture';

const journals = useJournals();
const prepaid = { maskedPan: '•••• 0018', brand: 'visa', entryMode: 'contactless' as const };

describe('split tender', () => {
  it('pays 100.00 as a 60.00 partial authorization plus 40.00 on a second card, then captures both', () => {
    const { journal, clock } = journals.open();
    journal.openSplitSession({ id: 'SPLIT-1', totalMinor: 10000, currency: 'USD', expiresAtMs: clock().getTime() + 600_000, operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-p1', kind: 'sale', owner: { sessionId: 'SPLIT-1' }, amountMinor: 10000, currency: 'USD', card: prepaid, operatorId: 'op-1' });
    journal.settleAttempt('T-p1', { status: 'partially-approved', gatewayId: gatewayIdFor('T-p1'), approvedMinor: 6000 });
    expect(journal.splitSession('SPLIT-1')).toMatchObject({ paidMinor: 6000, balanceDueMinor: 4000, state: 'open' });
    expect(journal.attempt('T-p1')).toMatchObject({ status: 'partially-approved', amountMinor: 10000, approvedMinor: 6000 });

    const over = { transactionId: 'T-over', kind: 'authorize' as const, owner: { sessionId: 'SPLIT-1' }, amountMinor: 4001, currency: 'USD' as const, card: mastercard, operatorId: 'op-1' };
    expect(() => journal.recordAttemptPending(over)).toThrow(expect.objectContaining({ code: 'OVER_LIMIT' }));
    approvedFollowOn(journal, { ...over, transactionId: 'T-p2', amountMinor: 4000 });
    expect(journal.splitSession('SPLIT-1')).toMatchObject({ paidMinor: 10000, balanceDueMinor: 0, state: 'open' });

    approvedFollowOn(journal, { kind: 'capture', owner: { sessionId: 'SPLIT-1' }, amountMinor: 6000, parentTransactionId: 'T-p1' });
    expect(journal.splitSession('SPLIT-1')?.state).toBe('open');
    approvedFollowOn(journal, { kind: 'capture', owner: { sessionId: 'SPLIT-1' }, amountMinor: 4000, parentTransactionId: 'T-p2' });
    expect(journal.splitSession('SPLIT-1')?.state).toBe('completed');
    expect(journal.tenders('SPLIT-1').map((tender) => [tender.kind, tender.amountMinor, tender.state, tender.transactionId, tender.maskedPan])).toEqual([
      ['card', 6000, 'captured', 'T-p1', '•••• 0018'],
      ['card', 4000, 'captured', 'T-p2', '•••• 4444'],
    ]);
    expect(journal.openSplitSessions()).toEqual([]);
  });

  it('cancels by reversing the 60.00 partial authorization', () => {
    const { journal, clock } = journals.open();
    journal.openSplitSession({ id: 'SPLIT-1', totalMinor: 10000, currency: 'USD', expiresAtMs: clock().getTime() + 600_000, operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-p1', kind: 'sale', owner: { sessionId: 'SPLIT-1' }, amountMinor: 10000, currency: 'USD', card: prepaid, operatorId: 'op-1' });
    journal.settleAttempt('T-p1', { status: 'partially-approved', gatewayId: gatewayIdFor('T-p1'), approvedMinor: 6000 });
    expect(journal.beginSessionCancel('SPLIT-1')).toMatchObject({ state: 'cancelling' });
    expect(() => journal.recordCashTender({ sessionId: 'SPLIT-1', amountMinor: 100, operatorId: 'op-1' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(journal.openSplitSessions().map((session) => session.state)).toEqual(['cancelling']);
    approvedFollowOn(journal, { kind: 'reversal', owner: { sessionId: 'SPLIT-1' }, amountMinor: 6000, parentTransactionId: 'T-p1' });
    expect(journal.splitSession('SPLIT-1')).toMatchObject({ state: 'cancelled', paidMinor: 0 });
    expect(journal.tenders('SPLIT-1')).toEqual([expect.objectContaining({ state: 'reversed', amountMinor: 6000 })]);
  });

  it('takes cash up to the balance due and completes when nothing is left to capture', () => {
    const { journal, clock } = journals.open();
    journal.openSplitSession({ id: 'SPLIT-2', totalMinor: 5000, currency: 'USD', expiresAtMs: clock().getTime() + 600_000, operatorId: 'op-1' });
    expect(() => journal.recordCashTender({ sessionId: 'SPLIT-2', amountMinor: 5001, operatorId: 'op-1' })).toThrow(expect.objectContaining({ code: 'OVER_LIMIT' }));
    expect(journal.recordCashTender({ sessionId: 'SPLIT-2', amountMinor: 2000, operatorId: 'op-1' })).toMatchObject({ balanceDueMinor: 3000, state: 'open' });
    approvedFollowOn(journal, { kind: 'sale', owner: { sessionId: 'SPLIT-2' }, amountMinor: 3000, card: visa });
    expect(journal.splitSession('SPLIT-2')).toMatchObject({ balanceDueMinor: 0, state: 'completed' });
    expect(journal.tenders('SPLIT-2').map((tender) => [tender.kind, tender.state])).toEqual([
      ['cash', 'recorded'],
      ['card', 'captured'],
    ]);
    expect(() => journal.recordCashTender({ sessionId: 'SPLIT-404', amountMinor: 1, operatorId: 'op-1' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('counts a card tender in flight against the balance due', () => {
    const { journal, clock } = journals.open();
    journal.openSplitSession({ id: 'SPLIT-3', totalMinor: 5000, currency: 'USD', expiresAtMs: clock().getTime() + 600_000, operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-a', kind: 'authorize', owner: { sessionId: 'SPLIT-3' }, amountMinor: 3000, currency: 'USD', card: visa, operatorId: 'op-1' });
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-b', kind: 'authorize', owner: { sessionId: 'SPLIT-3' }, amountMinor: 2001, currency: 'USD', card: mastercard, operatorId: 'op-1' }),
    ).toThrow(expect.objectContaining({ code: 'OVER_LIMIT' }));
  });

  it('lists sessions past their window, and survives a reopen', () => {
    const { journal, clock, file } = journals.open();
    const start = clock().getTime();
    journal.openSplitSession({ id: 'SPLIT-old', totalMinor: 1000, currency: 'USD', expiresAtMs: start + 600_000, operatorId: 'op-1' });
    journal.openSplitSession({ id: 'SPLIT-new', totalMinor: 1000, currency: 'USD', expiresAtMs: start + 900_000, operatorId: 'op-1' });
    expect(journal.expiredSplitSessions(start + 599_999)).toEqual([]);
    expect(journal.expiredSplitSessions(start + 600_000).map((session) => session.id)).toEqual(['SPLIT-old']);
    journal.close();
    const reopened = journals.open(file).journal;
    expect(reopened.openSplitSessions().map((session) => [session.id, session.balanceDueMinor])).toEqual([
      ['SPLIT-old', 1000],
      ['SPLIT-new', 1000],
    ]);
    expect(() => reopened.openSplitSession({ id: 'SPLIT-0', totalMinor: 0, currency: 'USD', expiresAtMs: start, operatorId: 'op-1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
  });
});
