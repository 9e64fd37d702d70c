import { describe, expect, it } from 'vitest';
import { approval, useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();
const visa = '4111111111111111';

describe('voice authorization', () => {
  it('records a forced capture of the verbal code after a "call issuer" decline, marked in the journal and on the receipt', async () => {
    const desk = await frontDesk();
    // 1000.30 is the sandbox's "call the issuer" decline.
    const declined = await desk.client.authorize({ reference: { code: 'call-first', transactionId: desk.context.newTransactionId() }, amount: 1000_30, currency: 'USD', card: { number: visa, expirationMonth: '12', expirationYear: '2031' } });
    expect(declined).toMatchObject({ kind: 'declined', reason: 'CONTACT_PROCESSOR' });

    const result = await desk.ok('voice.forceCapture', { idempotencyKey: desk.newKey(), operatorId: 'desk-3', cardHandle: desk.key(visa), amountMinor: 1000_30, verbalAuthCode: 'ABC123', approval });
    expect(result.capture).toMatchObject({ kind: 'forced-capture', status: 'approved', approvedMinor: 1000_30, approvalCode: 'ABC123', operatorId: 'desk-3', managerId: approval.managerId });
    expect(result.receipt).toMatchObject({ voiceAuthorized: true, approvalCode: 'ABC123', amountMinor: 1000_30, orderId: result.orderId, maskedPan: '•••• 1111' });
    expect(desk.context.journal.order(result.orderId)).toMatchObject({ kind: 'voice-auth', state: 'paid', capturedMinor: 1000_30 });
    const atGateway = desk.sandbox.transactions().find((t) => t.clientReferenceCode === result.orderId);
    expect(atGateway).toMatchObject({ kind: 'sale', state: 'captured', capturedMinor: 1000_30 });

    // It is a same-day capture like any other: listed for void, and voidable.
    expect((await desk.ok('voids.list')).map((row) => [row.transactionId, row.kind])).toEqual([[result.capture.transactionId, 'forced-capture']]);
    const voided = await desk.ok('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-3', transactionId: result.capture.transactionId, approval });
    expect(voided).toMatchObject({ void: { status: 'approved' }, release: null });
    expect(desk.sandbox.transactions().find((t) => t.clientReferenceCode === result.orderId)).toMatchObject({ state: 'voided' });
  });

  it('asks the manager before taking the card: a wrong PIN leaves the card for the next try, and nothing is recorded', async () => {
    const desk = await frontDesk();
    const cardHandle = desk.key(visa);
    const before = desk.snapshot();
    const args = { operatorId: 'desk-3', cardHandle, amountMinor: 50_00, verbalAuthCode: 'X9' };
    const wrong = await desk.call('voice.forceCapture', { ...args, idempotencyKey: desk.newKey(), approval: { ...approval, pin: '1111' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toEqual([]);
    const right = await desk.ok('voice.forceCapture', { ...args, idempotencyKey: desk.newKey(), approval });
    expect(right.capture).toMatchObject({ status: 'approved', approvalCode: 'X9' });
    expect(await desk.call('voice.forceCapture', { ...args, idempotencyKey: desk.newKey(), verbalAuthCode: 'not a code!', approval })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [expect.objectContaining({ field: 'verbalAuthCode' })] } });
  });
});
