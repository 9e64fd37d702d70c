import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf, hmacSignature, parseSignatureHeader, signingString } from '../../../main/gateway/http-signature';
import { GatewayInputError } from '../../../main/gateway/inputs';
import { attempt, expectKind, startGatewayPeer, type GatewayPeer } from '../../support/gateway-peer';
import { guideBillTo, guideKeyedCard } from '../../support/guide-customer';

const visa = guideKeyedCard();
const billTo = {
  ...guideBillTo,
  phoneNumber: '4158880000',
};
/** The sandbox's prepaid test card with 499.01 on it. */
const prepaid = { number: '4005510000000005', expirationMonth: '12', expirationYear: '2031' };

let peer: GatewayPeer;

beforeAll(async () => {
  peer = await startGatewayPeer();
});

afterAll(async () => {
  await peer.close();
});

function stateOf(id: string): string | undefined {
  return peer.sandbox.transactions().find((transaction) => transaction.id === id)?.state;
}

describe('authorizations', () => {
  it('authorizes, captures, refunds the capture and voids the refund', async () => {
    const { client } = peer;
    const auth = expectKind(await client.authorize({ reference: attempt('A-1'), amount: 10221, currency: 'USD', card: visa, billTo, authorizationKind: 'final' }), 'approved');
    expect(auth).toMatchObject({ status: 'AUTHORIZED', amountMinor: 10221, currency: 'USD' });
    expect(auth.approvalCode).toMatch(/\S/);
    const capture = expectKind(await client.capture({ paymentId: auth.id, reference: attempt('A-1'), amount: 10221, currency: 'USD' }), 'approved');
    expect(capture).toMatchObject({ status: 'PENDING', amountMinor: 10221 });
    const refund = expectKind(await client.refund({ target: 'capture', id: capture.id, reference: attempt('A-1'), amount: 5000, currency: 'USD' }), 'approved');
    expect(refund.amountMinor).toBe(5000);
    const voided = expectKind(await client.voidTransaction({ target: 'refund', id: refund.id, reference: attempt('A-1') }), 'approved');
    expect(voided).toMatchObject({ status: 'VOIDED', amountMinor: 5000 });
  });

  it('reverses an authorization for its authorized amount, and refuses any other amount', async () => {
    const { client } = peer;
    const auth = expectKind(await client.authorize({ reference: attempt('A-2'), amount: '100.00', currency: 'USD', card: visa, billTo }), 'approved');
    const wrong = expectKind(await client.reverseAuthorization({ paymentId: auth.id, reference: attempt('A-2'), amount: 5000, currency: 'USD' }), 'invalid-request');
    expect(wrong.httpStatus).toBe(400);
    const reversed = expectKind(await client.reverseAuthorization({ paymentId: auth.id, reference: attempt('A-2'), amount: 10000, currency: 'USD' }), 'approved');
    expect(reversed).toMatchObject({ status: 'REVERSED', amountMinor: 10000 });
    expect(stateOf(auth.id)).toBe('reversed');
  });

  it('keeps a lodging tab open with incremental authorizations and captures the total once', async () => {
    const { client } = peer;
    const tab = expectKind(
      await client.authorize({
        reference: attempt('ROOM-12'),
        amount: 40000,
        currency: 'USD',
        card: visa,
        billTo,
        authorizationKind: 'pre',
        lodging: { checkInDate: '2026-11-21', checkOutDate: '2026-11-23', dailyRateMinor: 20000, nights: 2, guestName: 'John Doe' },
      }),
      'approved',
    );
    for (const additionalAmount of [5000, 20000, 5000]) {
      const increment = expectKind(await client.incrementAuthorization({ paymentId: tab.id, reference: attempt('ROOM-12'), additionalAmount, currency: 'USD', durationNights: 3 }), 'approved');
      expect(increment).toMatchObject({ id: tab.id, amountMinor: additionalAmount });
    }
    const over = expectKind(await client.capture({ paymentId: tab.id, reference: attempt('ROOM-12'), amount: 70001, currency: 'USD' }), 'invalid-request');
    expect(over.reason).toMatch(/\S/);
    const capture = expectKind(await client.capture({ paymentId: tab.id, reference: attempt('ROOM-12'), amount: 70000, currency: 'USD' }), 'approved');
    expect(capture.amountMinor).toBe(70000);
  });

  it('captures an authorization in numbered partial captures', async () => {
    const { client } = peer;
    const auth = expectKind(await client.authorize({ reference: attempt('A-3'), amount: 30000, currency: 'USD', card: visa, billTo }), 'approved');
    for (const number of [1, 2, 3]) {
      const capture = await client.capture({ paymentId: auth.id, reference: attempt('A-3'), amount: 10000, currency: 'USD', sequence: { number, total: 3 } });
      expect(expectKind(capture, 'approved').amountMinor).toBe(10000);
    }
    expectKind(await client.capture({ paymentId: auth.id, reference: attempt('A-3'), amount: 1, currency: 'USD' }), 'invalid-request');
  });

  it('verifies a card for zero, which cannot be captured', async () => {
    const { client } = peer;
    const check = expectKind(await client.verifyCard({ reference: attempt('V-1'), currency: 'USD', card: visa, billTo }), 'approved');
    expect(check.amountMinor).toBe(0);
    await expect(client.capture({ paymentId: check.id, reference: attempt('V-1'), amount: 0, currency: 'USD' })).rejects.toThrow(GatewayInputError);
    expectKind(await client.capture({ paymentId: check.id, reference: attempt('V-1'), amount: 100, currency: 'USD' }), 'invalid-request');
  });

  it('forces a capture of a verbal authorization', async () => {
    const { client } = peer;
    const forced = expectKind(await client.forceCapture({ reference: attempt('F-1'), amount: 10200, currency: 'USD', card: { ...visa, type: '001' }, billTo, verbalAuthCode: 'ABC123' }), 'approved');
    expect(forced).toMatchObject({ approvalCode: 'ABC123', amountMinor: 10200 });
    expectKind(await client.capture({ paymentId: forced.id, reference: attempt('F-1'), amount: 10200, currency: 'USD' }), 'approved');
  });

  it('forces a verbal authorization captured in the same request, then voids it as a sale', async () => {
    const { client } = peer;
    const forced = expectKind(
      await client.forceCapture({ reference: attempt('F-2'), amount: 10200, currency: 'USD', card: { ...visa, type: '001' }, billTo, verbalAuthCode: 'ABC123', capture: true }),
      'approved',
    );
    expect(forced).toMatchObject({ approvalCode: 'ABC123', amountMinor: 10200 });
    expect(peer.sandbox.transactions().find((transaction) => transaction.id === forced.id)).toMatchObject({ kind: 'sale', state: 'captured', capturedMinor: 10200 });
    expectKind(await client.capture({ paymentId: forced.id, reference: attempt('F-2'), amount: 10200, currency: 'USD' }), 'invalid-request');
    expectKind(await client.voidTransaction({ target: 'sale', id: forced.id, reference: attempt('F-2') }), 'approved');
    expect(stateOf(forced.id)).toBe('voided');
  });

  it('sells a swiped card present at the counter, then voids the sale before settlement', async () => {
    const { client } = peer;
    const sale = expectKind(
      await client.sale({
        reference: attempt('S-1'),
        amount: 1299,
        currency: 'USD',
        pointOfSale: { entryMode: 'swiped', terminalCapability: 2, terminalId: 'LANE1', trackData: '%B4111111111111111^DOE/JOHN^3112101976110000868000000?;4111111111111111=31121019761186800000?' },
      }),
      'approved',
    );
    expect(sale.amountMinor).toBe(1299);
    expect(stateOf(sale.id)).toBe('captured');
    expectKind(await client.voidTransaction({ target: 'sale', id: sale.id, reference: attempt('S-1') }), 'approved');
    expect(stateOf(sale.id)).toBe('voided');
  });

  it('sells a chip card with its EMV data', async () => {
    const sale = await peer.client.sale({
      reference: attempt('S-2'),
      amount: 4550,
      currency: 'EUR',
      pointOfSale: {
        entryMode: 'contact',
        terminalCapability: 4,
        trackData: ';5555555555554444=31121019761186800000?',
        emvTags: '9F3303204000950500000000009F3704518823719F100706011103A08000',
      },
    });
    expect(expectKind(sale, 'approved')).toMatchObject({ amountMinor: 4550, currency: 'EUR' });
  });

  it('refunds a settled sale instead of voiding it', async () => {
    const { client, sandbox } = peer;
    const sale = expectKind(await client.sale({ reference: attempt('S-3'), amount: 2500, currency: 'USD', card: visa, billTo }), 'approved');
    sandbox.settle();
    const refused = expectKind(await client.voidTransaction({ target: 'sale', id: sale.id, reference: attempt('S-3') }), 'invalid-request');
    expect(refused.reason).toBe('NOT_VOIDABLE');
    expectKind(await client.refund({ target: 'sale', id: sale.id, reference: attempt('S-3'), amount: 2500, currency: 'USD' }), 'approved');
    expectKind(await client.refund({ target: 'sale', id: sale.id, reference: attempt('S-3'), amount: 1, currency: 'USD' }), 'invalid-request');
  });

  it('credits a card and voids the credit', async () => {
    const { client } = peer;
    const credit = expectKind(await client.credit({ reference: attempt('C-1'), amount: 10000, currency: 'EUR', card: visa, billTo }), 'approved');
    expect(credit.amountMinor).toBe(10000);
    expectKind(await client.voidTransaction({ target: 'credit', id: credit.id, reference: attempt('C-1') }), 'approved');
  });

  it('handles yen, which has no minor unit', async () => {
    const auth = expectKind(await peer.client.authorize({ reference: attempt('J-1'), amount: 500, currency: 'JPY', card: { ...visa, number: '3566111111111113' }, billTo }), 'approved');
    expect(auth).toMatchObject({ amountMinor: 500, currency: 'JPY' });
  });
});

describe('partial approvals and declines', () => {
  it('partially approves a prepaid card when allowed, and declines it when not', async () => {
    const { client } = peer;
    const partial = expectKind(await client.sale({ reference: attempt('P-1'), amount: 100000, currency: 'USD', card: prepaid, billTo, partialAuthorization: true }), 'partially-approved');
    expect(partial).toMatchObject({ requestedMinor: 100000, authorizedMinor: 49901, remainingMinor: 50099, currency: 'USD' });
    const declined = expectKind(await client.sale({ reference: attempt('P-2'), amount: 100000, currency: 'USD', card: prepaid, billTo, partialAuthorization: false }), 'declined');
    expect(declined.reason).toBe('INSUFFICIENT_FUND');
  });

  it('never allows a retry of a category 01 decline, and allows it for 02', async () => {
    const never = expectKind(await peer.client.authorize({ reference: attempt('D-1'), amount: 100001, currency: 'USD', card: visa, billTo }), 'declined');
    expect(never).toMatchObject({ category: { code: '01' }, retryAllowed: false });
    const later = expectKind(await peer.client.authorize({ reference: attempt('D-2'), amount: 100006, currency: 'USD', card: visa, billTo }), 'declined');
    expect(later).toMatchObject({ category: { code: '02' }, retryAllowed: true });
  });
});

describe('stored credentials', () => {
  it('stores a card with a CIT and charges it later with an MIT', async () => {
    const { client } = peer;
    const card = { number: '5555555555554444', expirationMonth: '12', expirationYear: '2031', securityCode: '123' };
    const cit = expectKind(await client.authorizeAndStoreCard({ reference: attempt('COF-1'), amount: '102.21', currency: 'USD', card, billTo }), 'approved');
    const instrument = cit.instrumentIdentifier;
    expect(instrument?.id).toMatch(/^\w+$/);
    const again = expectKind(await client.authorizeAndStoreCard({ reference: attempt('COF-1'), amount: '1.00', currency: 'USD', card, billTo }), 'approved');
    expect(again.instrumentIdentifier).toEqual({ id: instrument?.id, isNew: false });
    const mit = await client.chargeStoredCard({
      reference: attempt('COF-2'),
      amount: '25.00',
      currency: 'USD',
      instrumentIdentifierId: instrument?.id ?? '',
      expirationMonth: '12',
      expirationYear: '2031',
      billTo,
      previousTransactionId: cit.networkTransactionId ?? '',
    });
    expect(expectKind(mit, 'approved').amountMinor).toBe(2500);
    expect(stateOf(expectKind(mit, 'approved').id)).toBe('authorized');
  });

  it('charges a stored card with an MIT captured in the same request, then voids it as a sale', async () => {
    const { client } = peer;
    const card = { number: '5555555555554444', expirationMonth: '12', expirationYear: '2031', securityCode: '123' };
    const cit = expectKind(await client.authorizeAndStoreCard({ reference: attempt('COF-4'), amount: '50.00', currency: 'USD', card, billTo }), 'approved');
    const mit = expectKind(
      await client.chargeStoredCard({
        reference: attempt('COF-5'),
        amount: '35.00',
        currency: 'USD',
        instrumentIdentifierId: cit.instrumentIdentifier?.id ?? '',
        expirationMonth: '12',
        expirationYear: '2031',
        previousTransactionId: cit.networkTransactionId ?? '',
        reason: '2',
        capture: true,
      }),
      'approved',
    );
    expect(mit.amountMinor).toBe(3500);
    expect(peer.sandbox.transactions().find((transaction) => transaction.id === mit.id)).toMatchObject({ kind: 'sale', state: 'captured', capturedMinor: 3500 });
    expectKind(await client.voidTransaction({ target: 'sale', id: mit.id, reference: attempt('COF-5') }), 'approved');
    expect(stateOf(mit.id)).toBe('voided');
  });

  it('gets field details for an instrument identifier the vault never issued', async () => {
    const refused = expectKind(
      await peer.client.chargeStoredCard({
        reference: attempt('COF-3'),
        amount: 100,
        currency: 'USD',
        instrumentIdentifierId: '7010000000099999999',
        expirationMonth: '12',
        expirationYear: '2031',
        previousTransactionId: '123456789619999',
      }),
      'invalid-request',
    );
    expect(refused.fields).toContainEqual({ field: 'paymentInformation.instrumentIdentifier.id', reason: 'INVALID_DATA' });
  });
});

describe('unknown outcomes and their undoing', () => {
  it('times out on a hung authorization the gateway did process, and reverses it by its transactionId', async () => {
    const { sandbox } = peer;
    const impatient = peer.clientWith({ timeouts: { connectMs: 2_000, totalMs: 300 } });
    const reference = attempt('T-1');
    await sandbox.faults.set({ kind: 'hang', processed: true, times: 1, path: '/pts/v2/payments' });
    const lost = expectKind(await impatient.authorize({ reference, amount: 4200, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
    expect(lost).toMatchObject({ cause: 'timeout', requestSent: true });
    const held = sandbox.transactions().find((transaction) => transaction.clientTransactionId === reference.transactionId);
    expect(held?.state).toBe('authorized');
    const reversal = expectKind(await peer.client.timeoutReversal({ reference, amount: 4200, currency: 'USD' }), 'approved');
    expect(reversal.status).toBe('REVERSED');
    expect(stateOf(held?.id ?? '')).toBe('reversed');
  });

  it('sees a dropped connection after a processed sale as a reset, and voids it by its transactionId', async () => {
    const { sandbox, client } = peer;
    const reference = attempt('T-2');
    await sandbox.faults.set({ kind: 'drop', processed: true, times: 1, path: '/pts/v2/payments' });
    const lost = expectKind(await client.sale({ reference, amount: 1500, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
    expect(lost).toMatchObject({ cause: 'connection-reset', requestSent: true });
    const voided = expectKind(await client.timeoutVoid({ reference }), 'approved');
    expect(voided.status).toBe('VOIDED');
  });

  it('says when a timeout reversal finds no attempt', async () => {
    const outcome = expectKind(await peer.client.timeoutReversal({ reference: attempt('T-3'), amount: 100, currency: 'USD' }), 'invalid-request');
    expect(outcome.fields).toEqual([{ field: 'clientReferenceInformation.transactionId', reason: 'INVALID_DATA' }]);
  });

  it('keeps the body of a 5xx', async () => {
    await peer.sandbox.faults.set({ kind: 'error', status: 503, times: 1 });
    const outcome = expectKind(await peer.client.authorize({ reference: attempt('T-4'), amount: 100, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
    expect(outcome).toMatchObject({ cause: 'server-error', httpStatus: 503, requestSent: true });
    expect(JSON.parse(outcome.rawBody ?? '')).toMatchObject({ status: 'SERVER_ERROR' });
  });

  it('knows a refused connection never reached the gateway', async () => {
    const { sandbox } = peer;
    await sandbox.faults.set({ kind: 'refuse' });
    try {
      const fresh = peer.clientWith({});
      const outcome = expectKind(await fresh.authorize({ reference: attempt('T-5'), amount: 100, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
      expect(outcome).toMatchObject({ cause: 'connect-failed', requestSent: false });
    } finally {
      await sandbox.faults.clear();
    }
  });

  it('refuses a certificate it was not told to trust, before sending anything', async () => {
    const count = peer.sandbox.transactions().length;
    const naive = peer.clientWith({ caCertificatePem: undefined });
    const outcome = expectKind(await naive.authorize({ reference: attempt('T-6'), amount: 100, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
    expect(outcome).toMatchObject({ cause: 'connect-failed', requestSent: false });
    expect(peer.sandbox.transactions()).toHaveLength(count);
  });
});

describe('refusals', () => {
  it('maps a wrong shared secret to authentication-failed, and nothing is recorded', async () => {
    const count = peer.sandbox.transactions().length;
    const wrong = peer.clientWith({ credentials: () => ({ ...peer.sandbox.credentials, sharedSecretBase64: Buffer.from('not the secret').toString('base64') }) });
    const outcome = expectKind(await wrong.authorize({ reference: attempt('R-1'), amount: 100, currency: 'USD', card: visa, billTo }), 'authentication-failed');
    expect(outcome.httpStatus).toBe(401);
    expect(peer.sandbox.transactions()).toHaveLength(count);
  });

  it('stops before signing when the credentials cannot be read', async () => {
    const locked = peer.clientWith({
      credentials: () => {
        throw new Error('keychain locked');
      },
    });
    expect(await locked.authorize({ reference: attempt('R-2'), amount: 100, currency: 'USD', card: visa, billTo })).toEqual({
      kind: 'authentication-failed',
      message: 'credentials unavailable: keychain locked',
    });
  });

  it('refuses a reused transactionId, so a resend can never charge twice', async () => {
    const reference = attempt('R-3');
    expectKind(await peer.client.sale({ reference, amount: 700, currency: 'USD', card: visa, billTo }), 'approved');
    const again = expectKind(await peer.client.sale({ reference, amount: 700, currency: 'USD', card: visa, billTo }), 'invalid-request');
    expect(again.reason).toBe('DUPLICATE_REQUEST');
  });

  it('rejects bad input with the field named, sending nothing', async () => {
    const count = peer.sandbox.transactions().length;
    const bad = peer.client.authorize({ reference: attempt('R-4'), amount: '1.234', currency: 'USD', card: { ...visa, number: '4111111111111112' } });
    await expect(bad).rejects.toThrow(GatewayInputError);
    await expect(bad).rejects.toMatchObject({
      problems: [
        { field: 'amount', message: '"1.234": USD has at most 2 decimals' },
        { field: 'card.number', message: 'is not a valid card number (check digit)' },
      ],
    });
    await expect(peer.client.send({ method: 'POST', path: 'pts/v2/payments', body: {} })).rejects.toThrow(GatewayInputError);
    expect(peer.sandbox.transactions()).toHaveLength(count);
  });
});

describe('getTransaction', () => {
  it('reads a transaction back, and says NOT_FOUND for an id it does not know', async () => {
    const reference = attempt('G-1');
    const auth = expectKind(await peer.client.authorize({ reference, amount: 3300, currency: 'USD', card: visa, billTo }), 'approved');
    const found = await peer.client.getTransaction({ id: auth.id });
    expect(found).toMatchObject({ kind: 'found', id: auth.id, status: 'AUTHORIZED', currency: 'USD', authorizedMinor: 3300, clientReference: reference });
    expect(await peer.client.getTransaction({ id: '0000000000000000000000' })).toMatchObject({ kind: 'invalid-request', httpStatus: 404, reason: 'NOT_FOUND' });
  });
});

describe('transport', () => {
  /** A TCP server on loopback that runs `onSocket` for each connection; closed with its sockets. */
  async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number; close(): Promise<void> }> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onSocket(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return {
      server,
      port,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it('reuses one kept-alive connection for sequential requests', async () => {
    let connections = 0;
    const proxy = await tcpServer((socket) => {
      connections += 1;
      const upstream = connect(peer.sandbox.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('close', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    try {
      const client = peer.clientWith({ baseUrl: `https://127.0.0.1:${proxy.port}` });
      for (let i = 0; i < 5; i++) expectKind(await client.authorize({ reference: attempt('K-1'), amount: 100 + i, currency: 'USD', card: visa, billTo }), 'approved');
      expect(connections).toBe(1);
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => client.authorize({ reference: attempt('K-2'), amount: 200 + i, currency: 'USD', card: visa, billTo })));
      expect(burst.map((outcome) => outcome.kind)).toEqual(Array(8).fill('approved'));
      expect(connections).toBeLessThanOrEqual(8);
      client.close();
    } finally {
      await proxy.close();
    }
  });

  it('sends exactly the bytes it signed, as application/json', async () => {
    const received: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const recorder = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(201, { 'content-type': 'application/hal+json' }).end('{"id":"1","status":"AUTHORIZED"}');
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const address = recorder.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const credentials = peer.sandbox.credentials;
      const client = peer.clientWith({ baseUrl: `http://127.0.0.1:${port}`, clock: () => new Date('2026-11-21T12:00:00Z') });
      await client.authorize({ reference: attempt('H-1'), amount: 100, currency: 'EUR', card: visa, billTo: { ...billTo, lastName: 'Müller' } });
      const [request] = received;
      expect(request?.method).toBe('POST');
      expect(request?.url).toBe('/pts/v2/payments');
      const headers = request?.headers ?? {};
      const body = request?.body ?? Buffer.alloc(0);
      expect(headers['content-type']).toBe('application/json');
      expect(headers['content-length']).toBe(String(body.length));
      expect(headers.date).toBe('Sat, 21 Nov 2026 12:00:00 GMT');
      expect(headers.host).toBe(`127.0.0.1:${port}`);
      expect(headers.digest).toBe(digestOf(body));
      expect(headers['v-c-merchant-id']).toBe(credentials.merchantId);
      const signature = parseSignatureHeader(String(headers.signature));
      const text = signingString({ method: 'POST', path: '/pts/v2/payments', host: `127.0.0.1:${port}`, date: String(headers.date), digest: digestOf(body), merchantId: credentials.merchantId });
      expect(signature).toEqual({
        keyid: credentials.keyId,
        algorithm: 'HmacSHA256',
        headers: 'host date request-target digest v-c-merchant-id',
        signature: hmacSignature(text, credentials.sharedSecretBase64),
      });
      expect(JSON.parse(body.toString('utf8'))).toMatchObject({ orderInformation: { billTo: { lastName: 'Müller' } } });
    } finally {
      await new Promise<void>((resolve) => recorder.close(() => resolve()));
    }
  });

  it('gives up on a connection that never completes its TLS handshake, knowing nothing was sent', async () => {
    const silent = await tcpServer(() => undefined);
    try {
      const client = peer.clientWith({ baseUrl: `https://127.0.0.1:${silent.port}`, timeouts: { connectMs: 150, totalMs: 5_000 } });
      const outcome = expectKind(await client.authorize({ reference: attempt('K-3'), amount: 100, currency: 'USD', card: visa, billTo }), 'unknown-outcome');
      expect(outcome).toMatchObject({ cause: 'connect-timeout', requestSent: false });
    } finally {
      await silent.close();
    }
  });
});
