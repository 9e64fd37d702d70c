/**
 * The sandbox forgets: over months of simulated trading with its clock moving on, the number of
 * transactions it keeps stays bounded, while a refund of a sale still inside the retention works
 * and transactions whose money can still move are kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { attempt, expectKind, startGatewayPeer, type GatewayPeer } from '../../support/gateway-peer';
import { guideKeyedCard } from '../../support/guide-customer';
import { authorizationBody, day, manualClock, send, usd } from './signed-request';

let sandbox: SandboxGateway | undefined;
let peer: GatewayPeer | undefined;

afterEach(async () => {
  await sandbox?.close();
  await peer?.close();
  sandbox = undefined;
  peer = undefined;
});

type Clock = ReturnType<typeof manualClock>;

async function post(gateway: SandboxGateway, clock: Clock, path: string, body: Record<string, unknown>): Promise<string> {
  const reply = await send(gateway, 'POST', path, body, { date: clock.now() });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
}

const saleBody = (amount: string) => authorizationBody(amount, { processingInformation: { capture: true } });

describe('a sandbox that forgets', () => {
  it('keeps a bounded number of transactions over 100 days of sales, declines, refunds and voids', async () => {
    const clock = manualClock(new Date('2026-01-05T14:00:00Z'));
    peer = await startGatewayPeer({ clock: clock.now, settlementCutoff: { timeZone: 'UTC', cutoffHour: 4 }, forgetAfterBusinessDays: 10 });
    const { client, sandbox: gateway } = peer;
    const card = guideKeyedCard();
    const sale = async (amount: number) => expectKind(await client.sale({ reference: attempt('soak'), amount, currency: 'USD', card }), 'approved').id;
    let recorded = 0;
    let mostKept = 0;
    for (let dayIndex = 0; dayIndex < 100; dayIndex += 1) {
      for (let index = 0; index < 5; index += 1) await sale(1000 + index);
      const refunded = await sale(2000);
      expectKind(await client.refund({ target: 'sale', id: refunded, reference: attempt('soak'), amount: 500, currency: 'USD' }), 'approved');
      const voided = await sale(3000);
      expectKind(await client.voidTransaction({ target: 'sale', id: voided, reference: attempt('soak') }), 'approved');
      expectKind(await client.authorize({ reference: attempt('soak'), amount: 100_005, currency: 'USD', card }), 'declined');
      recorded += 10;
      mostKept = Math.max(mostKept, gateway.transactions().length);
      clock.advance(day);
    }
    expect(recorded).toBe(1000);
    // Ten business days of retention, plus the day in progress.
    expect(mostKept).toBeLessThanOrEqual(11 * 10);
    expect(gateway.transactions().length).toBeLessThanOrEqual(11 * 10);
  }, 60_000);

  it('refunds a settled sale still inside the retention, and refuses one past it like an unknown id', async () => {
    const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
    const gateway = await (sandbox = await startSandboxGateway({ clock: clock.now, settlementCutoff: { timeZone: 'UTC', cutoffHour: 4 } }));
    const early = await post(gateway, clock, '/pts/v2/payments', saleBody('40.00'));
    clock.advance(10 * day);
    const later = await post(gateway, clock, '/pts/v2/payments', saleBody('50.00'));
    // The default retention: 30 business days after the day the sale settled in.
    clock.advance(21 * day);
    expect(await post(gateway, clock, `/pts/v2/payments/${later}/refunds`, usd('10.00'))).toMatch(/^\d{22}$/);
    const gone = await send(gateway, 'POST', `/pts/v2/payments/${early}/refunds`, usd('10.00'), { date: clock.now() });
    expect(gone.body).toMatchObject({ status: 'INVALID_REQUEST', details: [{ field: 'id', reason: 'INVALID_DATA' }] });
    expect((await send(gateway, 'GET', `/tss/v2/transactions/${early}`, undefined, { date: clock.now() })).status).toBe(404);
    expect(gateway.transactions().map((transaction) => transaction.id)).not.toContain(early);
  });

  it('keeps what can still move or moved lately: an open authorization, and a sale refunded after it settled', async () => {
    const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
    const gateway = await (sandbox = await startSandboxGateway({ clock: clock.now, settlementCutoff: { timeZone: 'UTC', cutoffHour: 4 }, forgetAfterBusinessDays: 2 }));
    const hold = await post(gateway, clock, '/pts/v2/payments', authorizationBody('80.00', { processingInformation: { authorizationOptions: { authIndicator: '0' } } }));
    const sale = await post(gateway, clock, '/pts/v2/payments', saleBody('60.00'));
    clock.advance(day);
    const refund = await post(gateway, clock, `/pts/v2/payments/${sale}/refunds`, usd('60.00'));
    // Alone, the sale (settled 3 March) would be gone by 5 March 04:00; its refund (settled 4 March) keeps it until the 6th.
    clock.advance(2 * day);
    expect(gateway.transactions().map((transaction) => transaction.id)).toEqual([hold, sale, refund]);
    expect(await post(gateway, clock, `/pts/v2/payments/${hold}/captures`, usd('80.00'))).toMatch(/^\d{22}$/);
    clock.advance(4 * day);
    expect(gateway.transactions()).toEqual([]);
  });
});
