import { describe, expect, it } from 'vitest';
import { approvedFollowOn, approvedSale, gatewayIdFor, useJournals, visa } from './journal-fixture';

const journals = useJournals();

describe('pre-authorizations', () => {
  it('authorizes, increments, captures no more than authorized, and leaves the open list', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    expect(journal.order('P-1')).toMatchObject({ state: 'authorized', authorizedMinor: 5000 });
    expect(journal.openPreAuths().map((order) => order.id)).toEqual(['P-1']);
    const over = { transactionId: 'T-over', kind: 'capture' as const, owner: { orderId: 'P-1' }, amountMinor: 5001, currency: 'USD' as const, operatorId: 'op-1', parentTransactionId: auth };
    expect(() => journal.recordAttemptPending(over)).toThrow(expect.objectContaining({ code: 'OVER_LIMIT', message: expect.stringMatching(/incremental authorization first/) }));
    approvedFollowOn(journal, { kind: 'incremental', owner: { orderId: 'P-1' }, amountMinor: 1000, parentTransactionId: auth });
    expect(journal.order('P-1')?.authorizedMinor).toBe(6000);
    approvedFollowOn(journal, { ...over, amountMinor: 6000, transactionId: 'T-cap' });
    expect(journal.order('P-1')).toMatchObject({ state: 'paid', capturedMinor: 6000 });
    expect(journal.openPreAuths()).toEqual([]);
  });

  it('releases with a reversal, after which nothing can be captured', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    approvedFollowOn(journal, { kind: 'reversal', owner: { orderId: 'P-1' }, amountMinor: 5000, parentTransactionId: auth });
    expect(journal.order('P-1')?.state).toBe('released');
    expect(journal.openPreAuths()).toEqual([]);
    expect(() => approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 100, parentTransactionId: auth })).toThrow(
      expect.objectContaining({ code: 'WRONG_STATE', message: expect.stringMatching(/released/) }),
    );
    expect(journal.history({ orderId: 'P-1' })).toHaveLength(2);
  });

  it('refuses an attempt whose currency differs from the one it acts on', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 500);
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-r', kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'EUR', operatorId: 'op-1', parentTransactionId: sale }),
    ).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });
});

describe('voids', () => {
  it('voids a sale once, linking the void to it and recording requester and approving manager', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 1500);
    journal.recordAttemptPending({ transactionId: 'T-void', kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 1500, currency: 'USD', operatorId: 'op-2', managerId: 'mgr-1', parentTransactionId: sale });
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-void2', kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 1500, currency: 'USD', operatorId: 'op-2', managerId: 'mgr-1', parentTransactionId: sale }),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
    journal.settleAttempt('T-void', { status: 'approved', gatewayId: gatewayIdFor('T-void') });
    expect(journal.order('S-1')?.state).toBe('voided');
    expect(journal.attempt('T-void')).toMatchObject({ operatorId: 'op-2', managerId: 'mgr-1', parentTransactionId: sale, maskedPan: '•••• 1111' });
    expect(journal.refundableMinor(sale)).toBe(0);
  });

  it('allows another void after a declined one', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 1500);
    journal.recordAttemptPending({ transactionId: 'T-v1', kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 1500, currency: 'USD', operatorId: 'op-1', parentTransactionId: sale });
    journal.settleAttempt('T-v1', { status: 'declined', reason: 'NOT_VOIDABLE' });
    expect(journal.order('S-1')?.state).toBe('paid');
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 1500, parentTransactionId: sale });
    expect(journal.order('S-1')?.state).toBe('voided');
  });

  it("returns a pre-auth to authorized when its capture is voided, so the full hold can be reversed and the order released", () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    approvedFollowOn(journal, { kind: 'incremental', owner: { orderId: 'P-1' }, amountMinor: 1000, parentTransactionId: auth });
    const capture = approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 5500, parentTransactionId: auth });
    expect(journal.order('P-1')).toMatchObject({ state: 'paid', capturedMinor: 5500 });
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 5500, parentTransactionId: capture, managerId: 'mgr-1' });
    expect(journal.order('P-1')).toMatchObject({ state: 'authorized', authorizedMinor: 6000, capturedMinor: 0 });
    expect(journal.openPreAuths().map((order) => order.id)).toEqual(['P-1']);
    expect(journal.refundableMinor(capture)).toBe(0);
    approvedFollowOn(journal, { kind: 'reversal', owner: { orderId: 'P-1' }, amountMinor: 6000, parentTransactionId: auth });
    expect(journal.order('P-1')).toMatchObject({ state: 'released', capturedMinor: 0 });
    expect(journal.openPreAuths()).toEqual([]);
    expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('lets a pre-auth whose capture was voided be captured again, and keeps it paid while another capture stands', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    const first = approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 2000, parentTransactionId: auth });
    const second = approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 1000, parentTransactionId: auth });
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 2000, parentTransactionId: first });
    expect(journal.order('P-1')).toMatchObject({ state: 'paid', capturedMinor: 1000 });
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 1000, parentTransactionId: second });
    expect(journal.order('P-1')).toMatchObject({ state: 'authorized', capturedMinor: 0 });
    approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 5000, parentTransactionId: auth });
    expect(journal.order('P-1')).toMatchObject({ state: 'paid', capturedMinor: 5000 });
  });

  it('refuses to void a capture or sale that has refunds: they are voided first', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    const capture = approvedFollowOn(journal, { kind: 'capture', owner: { orderId: 'P-1' }, amountMinor: 5000, parentTransactionId: auth });
    const refund = approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'P-1' }, amountMinor: 1500, parentTransactionId: capture });
    const voidOf = (parentTransactionId: string) => () =>
      journal.recordAttemptPending({ transactionId: `T-void-${parentTransactionId}`, kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 5000, currency: 'USD', operatorId: 'op-1', parentTransactionId });
    expect(voidOf(capture)).toThrow(expect.objectContaining({ code: 'WRONG_STATE', message: expect.stringMatching(/has refunds: void them first/) }));
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 1500, parentTransactionId: refund });
    voidOf(capture)();
    journal.settleAttempt(`T-void-${capture}`, { status: 'approved', gatewayId: gatewayIdFor(capture) });
    expect(journal.order('P-1')).toMatchObject({ state: 'authorized', capturedMinor: 0, refundedMinor: 0 });
  });

  it('refuses to void what cannot be voided: an authorization, a declined sale', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    expect(() => approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'P-1' }, amountMinor: 5000, parentTransactionId: auth })).toThrow(/cannot be voided/);
    journal.openOrder({ id: 'S-2', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-d', kind: 'sale', owner: { orderId: 'S-2' }, amountMinor: 100, currency: 'USD', card: visa, operatorId: 'op-1' });
    journal.settleAttempt('T-d', { status: 'declined', reason: 'DECLINED' });
    expect(() => approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'S-2' }, amountMinor: 100, parentTransactionId: 'T-d' })).toThrow(/is declined/);
  });
});

describe('refunds', () => {
  it('refunds in parts up to what was captured, counting refunds in flight, and never over', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 10000);
    approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 3000, parentTransactionId: sale, managerId: 'mgr-1' });
    expect(journal.order('S-1')).toMatchObject({ state: 'paid', refundedMinor: 3000 });
    expect(journal.refundableMinor(sale)).toBe(7000);
    journal.recordAttemptPending({ transactionId: 'T-r2', kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 5000, currency: 'USD', operatorId: 'op-1', parentTransactionId: sale });
    expect(journal.refundableMinor(sale)).toBe(2000);
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-r3', kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 2001, currency: 'USD', operatorId: 'op-1', parentTransactionId: sale }),
    ).toThrow(expect.objectContaining({ code: 'OVER_LIMIT' }));
    journal.settleAttempt('T-r2', { status: 'approved', gatewayId: 'G-r2' });
    approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 2000, parentTransactionId: sale });
    expect(journal.order('S-1')).toMatchObject({ state: 'refunded', refundedMinor: 10000 });
    expect(journal.refundableMinor(sale)).toBe(0);
  });

  it('voids a refund the same day, which makes its amount refundable again', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 4000);
    const refund = approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 4000, parentTransactionId: sale });
    expect(journal.order('S-1')?.state).toBe('refunded');
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 4000, parentTransactionId: refund, managerId: 'mgr-1' });
    expect(journal.order('S-1')).toMatchObject({ state: 'paid', refundedMinor: 0 });
    expect(journal.refundableMinor(sale)).toBe(4000);
  });

  it('refuses to refund a voided sale or an authorization', () => {
    const { journal } = journals.open();
    const sale = approvedSale(journal, 'S-1', 4000);
    approvedFollowOn(journal, { kind: 'void', owner: { orderId: 'S-1' }, amountMinor: 4000, parentTransactionId: sale });
    expect(() => approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'S-1' }, amountMinor: 100, parentTransactionId: sale })).toThrow(/was voided/);
    journal.openOrder({ id: 'P-1', kind: 'pre-auth', amountMinor: 5000, currency: 'USD', operatorId: 'op-1' });
    const auth = approvedFollowOn(journal, { kind: 'authorize', owner: { orderId: 'P-1' }, amountMinor: 5000, card: visa });
    expect(() => approvedFollowOn(journal, { kind: 'refund', owner: { orderId: 'P-1' }, amountMinor: 100, parentTransactionId: auth })).toThrow(/cannot be refunded/);
  });
});

describe('voice authorizations', () => {
  it('records a forced capture with the verbal code and the approving manager', () => {
    const { journal } = journals.open();
    journal.openOrder({ id: 'V-1', kind: 'voice-auth', amountMinor: 8800, currency: 'USD', operatorId: 'op-1' });
    journal.recordAttemptPending({ transactionId: 'T-v', kind: 'forced-capture', owner: { orderId: 'V-1' }, amountMinor: 8800, currency: 'USD', card: { ...visa, entryMode: 'keyed' }, operatorId: 'op-1', managerId: 'mgr-1' });
    journal.settleAttempt('T-v', { status: 'approved', gatewayId: 'G-v', approvalCode: '123456' });
    expect(journal.attempt('T-v')).toMatchObject({ kind: 'forced-capture', approvalCode: '123456', managerId: 'mgr-1', entryMode: 'keyed' });
    expect(journal.order('V-1')).toMatchObject({ kind: 'voice-auth', state: 'paid', capturedMinor: 8800 });
  });
});
