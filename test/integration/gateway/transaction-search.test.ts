/**
 * The client's Transaction Search against the sandbox over real HTTPS: queries made by the query
 * builder, summaries parsed into minor units, a whole day paged through, and every failure
 * mapped to an outcome.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayInputError } from '../../../main/gateway/inputs';
import { allOf, byCode, byTransactionId, submittedBetween } from '../../../main/gateway/search-query';
import { searchAllTransactions } from '../../../main/gateway/transaction-search';
import { attempt, expectKind, startGatewayPeer, type GatewayPeer } from '../../support/gateway-peer';
import { guideKeyedCard } from '../../support/guide-customer';
import { day, manualClock } from '../sandbox/signed-request';

let peer: GatewayPeer | undefined;

afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

const visa = guideKeyedCard();
const mastercard = guideKeyedCard('5555555555554444');

async function start(clock = manualClock()): Promise<GatewayPeer> {
  peer = await startGatewayPeer({ clock: clock.now, settlementCutoff: { timeZone: 'UTC', cutoffHour: 5 } });
  return peer;
}

describe('searchTransactions', () => {
  it('finds a day’s transactions by submit time and by code, with amounts in minor units', async () => {
    const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
    const { client } = await start(clock);
    const sale = attempt('till-7');
    const sold = expectKind(await client.sale({ reference: sale, amount: 1234, currency: 'USD', card: visa }), 'approved');
    const refund = expectKind(await client.refund({ target: 'sale', id: sold.id, reference: attempt('till-7'), amount: 234, currency: 'USD' }), 'approved');
    const declinedAttempt = attempt('till-8');
    expectKind(await client.authorize({ reference: declinedAttempt, amount: 100_005, currency: 'USD', card: mastercard }), 'declined');
    clock.advance(day);
    expectKind(await client.sale({ reference: attempt('till-9'), amount: 500, currency: 'USD', card: visa }), 'approved');

    const monday = submittedBetween(new Date('2026-03-02T05:00:00Z'), new Date('2026-03-03T05:00:00Z'));
    const found = expectSearch(await client.searchTransactions({ query: monday, limit: 50 }));
    expect(found).toMatchObject({ totalCount: 3, offset: 0, limit: 50 });
    expect(found.transactions).toEqual([
      {
        id: sold.id,
        submitTimeUtc: '2026-03-02T15:00:00Z',
        code: 'till-7',
        transactionId: sale.transactionId,
        applications: [
          { name: 'ics_auth', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
          { name: 'ics_bill', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
        ],
        amountMinor: 1234,
        authorizedMinor: 1234,
        currency: 'USD',
        cardSuffix: '1111',
        cardType: '001',
        // The day's batch closed at 05:00 when the clock moved on.
        status: 'TRANSMITTED',
      },
      expect.objectContaining({ id: refund.id, code: 'till-7', applications: [expect.objectContaining({ name: 'ics_credit', rCode: '1' })], amountMinor: 234 }),
      expect.objectContaining({
        code: 'till-8',
        transactionId: declinedAttempt.transactionId,
        applications: [{ name: 'ics_auth', rCode: '0', rFlag: 'DCARDREFUSED', reasonCode: '204' }],
        amountMinor: 100_005,
        cardSuffix: '4444',
        cardType: '002',
        status: 'DECLINED',
      }),
    ]);

    const byOrder = expectSearch(await client.searchTransactions({ query: allOf(monday, byCode('till-7')) }));
    expect(byOrder.transactions.map((transaction) => transaction.id)).toEqual([sold.id, refund.id]);
    const byAttempt = expectSearch(await client.searchTransactions({ query: byTransactionId(declinedAttempt.transactionId) }));
    expect(byAttempt.transactions.map((transaction) => transaction.code)).toEqual(['till-8']);
    const newestFirst = expectSearch(await client.searchTransactions({ query: monday, sort: 'submitTimeUtc:desc', limit: 1, offset: 1 }));
    expect(newestFirst).toMatchObject({ totalCount: 3, offset: 1, limit: 1 });
    expect(newestFirst.transactions.map((transaction) => transaction.id)).toEqual([refund.id]);
  });

  it('reports what a partial approval asked for and what it approved, and that it was not captured', async () => {
    const { client } = await start();
    const prepaid = { number: '5105105105105100', expirationMonth: '12', expirationYear: '2031' };
    const partial = expectKind(await client.sale({ reference: attempt('split-1'), amount: 4000, currency: 'USD', card: prepaid, partialAuthorization: true }), 'partially-approved');
    const found = expectSearch(await client.searchTransactions({ query: byCode('split-1') }));
    expect(found.transactions).toEqual([
      expect.objectContaining({ id: partial.id, amountMinor: 4000, authorizedMinor: 2500, applications: [{ name: 'ics_auth', rCode: '1', rFlag: 'SOK', reasonCode: '100' }] }),
    ]);
  });

  it('maps a refused query, bad credentials and a failing gateway to outcomes, and bad input to an error before sending', async () => {
    const { client, clientWith, sandbox } = await start();
    const refused = await client.searchTransactions({ query: 'orderInformation.amountDetails.totalAmount:12.34' });
    expect(refused).toMatchObject({ kind: 'invalid-request', httpStatus: 400, reason: 'INVALID_DATA', fields: [{ field: 'query', reason: 'INVALID_DATA' }] });
    expect(refused.kind === 'invalid-request' && refused.message).toContain('unknown search field');

    const stranger = clientWith({ credentials: () => ({ ...sandbox.credentials, sharedSecretBase64: Buffer.from('someone else').toString('base64') }) });
    expect(await stranger.searchTransactions({ query: byCode('x') })).toMatchObject({ kind: 'authentication-failed', httpStatus: 401 });

    await sandbox.faults.set({ kind: 'error', status: 503, times: 1, path: '/tss/v2/searches' });
    expect(await client.searchTransactions({ query: byCode('x') })).toMatchObject({ kind: 'unknown-outcome', cause: 'server-error', httpStatus: 503 });

    await expect(client.searchTransactions({ query: byCode('x'), limit: 2501 })).rejects.toThrow(GatewayInputError);
    await expect(client.searchTransactions({ query: '' })).rejects.toThrow(GatewayInputError);
    await expect(client.searchTransactions({ query: byCode('x'), sort: 'amount' })).rejects.toThrow(/sort/);
  });
});

describe('searchAllTransactions', () => {
  it('pages through every transaction of a query, oldest first, same-second ties included, and refuses more than it was allowed', async () => {
    const clock = manualClock();
    const { client } = await start(clock);
    const made: string[] = [];
    for (let index = 0; index < 23; index += 1) {
      made.push(expectKind(await client.sale({ reference: attempt('pager'), amount: 100 + index, currency: 'USD', card: visa }), 'approved').id);
      // Several in the same second, across page boundaries: ties must neither repeat nor skip.
      if (index % 7 === 6) clock.advance(1_000);
    }
    const all = await searchAllTransactions(client, byCode('pager'), { pageSize: 10 });
    expect(all.kind).toBe('found');
    if (all.kind !== 'found') return;
    expect(all.totalCount).toBe(23);
    expect(all.transactions.map((transaction) => transaction.id)).toEqual(made);
    expect(all.transactions.map((transaction) => transaction.amountMinor)).toEqual(made.map((_, index) => 100 + index));
    expect(await searchAllTransactions(client, byCode('pager'), { pageSize: 10, maxTransactions: 20 })).toEqual({ kind: 'too-many', totalCount: 23, maxTransactions: 20 });
    expect(await searchAllTransactions(client, byCode('nobody'))).toEqual({ kind: 'found', totalCount: 0, offset: 0, limit: 0, transactions: [] });
  });
});

function expectSearch(outcome: Awaited<ReturnType<GatewayPeer['client']['searchTransactions']>>) {
  if (outcome.kind !== 'found') throw new Error(`expected found, got ${JSON.stringify(outcome)}`);
  return outcome;
}
