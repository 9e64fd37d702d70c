/**
 * The developer guide's rules, each violated once: the sandbox refuses with the gateway's 400
 * and records nothing for the refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, send, usd, type SentReply } from './signed-request';

let sandbox: SandboxGateway;

beforeAll(async () => {
  sandbox = await startSandboxGateway();
});

afterAll(async () => {
  await sandbox.close();
});

async function authorize(amount: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody(amount, overrides));
  expect(reply.body.status).toMatch(/AUTHORIZED/);
  return reply.body.id as string;
}

/** Sends a request that must be refused, and checks the ledger did not grow. */
async function refused(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<SentReply> {
  const before = sandbox.transactions().length;
  const reply = await send(sandbox, method, path, body);
  expect(reply.status).toBe(400);
  expect(reply.body.status).toBe('INVALID_REQUEST');
  expect(sandbox.transactions().length).toBe(before);
  return reply;
}

const reversalOf = (totalAmount: string) => ({ orderInformation: { amountDetails: { currency: 'USD' } }, reversalInformation: { amountDetails: { totalAmount } } });

describe('sandbox gateway rules', () => {
  it('refuses a capture above the authorized amount', async () => {
    const id = await authorize('50.00');
    const reply = await refused('POST', `/pts/v2/payments/${id}/captures`, usd('50.01'));
    expect(reply.body).toMatchObject({ reason: 'EXCEEDS_AUTH_AMOUNT', details: [{ field: 'orderInformation.amountDetails.totalAmount', reason: 'INVALID_DATA' }] });
  });

  it('refuses multiple partial captures whose total passes the authorized amount', async () => {
    const id = await authorize('100.00');
    const first = await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, { ...usd('60.00'), processingInformation: { captureOptions: { captureSequenceNumber: 1, totalCaptureCount: 2 } } });
    expect(first.status).toBe(201);
    const reply = await refused('POST', `/pts/v2/payments/${id}/captures`, { ...usd('40.01'), processingInformation: { captureOptions: { captureSequenceNumber: 2, totalCaptureCount: 2 } } });
    expect(reply.body.reason).toBe('EXCEEDS_AUTH_AMOUNT');
  });

  it('refuses another capture after the final one of a multiple partial capture, and a reused sequence number', async () => {
    const id = await authorize('100.00');
    await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, { ...usd('10.00'), processingInformation: { captureOptions: { captureSequenceNumber: 1, totalCaptureCount: 3 } } });
    const reused = await refused('POST', `/pts/v2/payments/${id}/captures`, { ...usd('10.00'), processingInformation: { captureOptions: { captureSequenceNumber: 1, totalCaptureCount: 3 } } });
    expect(reused.body.details[0].field).toBe('processingInformation.captureOptions.captureSequenceNumber');
    await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, { ...usd('10.00'), processingInformation: { captureOptions: { captureSequenceNumber: 3, totalCaptureCount: 3 } } });
    await refused('POST', `/pts/v2/payments/${id}/captures`, usd('10.00'));
  });

  it('refuses to capture a sale (it is captured already)', async () => {
    const sale = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('10.00', { processingInformation: { capture: true } }));
    expect((await refused('POST', `/pts/v2/payments/${sale.body.id}/captures`, usd('10.00'))).body.reason).toBe('NOT_SUPPORTED');
  });

  it('refuses to capture a zero amount authorization', async () => {
    const id = await authorize('0.00');
    const reply = await refused('POST', `/pts/v2/payments/${id}/captures`, usd('0.01'));
    expect(reply.body.reason).toBe('INVALID_AMOUNT');
  });

  it('refuses a zero amount sale and a zero amount pre-authorization', async () => {
    await refused('POST', '/pts/v2/payments', authorizationBody('0.00', { processingInformation: { capture: true } }));
    await refused('POST', '/pts/v2/payments', authorizationBody('0.00', { processingInformation: { authorizationOptions: { authIndicator: '0' } } }));
  });

  it('refuses a reversal whose amount differs from the authorized amount', async () => {
    const id = await authorize('100.00');
    const reply = await refused('POST', `/pts/v2/payments/${id}/reversals`, reversalOf('99.99'));
    expect(reply.body).toMatchObject({ reason: 'INVALID_AMOUNT', details: [{ field: 'reversalInformation.amountDetails.totalAmount' }] });
  });

  it('requires the reversal of an incremented authorization to carry the new total', async () => {
    const id = await authorize('100.00', { processingInformation: { authorizationOptions: { authIndicator: '0' } } });
    await send(sandbox, 'PATCH', `/pts/v2/payments/${id}`, { orderInformation: { amountDetails: { additionalAmount: '25.00', currency: 'USD' } } });
    await refused('POST', `/pts/v2/payments/${id}/reversals`, reversalOf('100.00'));
    expect((await send(sandbox, 'POST', `/pts/v2/payments/${id}/reversals`, reversalOf('125.00'))).status).toBe(201);
  });

  it('refuses a reversal after a capture, and allows it once the capture is voided', async () => {
    const id = await authorize('70.00');
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, usd('70.00'));
    const reply = await refused('POST', `/pts/v2/payments/${id}/reversals`, reversalOf('70.00'));
    expect(reply.body.reason).toBe('TRANSACTION_ALREADY_REVERSED_OR_SETTLED');
    await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/voids`, {});
    expect((await send(sandbox, 'POST', `/pts/v2/payments/${id}/reversals`, reversalOf('70.00'))).status).toBe(201);
  });

  it('refuses a second reversal and a capture of a reversed authorization', async () => {
    const id = await authorize('20.00');
    await send(sandbox, 'POST', `/pts/v2/payments/${id}/reversals`, reversalOf('20.00'));
    expect((await refused('POST', `/pts/v2/payments/${id}/reversals`, reversalOf('20.00'))).body.reason).toBe('AUTH_ALREADY_REVERSED');
    expect((await refused('POST', `/pts/v2/payments/${id}/captures`, usd('20.00'))).body.reason).toBe('AUTH_ALREADY_REVERSED');
  });

  it('refuses to void after the batch settled, and takes a refund instead', async () => {
    const sale = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('90.00', { processingInformation: { capture: true } }));
    sandbox.settle();
    const reply = await refused('POST', `/pts/v2/payments/${sale.body.id}/voids`, {});
    expect(reply.body.reason).toBe('NOT_VOIDABLE');
    expect(sandbox.transactions().find((t) => t.id === sale.body.id)?.state).toBe('settled');
    expect((await send(sandbox, 'POST', `/pts/v2/payments/${sale.body.id}/refunds`, usd('90.00'))).status).toBe(201);
  });

  it('refuses a second void of the same capture', async () => {
    const id = await authorize('15.00');
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, usd('15.00'));
    await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/voids`, {});
    expect((await refused('POST', `/pts/v2/captures/${capture.body.id}/voids`, {})).body.reason).toBe('NOT_VOIDABLE');
  });

  it('refuses to void an authorization (it is reversed instead)', async () => {
    const id = await authorize('15.00');
    expect((await refused('POST', `/pts/v2/payments/${id}/voids`, {})).body.reason).toBe('NOT_VOIDABLE');
  });

  it('refuses refunds beyond captured − refunded', async () => {
    const id = await authorize('100.00');
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, usd('80.00'));
    expect((await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/refunds`, usd('50.00'))).status).toBe(201);
    const reply = await refused('POST', `/pts/v2/captures/${capture.body.id}/refunds`, usd('30.01'));
    expect(reply.body).toMatchObject({ reason: 'INVALID_AMOUNT', details: [{ field: 'orderInformation.amountDetails.totalAmount' }] });
    expect((await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/refunds`, usd('30.00'))).status).toBe(201);
  });

  it('refuses to refund a voided capture', async () => {
    const id = await authorize('10.00');
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, usd('10.00'));
    await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/voids`, {});
    expect((await refused('POST', `/pts/v2/captures/${capture.body.id}/refunds`, usd('10.00'))).body.reason).toBe('CAPTURE_ALREADY_VOIDED');
  });

  it('refuses to refund an authorization that was never captured', async () => {
    const id = await authorize('10.00');
    await refused('POST', `/pts/v2/payments/${id}/refunds`, usd('10.00'));
  });

  it('refuses an incremental authorization on a final (non-lodging) authorization', async () => {
    const id = await authorize('100.00', { processingInformation: { authorizationOptions: { authIndicator: '1' } } });
    const reply = await refused('PATCH', `/pts/v2/payments/${id}`, { orderInformation: { amountDetails: { additionalAmount: '10.00', currency: 'USD' } } });
    expect(reply.body.reason).toBe('NOT_SUPPORTED');
  });

  it('refuses an incremental authorization of an unknown payment id', async () => {
    const reply = await refused('PATCH', '/pts/v2/payments/1234567890123456789012', { orderInformation: { amountDetails: { additionalAmount: '10.00', currency: 'USD' } } });
    expect(reply.body.reason).toBe('INVALID_PAYMENT_ID');
  });

  it('refuses follow-ons of an unknown id', async () => {
    expect((await refused('POST', '/pts/v2/payments/1234567890123456789012/captures', usd('1.00'))).body.reason).toBe('MISSING_AUTH');
    expect((await refused('POST', '/pts/v2/payments/1234567890123456789012/reversals', reversalOf('1.00'))).body.reason).toBe('MISSING_AUTH');
    expect((await refused('POST', '/pts/v2/captures/1234567890123456789012/voids', {})).body.reason).toBe('NOT_VOIDABLE');
  });

  it('refuses a capture in another currency than the authorization', async () => {
    const id = await authorize('10.00');
    const reply = await refused('POST', `/pts/v2/payments/${id}/captures`, { orderInformation: { amountDetails: { totalAmount: '10.00', currency: 'EUR' } } });
    expect(reply.body.details[0].field).toBe('orderInformation.amountDetails.currency');
  });

  it('timeout reversal: says so when no attempt with that transactionId reached the gateway', async () => {
    const reply = await refused('POST', '/pts/v2/reversals', { clientReferenceInformation: { transactionId: 'never-arrived-1' }, ...reversalOf('10.00') });
    expect(reply.body).toMatchObject({ reason: 'MISSING_AUTH', details: [{ field: 'clientReferenceInformation.transactionId' }] });
    expect(reply.body.message).toContain('nothing to reverse');
  });

  it('timeout reversal: says so when the original attempt was declined', async () => {
    await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('1000.05', { clientReferenceInformation: { code: 'x', transactionId: 'declined-attempt-1' } }));
    const reply = await refused('POST', '/pts/v2/reversals', { clientReferenceInformation: { transactionId: 'declined-attempt-1' }, ...reversalOf('1000.05') });
    expect(reply.body.message).toContain('declined');
  });

  it('timeout reversal undoes an incremental authorization, leaving the original hold', async () => {
    const id = await authorize('100.00', { processingInformation: { industryDataType: 'lodging' } });
    await send(sandbox, 'PATCH', `/pts/v2/payments/${id}`, { clientReferenceInformation: { transactionId: 'increment-attempt-1' }, orderInformation: { amountDetails: { additionalAmount: '30.00' } } });
    expect(sandbox.transactions().find((t) => t.id === id)?.authorizedMinor).toBe(13000);
    const reversal = await send(sandbox, 'POST', '/pts/v2/reversals', { clientReferenceInformation: { transactionId: 'increment-attempt-1' }, ...reversalOf('30.00') });
    expect(reversal.status).toBe(201);
    expect(sandbox.transactions().find((t) => t.id === id)).toMatchObject({ authorizedMinor: 10000, state: 'authorized' });
  });

  it('timeout void: says so when no attempt with that transactionId reached the gateway', async () => {
    const reply = await refused('POST', '/pts/v2/voids', { clientReferenceInformation: { transactionId: 'never-arrived-2' } });
    expect(reply.body).toMatchObject({ reason: 'NOT_VOIDABLE', details: [{ field: 'clientReferenceInformation.transactionId' }] });
  });

  it('timeout reversal of a sale undoes the sale before settlement', async () => {
    const sale = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('55.00', { clientReferenceInformation: { transactionId: 'sale-attempt-1' }, processingInformation: { capture: true } }));
    const reversal = await send(sandbox, 'POST', '/pts/v2/reversals', { clientReferenceInformation: { transactionId: 'sale-attempt-1' }, ...reversalOf('55.00') });
    expect(reversal.status).toBe(201);
    expect(sandbox.transactions().find((t) => t.id === sale.body.id)).toMatchObject({ state: 'reversed', capturedMinor: 0 });
  });

  it('refuses a reused transactionId with DUPLICATE_REQUEST, so a resend never charges twice', async () => {
    const body = authorizationBody('64.00', { clientReferenceInformation: { code: 'order-64', transactionId: 'resend-1' }, processingInformation: { capture: true } });
    expect((await send(sandbox, 'POST', '/pts/v2/payments', body)).status).toBe(201);
    const reply = await refused('POST', '/pts/v2/payments', body);
    expect(reply.body).toMatchObject({ reason: 'DUPLICATE_REQUEST', details: [{ field: 'clientReferenceInformation.transactionId' }] });
    expect(sandbox.transactions().filter((t) => t.clientTransactionId === 'resend-1')).toHaveLength(1);
  });

  it('refuses a reused transactionId on follow-ons too', async () => {
    const id = await authorize('64.00');
    await send(sandbox, 'POST', `/pts/v2/payments/${id}/captures`, { ...usd('10.00'), clientReferenceInformation: { transactionId: 'capture-resend-1' } });
    expect((await refused('POST', `/pts/v2/payments/${id}/captures`, { ...usd('10.00'), clientReferenceInformation: { transactionId: 'capture-resend-1' } })).body.reason).toBe('DUPLICATE_REQUEST');
  });

  it('names missing and invalid fields', async () => {
    const noAmount = await refused('POST', '/pts/v2/payments', { paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031' } }, orderInformation: { amountDetails: { currency: 'USD' } } });
    expect(noAmount.body).toMatchObject({ reason: 'MISSING_FIELD', details: [{ field: 'orderInformation.amountDetails.totalAmount', reason: 'MISSING_FIELD' }] });
    for (const amount of ['abc', '1.234', '-5.00']) {
      const reply = await refused('POST', '/pts/v2/payments', authorizationBody(amount));
      expect(reply.body.details).toEqual([{ field: 'orderInformation.amountDetails.totalAmount', reason: 'INVALID_DATA' }]);
    }
    const currency = await refused('POST', '/pts/v2/payments', { ...authorizationBody('1.00'), orderInformation: { amountDetails: { totalAmount: '1.00', currency: 'XYZ' } } });
    expect(currency.body.details[0].field).toBe('orderInformation.amountDetails.currency');
    const noCard = await refused('POST', '/pts/v2/payments', usd('1.00'));
    expect(noCard.body.details[0]).toEqual({ field: 'paymentInformation.card.number', reason: 'MISSING_FIELD' });
    const noExpiry = await refused('POST', '/pts/v2/payments', { ...usd('1.00'), paymentInformation: { card: { number: '4111111111111111' } } });
    expect(noExpiry.body.details[0].field).toBe('paymentInformation.card.expirationMonth');
    const notJson = await send(sandbox, 'POST', '/pts/v2/payments', undefined, { raw: Buffer.from('{"orderInformation":') });
    expect(notJson).toMatchObject({ status: 400, body: { status: 'INVALID_REQUEST', reason: 'INVALID_DATA' } });
  });

  it('reads amounts in the currency’s minor units (JPY has none)', async () => {
    const yen = await send(sandbox, 'POST', '/pts/v2/payments', { ...authorizationBody('1500'), orderInformation: { amountDetails: { totalAmount: '1500', currency: 'JPY' } } });
    expect(yen.body.orderInformation.amountDetails).toMatchObject({ authorizedAmount: '1500', currency: 'JPY' });
    await refused('POST', '/pts/v2/payments', { ...authorizationBody('15.5'), orderInformation: { amountDetails: { totalAmount: '15.5', currency: 'JPY' } } });
  });
});
