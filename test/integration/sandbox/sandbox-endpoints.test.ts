/**
 * The sandbox gateway's endpoints, each on its happy path, over real HTTP on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, send, usd } from './signed-request';

let sandbox: SandboxGateway;

beforeAll(async () => {
  sandbox = await startSandboxGateway();
});

afterAll(async () => {
  await sandbox.close();
});

describe('sandbox gateway endpoints', () => {
  it('starts on an ephemeral loopback port with the demo credentials', () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.credentials).toEqual({ merchantId: 'counter_sandbox', keyId: expect.any(String), sharedSecretBase64: expect.any(String) });
    expect(Buffer.from(sandbox.credentials.sharedSecretBase64, 'base64').length).toBe(32);
  });

  it('authorizes (POST /pts/v2/payments) with the guide’s response shape', async () => {
    const reply = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('102.21'));
    expect(reply.status).toBe(201);
    expect(reply.headers['content-type']).toContain('json');
    const { id } = reply.body;
    expect(id).toMatch(/^\d{22}$/);
    expect(reply.body).toMatchObject({
      _links: {
        authReversal: { method: 'POST', href: `/pts/v2/payments/${id}/reversals` },
        self: { method: 'GET', href: `/pts/v2/payments/${id}` },
        capture: { method: 'POST', href: `/pts/v2/payments/${id}/captures` },
      },
      clientReferenceInformation: { code: 'TC50171_3' },
      orderInformation: { amountDetails: { authorizedAmount: '102.21', currency: 'USD' } },
      paymentInformation: { card: { type: '001' } },
      processorInformation: { approvalCode: expect.stringMatching(/^\d{6}$/), responseCode: '100' },
      status: 'AUTHORIZED',
      submitTimeUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(JSON.stringify(reply.body)).not.toContain('4111111111111111');
  });

  it('sells (capture: true) and voids the sale (POST /pts/v2/payments/{id}/voids)', async () => {
    const sale = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('25.00', { processingInformation: { capture: true } }));
    expect(sale.status).toBe(201);
    expect(sale.body.orderInformation.amountDetails).toEqual({ totalAmount: '25.00', authorizedAmount: '25.00', currency: 'USD' });
    expect(sale.body._links.void).toEqual({ method: 'POST', href: `/pts/v2/payments/${sale.body.id}/voids` });
    const voided = await send(sandbox, 'POST', `/pts/v2/payments/${sale.body.id}/voids`, { clientReferenceInformation: { code: 'void-1' } });
    expect(voided.status).toBe(201);
    expect(voided.body).toMatchObject({ status: 'VOIDED', voidAmountDetails: { voidAmount: '25.00', currency: 'usd' }, clientReferenceInformation: { code: 'void-1' } });
    expect(sandbox.transactions().find((t) => t.id === sale.body.id)?.state).toBe('voided');
  });

  it('authorizes zero amounts for card verification', async () => {
    const reply = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('0.00'));
    expect(reply.body).toMatchObject({ status: 'AUTHORIZED', orderInformation: { amountDetails: { authorizedAmount: '0.00' } } });
  });

  it('forces a capture of a verbal authorization with the voice approval code', async () => {
    const body = authorizationBody('102.00', { processingInformation: { capture: true, authorizationOptions: { authType: 'verbal', verbalAuthCode: 'ABC123' } } });
    const reply = await send(sandbox, 'POST', '/pts/v2/payments', body);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'AUTHORIZED', processorInformation: { approvalCode: 'ABC123' } });
    expect(sandbox.transactions().find((t) => t.id === reply.body.id)).toMatchObject({ kind: 'sale', state: 'captured' });
  });

  it('increments a lodging pre-authorization (PATCH /pts/v2/payments/{id}) and captures the total', async () => {
    const auth = await send(
      sandbox,
      'POST',
      '/pts/v2/payments',
      authorizationBody('400.00', { processingInformation: { industryDataType: 'lodging', authorizationOptions: { authIndicator: '0' } } }),
    );
    expect(auth.body.status).toBe('AUTHORIZED');
    for (const additionalAmount of ['50.00', '200.00', '50.00']) {
      const increment = await send(sandbox, 'PATCH', `/pts/v2/payments/${auth.body.id}`, { orderInformation: { amountDetails: { additionalAmount, currency: 'USD' } } });
      expect(increment.status).toBe(201);
      expect(increment.body).toMatchObject({ id: auth.body.id, status: 'AUTHORIZED', orderInformation: { amountDetails: { authorizedAmount: additionalAmount } } });
    }
    expect(sandbox.transactions().find((t) => t.id === auth.body.id)?.authorizedMinor).toBe(70000);
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, usd('700.00'));
    expect(capture.status).toBe(201);
    expect(capture.body).toMatchObject({ status: 'PENDING', orderInformation: { amountDetails: { totalAmount: '700.00' } }, clientReferenceInformation: { code: 'TC50171_3' } });
  });

  it('captures in multiple partial captures (captureSequenceNumber / totalCaptureCount)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('300.00'));
    for (const sequence of ['1', '2', '3']) {
      const capture = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, {
        ...usd('100.00'),
        processingInformation: { captureOptions: { captureSequenceNumber: sequence, totalCaptureCount: '3' } },
      });
      expect(capture.status).toBe(201);
      expect(capture.body._links.void.href).toBe(`/pts/v2/captures/${capture.body.id}/voids`);
    }
    expect(sandbox.transactions().find((t) => t.id === auth.body.id)).toMatchObject({ capturedMinor: 30000, state: 'captured' });
  });

  it('reverses an authorization (POST /pts/v2/payments/{id}/reversals)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('100.00'));
    const reversal = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/reversals`, {
      clientReferenceInformation: { code: 'test123' },
      orderInformation: { amountDetails: { currency: 'USD' } },
      reversalInformation: { amountDetails: { totalAmount: '100.00' } },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ status: 'REVERSED', reversalAmountDetails: { reversedAmount: '100.00', currency: 'USD' }, _links: { self: { method: 'GET' } } });
    expect(sandbox.transactions().find((t) => t.id === auth.body.id)).toMatchObject({ state: 'reversed', authorizedMinor: 0 });
  });

  it('voids a capture (POST /pts/v2/captures/{id}/voids)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('60.00'));
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, usd('60.00'));
    const voided = await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/voids`, {});
    expect(voided.body).toMatchObject({ status: 'VOIDED', voidAmountDetails: { voidAmount: '60.00' } });
    expect(sandbox.transactions().find((t) => t.id === capture.body.id)?.state).toBe('voided');
  });

  it('refunds a capture and a sale, and voids refunds (…/refunds, /pts/v2/refunds/{id}/voids, /pts/v2/credits/{id}/voids)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('80.00'));
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, usd('80.00'));
    const refund = await send(sandbox, 'POST', `/pts/v2/captures/${capture.body.id}/refunds`, usd('30.00'));
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ status: 'PENDING', creditAmountDetails: { creditAmount: '30.00' }, _links: { void: { href: `/pts/v2/credits/${refund.body.id}/voids` } } });
    const refundVoid = await send(sandbox, 'POST', `/pts/v2/refunds/${refund.body.id}/voids`, {});
    expect(refundVoid.body.status).toBe('VOIDED');

    const sale = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('40.00', { processingInformation: { capture: true } }));
    const saleRefund = await send(sandbox, 'POST', `/pts/v2/payments/${sale.body.id}/refunds`, usd('40.00'));
    expect(saleRefund.body.status).toBe('PENDING');
    expect(sandbox.transactions().find((t) => t.id === sale.body.id)).toMatchObject({ state: 'refunded', refundedMinor: 4000 });
    const creditVoid = await send(sandbox, 'POST', `/pts/v2/credits/${saleRefund.body.id}/voids`, {});
    expect(creditVoid.body.status).toBe('VOIDED');
    expect(sandbox.transactions().find((t) => t.id === sale.body.id)).toMatchObject({ state: 'captured', refundedMinor: 0 });
  });

  it('makes and voids a stand-alone credit (POST /pts/v2/credits)', async () => {
    const credit = await send(sandbox, 'POST', '/pts/v2/credits', authorizationBody('100.00', {}, '5555555555554444'));
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ status: 'PENDING', creditAmountDetails: { creditAmount: '100.00' }, paymentInformation: { card: { type: '002' } } });
    const voided = await send(sandbox, 'POST', `/pts/v2/credits/${credit.body.id}/voids`, { clientReferenceInformation: { code: 'test123' } });
    expect(voided.body).toMatchObject({ status: 'VOIDED', voidAmountDetails: { voidAmount: '100.00' } });
  });

  it('undoes an attempt with an unknown outcome: timeout reversal (POST /pts/v2/reversals)', async () => {
    await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('45.00', { clientReferenceInformation: { code: 'order-9', transactionId: 'attempt-auth-1' } }));
    const reversal = await send(sandbox, 'POST', '/pts/v2/reversals', {
      clientReferenceInformation: { code: 'order-9', transactionId: 'attempt-auth-1' },
      reversalInformation: { amountDetails: { totalAmount: '45.00' } },
      orderInformation: { amountDetails: { currency: 'USD' } },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ status: 'REVERSED', reversalAmountDetails: { reversedAmount: '45.00' } });
    expect(sandbox.transactions().find((t) => t.clientTransactionId === 'attempt-auth-1' && t.kind === 'authorization')?.state).toBe('reversed');
  });

  it('undoes a sale or a capture with an unknown outcome: timeout void (POST /pts/v2/voids)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('33.00'));
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, { ...usd('33.00'), clientReferenceInformation: { transactionId: 'attempt-capture-1' } });
    const voided = await send(sandbox, 'POST', '/pts/v2/voids', { clientReferenceInformation: { transactionId: 'attempt-capture-1' } });
    expect(voided.status).toBe(201);
    expect(voided.body).toMatchObject({ status: 'VOIDED', voidAmountDetails: { voidAmount: '33.00' } });
    expect(sandbox.transactions().find((t) => t.id === capture.body.id)?.state).toBe('voided');
  });

  it('reports a transaction (GET /tss/v2/transactions/{id}, GET of self links)', async () => {
    const auth = await send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('12.34', { clientReferenceInformation: { code: 'order-12', transactionId: 'attempt-get-1' } }));
    const details = await send(sandbox, 'GET', `/tss/v2/transactions/${auth.body.id}`);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      id: auth.body.id,
      merchantId: 'counter_sandbox',
      status: 'AUTHORIZED',
      clientReferenceInformation: { code: 'order-12', transactionId: 'attempt-get-1' },
      orderInformation: { amountDetails: { totalAmount: '12.34', authorizedAmount: '12.34', currency: 'USD' } },
      paymentInformation: { card: { suffix: '1111', type: '001' } },
    });
    const self = await send(sandbox, 'GET', auth.body._links.self.href);
    expect(self.body.id).toBe(auth.body.id);
    const unknown = await send(sandbox, 'GET', '/tss/v2/transactions/0000000000000000000000');
    expect(unknown.status).toBe(404);
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await send(sandbox, 'POST', '/pts/v2/nothing', {})).status).toBe(404);
    expect((await send(sandbox, 'GET', '/pts/v2/reversals')).status).toBe(405);
  });
});
