import { describe, expect, it } from 'vitest';
import { lookupOutcome, paymentOutcome } from '../../../main/gateway/outcomes';
import type { Exchange } from '../../../main/gateway/transport';
import { guideExample } from '../../support/payments-guide-examples';

function created(body: unknown, status = 201): Exchange {
  return { kind: 'response', status, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function responseOf(section: string, expectation: 'success' | 'declined' = 'success'): Record<string, unknown> {
  return guideExample(section, 'response', expectation).body as Record<string, unknown>;
}

describe('approved', () => {
  it('maps the basic authorization example', () => {
    expect(paymentOutcome(created(responseOf('REST Example: Processing a Basic Authorization')), { currency: 'USD', requestedMinor: 10000 })).toEqual({
      kind: 'approved',
      httpStatus: 201,
      id: '6461731521426399003473',
      status: 'AUTHORIZED',
      amountMinor: 10000,
      currency: 'USD',
      approvalCode: '831000',
      networkTransactionId: '016153570198200',
      reconciliationId: '6461731521426399003473',
      submitTimeUtc: '2022-03-01T22:19:12Z',
    });
  });

  it.each([
    ['REST Example: Processing an Authorization Reversal', 'REVERSED', 10000, 'USD'],
    ['REST Example: Capturing an Authorization', 'PENDING', 10000, 'EUR'],
    ['REST Example: Processing Multiple Partial Captures', 'PENDING', 10221, 'USD'],
    ['REST Example: Processing a Refund', 'PENDING', 10000, 'EUR'],
    ['REST Example: Processing a Credit', 'PENDING', 10000, 'EUR'],
    ['REST Example: Processing a Void', 'VOIDED', 10000, 'USD'],
    ['REST Example: Processing a Zero Amount Authorizations', 'AUTHORIZED', 0, 'USD'],
    ['REST Example: Forced Captures', 'AUTHORIZED', 10200, 'USD'],
  ] as const)('maps "%s" to %s of %d, reading the currency from the response', (section, status, amountMinor, currency) => {
    expect(paymentOutcome(created(responseOf(section)), {})).toMatchObject({ kind: 'approved', status, amountMinor, currency });
  });

  it('returns the TMS instrument identifier of the CIT reference example', () => {
    const response = JSON.parse(
      '{ "_links": { "authReversal": { "method": "POST", "href": "/pts/v2/payments/6972267090226779103955/reversals" }, "self": { "method": "GET", "href": "/pts/v2/payments/6972267090226779103955" }, "capture": { "method": "POST", "href": "/pts/v2/payments/6972267090226779103955/captures" } }, "clientReferenceInformation": { "code": "TC50171_3" }, "id": "6972267090226779103955", "orderInformation": { "amountDetails": { "authorizedAmount": "102.21", "currency": "USD" } }, "paymentAccountInformation": { "card": { "type": "001" } }, "paymentInformation": { "tokenizedCard": { "type": "001" }, "card": { "type": "001" } }, "pointOfSaleInformation": { "terminalId": "111111" }, "processorInformation": { "paymentAccountReferenceNumber": "V0010013022298169667504231315", "approvalCode": "888888", "networkTransactionId": "123456789619999", "transactionId": "123456789619999", "responseCode": "100", "avs": { "code": "X", "codeRaw": "I1" } }, "reconciliationId": "62506622XNMR6Q1Y", "status": "AUTHORIZED", "submitTimeUtc": "2023-10-13T19:51:49Z", "tokenInformation": { "instrumentidentifierNew": false, "instrumentIdentifier": { "state": "ACTIVE", "id": "7010000000016241111" } } }',
    ) as unknown;
    expect(paymentOutcome(created(response), { currency: 'USD', requestedMinor: 10221 })).toMatchObject({
      kind: 'approved',
      id: '6972267090226779103955',
      amountMinor: 10221,
      networkTransactionId: '123456789619999',
      instrumentIdentifier: { id: '7010000000016241111', isNew: false },
    });
  });

  it('returns the instrument identifier an MIT charged', () => {
    const outcome = paymentOutcome(created(responseOf('Example: MIT Unscheduled COF Payment with TMS Instrument Identifier')), { currency: 'USD' });
    expect(outcome).toMatchObject({ kind: 'approved', instrumentIdentifier: { id: '7010000000016241111' } });
  });
});

describe('partially approved', () => {
  it('maps the partial authorization example with the remaining balance', () => {
    const outcome = paymentOutcome(created(responseOf('REST Example: Enabling Debit and Prepaid Partial Authorizations')), {
      currency: 'USD',
      requestedMinor: 100000,
    });
    expect(outcome).toEqual({
      kind: 'partially-approved',
      httpStatus: 201,
      id: '6595549144566655003494',
      currency: 'USD',
      requestedMinor: 100000,
      authorizedMinor: 49901,
      remainingMinor: 50099,
      cardBalanceMinor: 0,
      approvalCode: '888888',
      networkTransactionId: '123456789619999',
    });
  });

  it('falls back on the response total when the request amount is not known', () => {
    const outcome = paymentOutcome(created(responseOf('REST Example: Enabling Debit and Prepaid Partial Authorizations')), {});
    expect(outcome).toMatchObject({ kind: 'partially-approved', requestedMinor: 100000, remainingMinor: 50099 });
  });
});

describe('declined', () => {
  it('never allows a retry of category 01', () => {
    expect(paymentOutcome(created(responseOf('REST Example: Processing a Basic Authorization', 'declined')), { currency: 'USD' })).toEqual({
      kind: 'declined',
      httpStatus: 201,
      id: '6583553837826789303954',
      status: 'DECLINED',
      reason: 'PROCESSOR_ERROR',
      message: 'Invalid account',
      category: { code: '01', name: 'ISSUER_WILL_NEVER_APPROVE' },
      retryAllowed: false,
    });
  });

  it.each(['02', '03', '04', '97', '98', '99'])('allows a retry of category %s', (code) => {
    const body = { ...responseOf('REST Example: Processing a Basic Authorization', 'declined'), paymentInsightsInformation: { responseInsights: { categoryCode: code } } };
    expect(paymentOutcome(created(body), {})).toMatchObject({ kind: 'declined', category: { code }, retryAllowed: true });
  });

  it('maps a decline without response insights', () => {
    expect(paymentOutcome(created(responseOf('REST Example: Disabling Debit and Prepaid Partial Authorizations')), { currency: 'USD' })).toMatchObject({
      kind: 'declined',
      reason: 'PROCESSOR_DECLINED',
      message: expect.stringMatching(/^Decline - General decline of the card. +No other information/) as unknown,
      retryAllowed: true,
    });
  });
});

describe('invalid request', () => {
  it('reads field details at the top level, as the 400 model has them', () => {
    const body = {
      submitTimeUtc: '2026-11-21T12:00:00Z',
      status: 'INVALID_REQUEST',
      reason: 'MISSING_FIELD',
      message: 'Declined - The request is missing one or more fields',
      details: [{ field: 'orderInformation.billTo.country', reason: 'MISSING_FIELD' }],
    };
    expect(paymentOutcome(created(body, 400), {})).toEqual({
      kind: 'invalid-request',
      httpStatus: 400,
      reason: 'MISSING_FIELD',
      message: 'Declined - The request is missing one or more fields',
      fields: [{ field: 'orderInformation.billTo.country', reason: 'MISSING_FIELD' }],
    });
  });

  it('reads field details under errorInformation', () => {
    const body = { status: 'INVALID_REQUEST', errorInformation: { reason: 'INVALID_DATA', details: [{ field: 'paymentInformation.card.number', reason: 'INVALID_DATA' }] } };
    expect(paymentOutcome(created(body, 201), {})).toMatchObject({
      kind: 'invalid-request',
      reason: 'INVALID_DATA',
      fields: [{ field: 'paymentInformation.card.number', reason: 'INVALID_DATA' }],
    });
  });

  it('says DUPLICATE_REQUEST when a transaction id is reused', () => {
    const body = { status: 'INVALID_REQUEST', reason: 'DUPLICATE_REQUEST', message: 'Declined - The merchantReferenceCode sent with this request has already been used' };
    expect(paymentOutcome(created(body, 400), {})).toMatchObject({ kind: 'invalid-request', reason: 'DUPLICATE_REQUEST', fields: [] });
  });

  it('maps 404 to NOT_FOUND', () => {
    expect(paymentOutcome(created('', 404), {})).toEqual({ kind: 'invalid-request', httpStatus: 404, reason: 'NOT_FOUND', fields: [] });
  });
});

describe('authentication failed', () => {
  it.each([401, 403])('maps %d', (status) => {
    expect(paymentOutcome(created({ response: { rmsg: 'Authentication Failed' } }, status), {})).toEqual({
      kind: 'authentication-failed',
      httpStatus: status,
      message: 'the gateway refused the request signature',
    });
  });
});

describe('unknown outcome', () => {
  it.each([500, 502, 503, 504])('keeps the raw body of a %d', (status) => {
    const body = '{"submitTimeUtc":"2026-11-21T12:00:00Z","status":"SERVER_ERROR","reason":"SERVER_TIMEOUT"}';
    expect(paymentOutcome(created(body, status), {})).toEqual({
      kind: 'unknown-outcome',
      cause: 'server-error',
      requestSent: true,
      httpStatus: status,
      rawBody: body,
      message: `the gateway answered HTTP ${status}`,
    });
  });

  it.each([
    ['not JSON', '<html>Bad gateway</html>'],
    ['no status', '{"id":"1"}'],
    ['a status the terminal does not act on', '{"id":"1","status":"PENDING_REVIEW"}'],
    ['an approval without an id', '{"status":"AUTHORIZED"}'],
    ['an amount with too many decimals', '{"id":"1","status":"AUTHORIZED","orderInformation":{"amountDetails":{"authorizedAmount":"1.234","currency":"USD"}}}'],
    ['a partial approval above the request', '{"id":"1","status":"PARTIAL_AUTHORIZED","orderInformation":{"amountDetails":{"authorizedAmount":"20.00"}}}'],
    ['an empty body', ''],
  ])('keeps the raw body of a 201 with %s', (_what, body) => {
    expect(paymentOutcome(created(body), { currency: 'USD', requestedMinor: 1000 })).toMatchObject({
      kind: 'unknown-outcome',
      cause: 'malformed-response',
      requestSent: true,
      httpStatus: 201,
      rawBody: body,
    });
  });

  it('maps an unexpected status code', () => {
    expect(paymentOutcome(created('slow down', 429), {})).toMatchObject({ kind: 'unknown-outcome', cause: 'unexpected-status', rawBody: 'slow down' });
  });

  it.each([
    ['connect-failed', false],
    ['connect-timeout', false],
    ['timeout', true],
    ['timeout', false],
    ['connection-reset', true],
  ] as const)('passes on a %s transport failure (sent: %s)', (cause, requestSent) => {
    expect(paymentOutcome({ kind: 'failure', cause, requestSent, message: 'm' }, {})).toEqual({ kind: 'unknown-outcome', cause, requestSent, message: 'm' });
  });
});

describe('lookupOutcome', () => {
  it('maps a transaction search result', () => {
    const body = {
      id: '6461731521426399003473',
      submitTimeUTC: '2022-03-01T22:19:12Z',
      applicationInformation: { status: 'AUTHORIZED', applications: [{ name: 'ics_auth', rFlag: 'SOK' }] },
      clientReferenceInformation: { code: 'ORDER-1', transactionId: 'T-1' },
      orderInformation: { amountDetails: { totalAmount: '100.00', authorizedAmount: '100.00', currency: 'USD' } },
    };
    expect(lookupOutcome(created(body, 200))).toMatchObject({
      kind: 'found',
      id: '6461731521426399003473',
      status: 'AUTHORIZED',
      submitTimeUtc: '2022-03-01T22:19:12Z',
      clientReference: { code: 'ORDER-1', transactionId: 'T-1' },
      currency: 'USD',
      totalMinor: 10000,
      authorizedMinor: 10000,
    });
  });

  it('maps an unknown id to NOT_FOUND and a garbled body to an unknown outcome', () => {
    expect(lookupOutcome(created('{}', 404))).toMatchObject({ kind: 'invalid-request', reason: 'NOT_FOUND' });
    expect(lookupOutcome(created('[]', 200))).toMatchObject({ kind: 'unknown-outcome', cause: 'malformed-response', rawBody: '[]' });
  });
});
