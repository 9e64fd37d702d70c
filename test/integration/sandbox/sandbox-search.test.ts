/**
 * Transaction Search over real HTTP: `POST /tss/v2/searches` with the query language's submit
 * time ranges (instants and date math), client reference filters, AND / OR, paging and sort;
 * every kind of transaction the sandbox records is findable; bad queries are 400 naming the
 * field; requests are signed like every other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, day, manualClock, send, usd, type SentReply } from './signed-request';

let sandbox: SandboxGateway | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

type Clock = ReturnType<typeof manualClock>;

async function start(clock: Clock): Promise<SandboxGateway> {
  sandbox = await startSandboxGateway({ clock: clock.now, settlementCutoff: { timeZone: 'UTC', cutoffHour: 2 } });
  return sandbox;
}

function search(gateway: SandboxGateway, clock: Clock, body: Record<string, unknown>): Promise<SentReply> {
  return send(gateway, 'POST', '/tss/v2/searches', body, { date: clock.now() });
}

async function sale(gateway: SandboxGateway, clock: Clock, amount: string, code: string, transactionId?: string): Promise<string> {
  const reference = { code, ...(transactionId !== undefined ? { transactionId } : {}) };
  const reply = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody(amount, { clientReferenceInformation: reference, processingInformation: { capture: true } }), {
    date: clock.now(),
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const summaries = (reply: SentReply): any[] => reply.body._embedded?.transactionSummaries ?? [];
const ids = (reply: SentReply): string[] => summaries(reply).map((summary) => summary.id as string);

describe('POST /tss/v2/searches', () => {
  it('finds the transactions submitted in a range: [ includes its bound, } excludes it', async () => {
    const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
    const gateway = await start(clock);
    const monday = await sale(gateway, clock, '10.00', 'monday');
    clock.set(new Date('2026-03-03T00:00:00Z'));
    const midnight = await sale(gateway, clock, '11.00', 'midnight');
    clock.set(new Date('2026-03-03T13:45:10Z'));
    const tuesday = await sale(gateway, clock, '12.00', 'tuesday');

    const exclusive = await search(gateway, clock, { query: 'submitTimeUtc:[2026-03-02T00:00:00Z TO 2026-03-03T00:00:00Z}', sort: 'submitTimeUtc:asc' });
    expect(exclusive.status).toBe(201);
    expect(ids(exclusive)).toEqual([monday]);
    expect(exclusive.body).toMatchObject({ totalCount: 1, count: 1, offset: 0, limit: 20, sort: 'submitTimeUtc:asc' });
    const inclusive = await search(gateway, clock, { query: 'submitTimeUtc:[2026-03-02T00:00:00Z TO 2026-03-03T00:00:00Z]', sort: 'submitTimeUtc:asc' });
    expect(ids(inclusive)).toEqual([monday, midnight]);
    const epoch = await search(gateway, clock, { query: `submitTimeUtc:{${Date.parse('2026-03-03T00:00:00Z')} TO *]`, sort: 'submitTimeUtc:asc' });
    expect(ids(epoch)).toEqual([tuesday]);
  });

  it('reads date math relative to its clock, rounded in the request’s time zone', async () => {
    const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
    const gateway = await start(clock);
    const yesterday = await sale(gateway, clock, '10.00', 'yesterday');
    clock.advance(day);
    const today = await sale(gateway, clock, '11.00', 'today');
    clock.advance(8 * day);
    const now = await sale(gateway, clock, '12.00', 'now');

    expect(ids(await search(gateway, clock, { query: 'submitTimeUtc:[NOW/DAY TO NOW/DAY+1DAY}', sort: 'submitTimeUtc:asc' }))).toEqual([now]);
    expect(ids(await search(gateway, clock, { query: 'submitTimeUtc:[NOW/DAY-8DAYS TO NOW/DAY-7DAYS}' }))).toEqual([today]);
    expect(ids(await search(gateway, clock, { query: 'submitTimeUtc:[NOW-10DAYS TO NOW-9DAYS]' }))).toEqual([yesterday]);
    expect(ids(await search(gateway, clock, { query: 'submitTimeUtc:[NOW/MONTH TO NOW/DAY+1DAY}', sort: 'submitTimeUtc:asc' }))).toEqual([yesterday, today, now]);
    // 15:00 UTC on 11 March is 10:00 in Chicago (CDT from 8 March): its day began at 05:00 UTC.
    clock.set(new Date('2026-03-12T04:30:00Z'));
    const lateEvening = await sale(gateway, clock, '13.00', 'late');
    const chicagoToday = await search(gateway, clock, { query: 'submitTimeUtc:[NOW/DAY TO NOW}', timezone: 'America/Chicago', sort: 'submitTimeUtc:asc' });
    expect(ids(chicagoToday)).toEqual([now]);
    expect(chicagoToday.body.timezone).toBe('America/Chicago');
    expect(ids(await search(gateway, clock, { query: 'submitTimeUtc:[NOW/DAY TO NOW]' }))).toEqual([lateEvening]);
  });

  it('filters by client reference code, transactionId and id, joined with AND and OR', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const first = await sale(gateway, clock, '10.00', 'order-1', 'attempt-1');
    const second = await sale(gateway, clock, '20.00', 'order-1', 'attempt-2');
    const other = await sale(gateway, clock, '30.00', 'order-2', 'attempt-3');
    clock.advance(day);
    const later = await sale(gateway, clock, '40.00', 'order-1', 'attempt-4');
    const asc = { sort: 'submitTimeUtc:asc' };

    expect(ids(await search(gateway, clock, { query: 'clientReferenceInformation.code:order-1', ...asc }))).toEqual([first, second, later]);
    expect(ids(await search(gateway, clock, { query: 'clientReferenceInformation.transactionId:attempt-2' }))).toEqual([second]);
    expect(ids(await search(gateway, clock, { query: `id:${other}` }))).toEqual([other]);
    expect(ids(await search(gateway, clock, { query: 'clientReferenceInformation.code:"order-2"' }))).toEqual([other]);
    const today = 'submitTimeUtc:[NOW/DAY TO NOW/DAY+1DAY}';
    expect(ids(await search(gateway, clock, { query: `clientReferenceInformation.code:order-1 AND ${today}` }))).toEqual([later]);
    const either = await search(gateway, clock, { query: `clientReferenceInformation.code:order-2 OR clientReferenceInformation.transactionId:attempt-1`, ...asc });
    expect(ids(either)).toEqual([first, other]);
    const grouped = await search(gateway, clock, { query: `(clientReferenceInformation.code:order-2 OR clientReferenceInformation.code:order-1) AND ${today}` });
    expect(ids(grouped)).toEqual([later]);
  });

  it('finds every kind of transaction, with its services, amounts and card', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const code = 'every-kind';
    const reference = { clientReferenceInformation: { code } };
    const post = async (path: string, body: Record<string, unknown>) => {
      const reply = await send(gateway, 'POST', path, { ...reference, ...body }, { date: clock.now() });
      expect(reply.status).toBe(201);
      return reply.body;
    };
    const lodging = { processingInformation: { authorizationOptions: { authIndicator: '0' }, industryDataType: 'lodging' } };
    const authorization = await post('/pts/v2/payments', authorizationBody('100.00', { ...reference, ...lodging }));
    const increment = await send(gateway, 'PATCH', `/pts/v2/payments/${authorization.id}`, { ...reference, orderInformation: { amountDetails: { additionalAmount: '20.00', currency: 'USD' } } }, { date: clock.now() });
    expect(increment.body.status).toBe('AUTHORIZED');
    const capture = await post(`/pts/v2/payments/${authorization.id}/captures`, usd('120.00'));
    const refund = await post(`/pts/v2/captures/${capture.id}/refunds`, usd('20.00'));
    const saleToVoid = await post('/pts/v2/payments', authorizationBody('15.00', { ...reference, processingInformation: { capture: true } }));
    const voided = await post(`/pts/v2/payments/${saleToVoid.id}/voids`, {});
    const toReverse = await post('/pts/v2/payments', authorizationBody('30.00', reference));
    const reversal = await post(`/pts/v2/payments/${toReverse.id}/reversals`, { reversalInformation: { amountDetails: { totalAmount: '30.00' } } });
    const credit = await post('/pts/v2/credits', authorizationBody('5.00', reference));
    const declined = await post('/pts/v2/payments', authorizationBody('1000.05', reference));
    expect(declined.status).toBe('DECLINED');

    const reply = await search(gateway, clock, { query: `clientReferenceInformation.code:${code}`, sort: 'submitTimeUtc:asc', limit: 100 });
    expect(reply.body.totalCount).toBe(10);
    const services = summaries(reply).map((summary) => `${summary.id}:${summary.applicationInformation.applications.map((a: { name: string }) => a.name).join('+')}`);
    expect(services).toEqual([
      `${authorization.id}:ics_auth`,
      // An incremental authorization is listed under its authorization's id, as the gateway does.
      `${authorization.id}:ics_incremental_auth`,
      `${capture.id}:ics_bill`,
      `${refund.id}:ics_credit`,
      `${saleToVoid.id}:ics_auth+ics_bill`,
      `${voided.id}:ics_void`,
      `${toReverse.id}:ics_auth`,
      `${reversal.id}:ics_auth_reversal`,
      `${credit.id}:ics_credit`,
      `${declined.id}:ics_auth`,
    ]);
    const [first, incremental, captured] = summaries(reply);
    expect(first).toMatchObject({
      submitTimeUtc: '2026-03-02T15:00:00Z',
      status: 'PENDING',
      clientReferenceInformation: { code },
      applicationInformation: { applications: [{ name: 'ics_auth', rCode: '1', rFlag: 'SOK', reasonCode: '100' }] },
      orderInformation: { amountDetails: { totalAmount: '100.00', currency: 'USD' } },
      paymentInformation: { card: { suffix: '1111', type: '001' } },
      _links: { transactionDetail: { href: `/tss/v2/transactions/${authorization.id}`, method: 'GET' } },
    });
    expect(incremental.orderInformation.amountDetails.totalAmount).toBe('20.00');
    expect(captured).toMatchObject({ orderInformation: { amountDetails: { totalAmount: '120.00' } }, paymentInformation: { card: { suffix: '1111' } } });
    expect(summaries(reply).at(-1)).toMatchObject({
      status: 'DECLINED',
      errorInformation: { reason: 'INSUFFICIENT_FUND' },
      applicationInformation: { applications: [{ name: 'ics_auth', rCode: '0', rFlag: 'DCARDREFUSED', reasonCode: '204' }] },
    });
    expect(JSON.stringify(reply.body)).not.toContain('4111111111111111');
  });

  it('pages with offset and limit, sorts by time or id, and leaves _embedded out past the end', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const made: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      made.push(await sale(gateway, clock, `${10 + index}.00`, 'paged'));
      clock.advance(1_000);
    }
    const query = 'clientReferenceInformation.code:paged';
    const pages = [];
    for (const offset of [0, 3, 6]) pages.push(await search(gateway, clock, { query, offset, limit: 3, sort: 'submitTimeUtc:asc' }));
    expect(pages.map((page) => page.body.count)).toEqual([3, 3, 1]);
    expect(pages.every((page) => page.body.totalCount === 7 && page.body.limit === 3)).toBe(true);
    expect(pages.flatMap(ids)).toEqual(made);
    expect(ids(await search(gateway, clock, { query, sort: 'submitTimeUtc:desc' }))).toEqual([...made].reverse());
    expect(ids(await search(gateway, clock, { query }))).toEqual([...made].reverse());
    expect(ids(await search(gateway, clock, { query, sort: 'id:asc' }))).toEqual([...made].sort());
    const beyond = await search(gateway, clock, { query, offset: 7, limit: 3 });
    expect(beyond.body).toMatchObject({ totalCount: 7, count: 0, offset: 7 });
    expect(beyond.body._embedded).toBeUndefined();
  });

  it('refuses what it cannot read with a 400 naming the field, and records nothing', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    await sale(gateway, clock, '10.00', 'kept');
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ query: 'orderInformation.billTo.nickname:bob' }, 'query', 'unknown search field orderInformation.billTo.nickname'],
      [{ query: 'submitTimeUtc:yesterday' }, 'query', 'submitTimeUtc needs a range'],
      [{ query: 'submitTimeUtc:[NOW/FORTNIGHT TO NOW]' }, 'query', 'FORTNIGHT'],
      [{ query: 'submitTimeUtc:[2026-13-45 TO NOW]' }, 'query', 'is not a time'],
      [{ query: 'clientReferenceInformation.code:kept AND' }, 'query', 'ends where a field:value clause should be'],
      [{ query: '(clientReferenceInformation.code:kept' }, 'query', 'never closed'],
      [{ query: 'clientReferenceInformation.code:kept', limit: 2501 }, 'limit', '0 to 2500'],
      [{ query: 'clientReferenceInformation.code:kept', offset: -1 }, 'offset', 'whole number'],
      [{ query: 'clientReferenceInformation.code:kept', sort: 'amount:asc' }, 'sort', 'submitTimeUtc:asc|desc'],
      [{ query: 'clientReferenceInformation.code:kept', timezone: 'Mars/Olympus' }, 'timezone', 'TZ database'],
    ];
    for (const [body, field, why] of refusals) {
      const reply = await search(gateway, clock, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'INVALID_DATA', details: [{ field, reason: 'INVALID_DATA' }] });
      expect(reply.body.message).toContain(why);
    }
    const missing = await search(gateway, clock, { limit: 5 });
    expect(missing.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'MISSING_FIELD', details: [{ field: 'query', reason: 'MISSING_FIELD' }] });
    expect(gateway.transactions()).toHaveLength(1);
  });

  it('answers only signed requests', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    await sale(gateway, clock, '10.00', 'secret');
    const unsigned = await send(gateway, 'POST', '/tss/v2/searches', { query: 'clientReferenceInformation.code:secret' }, { date: clock.now(), tamper: ({ signature: _signature, ...headers }, body) => ({ headers, body }) });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toEqual({ response: { rmsg: 'Authentication Failed' } });
    const wrongSecret = { ...gateway.credentials, sharedSecretBase64: Buffer.from('not the secret').toString('base64') };
    const forged = await send(gateway, 'POST', '/tss/v2/searches', { query: 'clientReferenceInformation.code:secret' }, { date: clock.now(), credentials: wrongSecret });
    expect(forged.status).toBe(401);
  });

  it('saves a search when asked and runs it again by its searchId', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const first = await sale(gateway, clock, '10.00', 'saved');
    const created = await search(gateway, clock, { query: 'clientReferenceInformation.code:saved', save: true, name: 'till 1', sort: 'submitTimeUtc:asc' });
    expect(created.body).toMatchObject({ save: true, name: 'till 1', totalCount: 1 });
    expect(created.body._links.self.href).toBe(`/tss/v2/searches/${created.body.searchId}`);
    const second = await sale(gateway, clock, '11.00', 'saved');
    const again = await send(gateway, 'GET', `/tss/v2/searches/${created.body.searchId}`, undefined, { date: clock.now() });
    expect(again.status).toBe(200);
    expect(ids(again)).toEqual([first, second]);
    const unsaved = await search(gateway, clock, { query: 'clientReferenceInformation.code:saved' });
    expect((await send(gateway, 'GET', `/tss/v2/searches/${unsaved.body.searchId}`, undefined, { date: clock.now() })).status).toBe(404);
  });
});

describe('GET /tss/v2/transactions/{id}', () => {
  it('answers with the services run, their result codes, the card and the related transactions', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const id = await sale(gateway, clock, '25.00', 'details');
    const refund = await send(gateway, 'POST', `/pts/v2/payments/${id}/refunds`, usd('5.00'), { date: clock.now() });
    const details = await send(gateway, 'GET', `/tss/v2/transactions/${id}`, undefined, { date: clock.now() });
    expect(details.body).toMatchObject({
      id,
      rootId: id,
      submitTimeUTC: '2026-03-02T15:00:00Z',
      applicationInformation: {
        reasonCode: '100',
        rCode: '1',
        rFlag: 'SOK',
        applications: [
          { name: 'ics_auth', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
          { name: 'ics_bill', rCode: '1', rFlag: 'SOK', reasonCode: '100' },
        ],
      },
      clientReferenceInformation: { code: 'details' },
      orderInformation: { amountDetails: { totalAmount: '25.00', currency: 'USD', refundBalance: '20.00' } },
      paymentInformation: { card: { suffix: '1111', type: '001' } },
      _links: { self: { href: `/tss/v2/transactions/${id}` }, relatedTransactions: [{ href: `/tss/v2/transactions/${refund.body.id}`, method: 'GET' }] },
    });
    const declined = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('1000.01'), { date: clock.now() });
    const declinedDetails = await send(gateway, 'GET', `/tss/v2/transactions/${declined.body.id}`, undefined, { date: clock.now() });
    expect(declinedDetails.body).toMatchObject({
      status: 'DECLINED',
      applicationInformation: { rCode: '0', rFlag: 'DCARDREFUSED', reasonCode: '205' },
      errorInformation: { reason: 'STOLEN_LOST_CARD' },
      paymentInsightsInformation: { responseInsights: { categoryCode: '01' } },
    });
  });
});
