import { describe, expect, it } from 'vitest';
import { searchOutcome } from '../../../main/gateway/outcomes';
import type { Exchange } from '../../../main/gateway/transport';

const page = { offset: 0, limit: 20 };

function reply(body: unknown, status = 201): Exchange {
  return { kind: 'response', status, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** A summary shaped like the SDK's TssV2TransactionsPost201ResponseEmbeddedTransactionSummaries. */
const summary = {
  id: '6461731521426399003473',
  submitTimeUtc: '2026-12-01T15:04:05Z',
  merchantId: 'counter_sandbox',
  applicationInformation: {
    reasonCode: '100',
    rCode: '1',
    rFlag: 'SOK',
    applications: [
      { name: 'ics_auth', reasonCode: '100', rCode: '1', rFlag: 'SOK', reconciliationId: 'R1' },
      { name: 'ics_bill', reasonCode: 100, rCode: 1, rFlag: 'SOK' },
    ],
  },
  clientReferenceInformation: { code: 'T-1', transactionId: 'attempt-1', applicationName: 'REST API' },
  orderInformation: { amountDetails: { totalAmount: '102.21', authorizedAmount: '60.00', currency: 'usd' }, billTo: { firstName: 'John' } },
  paymentInformation: { card: { suffix: '1111', type: '001', prefix: '411111' }, paymentType: { type: 'credit card' } },
  _links: { transactionDetail: { href: '/tss/v2/transactions/6461731521426399003473', method: 'GET' } },
};

describe('searchOutcome', () => {
  it('maps a page of summaries, amounts in minor units, codes as text', () => {
    const outcome = searchOutcome(reply({ searchId: 's', totalCount: 41, count: 1, offset: 40, limit: 20, _embedded: { transactionSummaries: [summary] } }), page);
    expect(outcome).toEqual({
      kind: 'found',
      totalCount: 41,
      offset: 40,
      limit: 20,
      transactions: [
        {
          id: '6461731521426399003473',
          submitTimeUtc: '2026-12-01T15:04:05Z',
          code: 'T-1',
          transactionId: 'attempt-1',
          applications: [
            { name: 'ics_auth', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
            { name: 'ics_bill', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
          ],
          amountMinor: 10221,
          authorizedMinor: 6000,
          currency: 'USD',
          cardSuffix: '1111',
          cardType: '001',
        },
      ],
    });
  });

  it('gives null for what a summary leaves out, and reads JPY without decimals', () => {
    const bare = { id: '1', submitTimeUtc: '2026-12-01T15:04:05Z', orderInformation: { amountDetails: { totalAmount: '500', currency: 'JPY' } } };
    const outcome = searchOutcome(reply({ totalCount: 1, _embedded: { transactionSummaries: [bare] } }), page);
    expect(outcome).toMatchObject({ kind: 'found', offset: 0, limit: 20 });
    expect(outcome.kind === 'found' && outcome.transactions[0]).toEqual({
      id: '1',
      submitTimeUtc: '2026-12-01T15:04:05Z',
      code: null,
      transactionId: null,
      applications: [],
      amountMinor: 500,
      currency: 'JPY',
      cardSuffix: null,
      cardType: null,
    });
  });

  it('reads a page past the end (no _embedded) as no transactions', () => {
    expect(searchOutcome(reply({ totalCount: 3, count: 0, offset: 20, limit: 20 }), { offset: 20, limit: 20 })).toEqual({ kind: 'found', totalCount: 3, offset: 20, limit: 20, transactions: [] });
  });

  it('is an unknown outcome when the body does not match the schema or an amount cannot be read', () => {
    expect(searchOutcome(reply('<html>'), page)).toMatchObject({ kind: 'unknown-outcome', cause: 'malformed-response' });
    expect(searchOutcome(reply({ totalCount: 1, _embedded: { transactionSummaries: [{ submitTimeUtc: 'x' }] } }), page)).toMatchObject({
      kind: 'unknown-outcome',
      message: expect.stringContaining('_embedded.transactionSummaries.0.id'),
    });
    const badAmount = { ...summary, orderInformation: { amountDetails: { totalAmount: '1.234', currency: 'USD' } } };
    expect(searchOutcome(reply({ totalCount: 1, _embedded: { transactionSummaries: [badAmount] } }), page)).toMatchObject({
      kind: 'unknown-outcome',
      message: expect.stringContaining('_embedded.transactionSummaries.0.orderInformation.amountDetails'),
    });
  });

  it('maps a refused query, an authentication failure, a server error and a lost connection', () => {
    const refused = { submitTimeUtc: 'x', status: 'INVALID_REQUEST', reason: 'INVALID_DATA', message: 'Declined - bad query', details: [{ field: 'query', reason: 'INVALID_DATA' }] };
    expect(searchOutcome(reply(refused, 400), page)).toEqual({
      kind: 'invalid-request',
      httpStatus: 400,
      reason: 'INVALID_DATA',
      message: 'Declined - bad query',
      fields: [{ field: 'query', reason: 'INVALID_DATA' }],
    });
    expect(searchOutcome(reply({}, 400), page)).toMatchObject({ kind: 'invalid-request', message: 'the gateway refused the search (INVALID_REQUEST)' });
    expect(searchOutcome(reply({ response: { rmsg: 'Authentication Failed' } }, 401), page)).toMatchObject({ kind: 'authentication-failed', httpStatus: 401 });
    expect(searchOutcome(reply({ status: 'SERVER_ERROR' }, 502), page)).toMatchObject({ kind: 'unknown-outcome', cause: 'server-error', httpStatus: 502 });
    expect(searchOutcome({ kind: 'failure', cause: 'connection-reset', requestSent: true, message: 'reset' }, page)).toEqual({
      kind: 'unknown-outcome',
      cause: 'connection-reset',
      requestSent: true,
      message: 'reset',
    });
  });
});
