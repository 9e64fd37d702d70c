import { describe, expect, it } from 'vitest';
import { approvedFollowOn, approvedSale, mastercard, useJournals, visa } from './journal-fixture';

const journals = useJournals();

describe('recording and settling attempts', () => {
  it('writes a pending attempt with everything the request carries, then its outcome and the order it pays', () => {
    const { journal, clock } = journals.open();
    journal.openOrder({ id: 'S-100', kind: 'sale', amountMinor: 10221, currency: 'USD', operatorId: 'op-7' });
    const pending = journal.recordAttemptPending({
      transactionId: 'T-100', kind: 'sale', owner: { orderId: 'S-100' }, amountMinor: 10221, currency: 'USD', card: { ...visa, fingerprint: 'f'.repeat(64) }, operatorId: 'op-7',
    });
    expect(pending).toMatchObject({
      transactionId: 'T-100', kind: 'sale', ownerKind: 'order', reference: 'S-100', status: 'pending', amountMinor: 10221, approvedMinor: null,
      maskedPan: '•••• 1111', cardBrand: 'visa', entryMode: 'swiped', cardFingerprint: 'f'.repeat(64), operatorId: 'op-7', managerId: null,
      createdAtMs: clock().getTime(),
    });
    expect(journal.order('S-100')?.state).toBe('open');
    clock.advance(850);
    const settled = journal.settleAttempt('T-100', { status: 'approved', gatewayId: '6461731521426399003473', approvalCode: '831000' });
    expect(settled).toMatchObject({ status: 'approved', approvedMinor: 10221, gatewayId: '6461731521426399003473', approvalCode: '831000', updatedAtMs: clock().getTime() });
    expect(settled.updatedAtMs - settled.createdAtMs).toBe(850);
    expect(journal.order('S-100')).toMatchObject({ state: 'paid', authorizedMinor: 10221, capturedMinor: 10221 });
  });

  it('settles an attempt once: a final outcome never changes, an unknown one may still be resolved', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 500);
    expect(() => journal.settleAttempt(sale, { status: 'declined', reason: 'LATE' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));

    journal.openOrder({ id: 'S-2', kind: 'sale', amountMinor: 700, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-2', kind: 'sale', owner: { orderId: 'S-2' }, amountMinor: 700, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.settleAttempt('T-2', { status: 'unknown', message: 'timeout: no response in 30 s', rawResponse: '<html>502' });
    expect(() => journal.settleAttempt('T-2', { status: 'unknown', message: 'again' })).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(journal.attempt('T-2')).toMatchObject({ status: 'unknown', rawResponse: '<html>502', message: 'timeout: no response in 30 s' });
    journal.settleAttempt('T-2', { status: 'approved', gatewayId: '6461731521426399000002' });
    expect(journal.order('S-2')?.state).toBe('paid');
    // What the gateway said when the outcome was unknown stays for support.
    expect(journal.attempt('T-2')?.rawResponse).toBe('<html>502');
  });

  it('refuses unknown ids, duplicate transactionIds and bad shapes, writing nothing', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    const base = { transactionId: 'T-1', kind: 'sale' as const, owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD' as const, card: visa, operatorId: 'op-1' };
    expect(() => journal.recordAttemptPending({ ...base, owner: { orderId: 'NOPE' } })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => journal.recordAttemptPending({ ...base, amountMinor: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.recordAttemptPending({ ...base, amountMinor: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.recordAttemptPending({ ...base, currency: 'XYZ' as 'USD' })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.recordAttemptPending({ ...base, kind: 'steal' as 'sale' })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.recordAttemptPending({ ...base, kind: 'capture' })).toThrow(/must name the attempt it acts on/);
    expect(() => journal.recordAttemptPending({ ...base, owner: { orderId: '' } })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => journal.settleAttempt('T-404', { status: 'failed', message: 'x' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    journal.recordAttemptPending(base);
    journal.settleAttempt('T-1', { status: 'declined', reason: 'INSUFFICIENT_FUND' });
    expect(() => journal.recordAttemptPending(base)).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
    expect(journal.history({ orderId: 'S-1' })).toHaveLength(1);
  });

  it('refuses an approved amount larger than was asked', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
    expect(() => journal.settleAttempt('T-1', { status: 'approved', gatewayId: 'G1', approvedMinor: 101 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(journal.attempt('T-1')?.status).toBe('pending');
  });

  it('lets a declined order be tried again with another card, and refuses a second sale on a paid order', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-1b', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' }),
    ).toThrow(/outcome is not known yet/);
    journal.settleAttempt('T-1', { status: 'declined', reason: 'INSUFFICIENT_FUND', insightCategory: '02' });
    expect(journal.order('S-1')?.state).toBe('declined');
    journal.recordAttemptPending({ transactionId: 'T-2', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: mastercard, operatorId: 'op-1' });
    journal.settleAttempt('T-2', { status: 'approved', gatewayId: 'G2' });
    expect(journal.order('S-1')?.state).toBe('paid');
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-3', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' }),
    ).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(journal.history({ orderId: 'S-1' }).map((attempt) => [attempt.transactionId, attempt.status, attempt.declineReason, attempt.insightCategory])).toEqual([
      ['T-1', 'declined', 'INSUFFICIENT_FUND', '02'],
      ['T-2', 'approved', null, null],
    ]);
  });

  it('marks invalid and failed first attempts on the order', () => {
    const { journal } = journals.open();
    for (const [id, outcome] of [
      ['S-i', { status: 'invalid', reason: 'MISSING_FIELD', message: 'billTo missing' }],
      ['S-f', { status: 'failed', message: 'connect-failed: refused' }],
    ] as const) {
      journal.openOrder({ id, kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
      journal.recordAttemptPending({ transactionId: `T${id}`, kind: 'sale', owner: { orderId: id }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
      journal.settleAttempt(`T${id}`, outcome);
      expect(journal.order(id)?.state).toBe('failed');
    }
    expect(journal.attempt('TS-i')).toMatchObject({ status: 'invalid', declineReason: 'MISSING_FIELD', message: 'billTo missing' });
  });
});

describe('unresolved attempts and recovery', () => {
  it('lists pending and unknown attempts oldest first, and drops them once settled or resolved', () => {
    const { journal, clock } = journals.open();
    approvedSale(journal, 'S-ok', 100);
    for (const id of ['A', 'B', 'C']) {
      journal.openOrder({ id: `S-${id}`, kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
      journal.recordAttemptPending({ transactionId: `T-${id}`, kind: 'sale', owner: { orderId: `S-${id}` }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
      clock.advance(1000);
    }
    journal.settleAttempt('T-B', { status: 'unknown', message: 'timeout' });
    expect(journal.unresolvedAttempts().map((attempt) => [attempt.transactionId, attempt.status])).toEqual([
      ['T-A', 'pending'],
      ['T-B', 'unknown'],
      ['T-C', 'pending'],
    ]);
    journal.settleAttempt('T-A', { status: 'resolved', message: 'lookup: not found at the gateway' });
    expect(journal.order('S-A')?.state).toBe('cancelled');
    journal.settleAttempt('T-C', { status: 'declined', reason: 'DECLINED' });
    expect(journal.unresolvedAttempts().map((attempt) => attempt.transactionId)).toEqual(['T-B']);
  });

  it('resolves an unknown sale when its timeout void is approved, in the same transaction', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 2500, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-lost', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 2500, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.settleAttempt('T-lost', { status: 'unknown', message: 'connection reset' });
    const undo = approvedFollowOn(journal, { kind: 'timeout-void', owner: { orderId: 'S-1' }, amountMinor: 2500, parentTransactionId: 'T-lost' });
    expect(journal.attempt('T-lost')).toMatchObject({ status: 'resolved', message: `undone by timeout-void ${undo}` });
    expect(journal.order('S-1')?.state).toBe('cancelled');
    expect(journal.unresolvedAttempts()).toEqual([]);
    expect(journal.attempt(undo)).toMatchObject({ parentTransactionId: 'T-lost', maskedPan: '•••• 1111' });
  });

  it('resolves an unknown tab authorization by timeout reversal and cancels the opening tab', () => {
    const { journal } = journals.open();
    journal.openTab({ id: 'TAB-1', guestName: 'Grace Hopper', room: '12', nights: 1, nightlyRateMinor: 10000, incidentalsMinor: 0, headroomMinor: 0, currency: 'USD', cardOnFile: false, operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-open', kind: 'authorize', owner: { tabId: 'TAB-1' }, amountMinor: 10000, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.settleAttempt('T-open', { status: 'unknown', message: 'timeout' });
    approvedFollowOn(journal, { kind: 'timeout-reversal', owner: { tabId: 'TAB-1' }, amountMinor: 10000, parentTransactionId: 'T-open' });
    expect(journal.tab('TAB-1')).toMatchObject({ state: 'cancelled', heldMinor: 0 });
  });

  it('undoes nothing when a timeout reversal comes back for an attempt that is no longer unknown', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 300);
    approvedFollowOn(journal, { kind: 'timeout-void', owner: { orderId: 'S-1' }, amountMinor: 300, parentTransactionId: sale });
    expect(journal.attempt(sale)?.status).toBe('approved');
  });
});

describe('history', () => {
  it('lists every attempt of an order, tab or session in the order they were made, with parents', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    const increment = approvedFollowOn(journal, { kind: 'incremental', owner: { orderId: 'P-1' }, amountMinor: 1000, parentTransactionId: auth });
    const capture = approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 6000, parentTransactionId: auth });
    approvedSale(journal, 'S-other', 100);
    expect(journal.history({ orderId: 'P-1' }).map((attempt) => [attempt.transactionId, attempt.kind, attempt.parentTransactionId, attempt.approvedMinor])).toEqual([
      [auth, 'authorize', null, 5000],
      [increment, 'incremental', auth, 1000],
      [capture, 'capture', auth, 6000],
    ]);
    expect(journal.history({ tabId: 'none' })).toEqual([]);
    expect(journal.history({ sessionId: 'none' })).toEqual([]);
  });
});
