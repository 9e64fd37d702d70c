/**
 * Time-driven rules with an injected clock: the daily settlement cutoff, the 60-day duplicate
 * window for transactionIds, the 180-day refund window, and signature dates checked against
 * the sandbox's clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, day, manualClock, send, usd } from './signed-request';

let sandbox: SandboxGateway | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(clock: ReturnType<typeof manualClock>, hourUtc = 2, forgetAfterBusinessDays?: number): Promise<SandboxGateway> {
  sandbox = await startSandboxGateway({
    clock: clock.now,
    settlementCutoff: { timeZone: 'UTC', cutoffHour: hourUtc },
    ...(forgetAfterBusinessDays !== undefined ? { forgetAfterBusinessDays } : {}),
  });
  return sandbox;
}

describe('sandbox gateway clock-driven rules', () => {
  it('settles the batch at the daily cutoff: voids before it, refunds after it', async () => {
    const clock = manualClock(new Date('2026-03-02T22:30:00Z'));
    const gateway = await start(clock, 2);
    const first = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('20.00', { processingInformation: { capture: true } }), { date: clock.now() });
    const second = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('30.00', { processingInformation: { capture: true } }), { date: clock.now() });

    clock.set(new Date('2026-03-03T01:59:59Z'));
    const voided = await send(gateway, 'POST', `/pts/v2/payments/${first.body.id}/voids`, {}, { date: clock.now() });
    expect(voided.body.status).toBe('VOIDED');

    clock.set(new Date('2026-03-03T02:00:00Z'));
    expect(gateway.transactions().find((t) => t.id === second.body.id)).toMatchObject({ settled: true, state: 'settled' });
    const late = await send(gateway, 'POST', `/pts/v2/payments/${second.body.id}/voids`, {}, { date: clock.now() });
    expect(late.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'NOT_VOIDABLE' });
    const refund = await send(gateway, 'POST', `/pts/v2/payments/${second.body.id}/refunds`, usd('30.00'), { date: clock.now() });
    expect(refund.body.status).toBe('PENDING');
    const details = await send(gateway, 'GET', `/tss/v2/transactions/${second.body.id}`, undefined, { date: clock.now() });
    expect(details.body.status).toBe('REFUNDED');
  });

  it('a capture made after the cutoff goes into the next day’s batch', async () => {
    const clock = manualClock(new Date('2026-03-03T02:00:01Z'));
    const gateway = await start(clock, 2);
    const auth = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('20.00'), { date: clock.now() });
    const capture = await send(gateway, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, usd('20.00'), { date: clock.now() });
    clock.advance(day - 2_000);
    expect(gateway.transactions().find((t) => t.id === capture.body.id)?.settled).toBe(false);
    clock.advance(1_000);
    expect(gateway.transactions().find((t) => t.id === capture.body.id)?.settled).toBe(true);
    expect((await send(gateway, 'POST', `/pts/v2/captures/${capture.body.id}/voids`, {}, { date: clock.now() })).body.reason).toBe('NOT_VOIDABLE');
  });

  it('settle() closes the open batch at once; open authorizations are not part of it', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const auth = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('20.00'), { date: clock.now() });
    const credit = await send(gateway, 'POST', '/pts/v2/credits', authorizationBody('5.00'), { date: clock.now() });
    gateway.settle();
    expect(gateway.transactions().find((t) => t.id === credit.body.id)?.state).toBe('settled');
    expect(gateway.transactions().find((t) => t.id === auth.body.id)?.state).toBe('authorized');
    expect((await send(gateway, 'POST', `/pts/v2/credits/${credit.body.id}/voids`, {}, { date: clock.now() })).body.reason).toBe('NOT_VOIDABLE');
  });

  it('refuses a transactionId reused within 60 days, and accepts it after', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const body = authorizationBody('11.00', { clientReferenceInformation: { code: 'o', transactionId: 'reuse-after-60-days' } });
    expect((await send(gateway, 'POST', '/pts/v2/payments', body, { date: clock.now() })).status).toBe(201);
    clock.advance(59 * day);
    expect((await send(gateway, 'POST', '/pts/v2/payments', body, { date: clock.now() })).body.reason).toBe('DUPLICATE_REQUEST');
    clock.advance(1 * day);
    expect((await send(gateway, 'POST', '/pts/v2/payments', body, { date: clock.now() })).status).toBe(201);
  });

  it('refuses a refund more than 180 days after the authorization (a stand-alone credit still works)', async () => {
    const clock = manualClock();
    // Remembering settled sales for 200 business days, not the default 30, so the refund window is what ends.
    const gateway = await start(clock, 2, 200);
    const sale = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('75.00', { processingInformation: { capture: true } }), { date: clock.now() });
    clock.advance(180 * day);
    expect((await send(gateway, 'POST', `/pts/v2/payments/${sale.body.id}/refunds`, usd('5.00'), { date: clock.now() })).status).toBe(201);
    clock.advance(day);
    const late = await send(gateway, 'POST', `/pts/v2/payments/${sale.body.id}/refunds`, usd('5.00'), { date: clock.now() });
    expect(late.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'INVALID_DATA' });
    expect(late.body.message).toContain('180 days');
    expect((await send(gateway, 'POST', '/pts/v2/credits', authorizationBody('5.00'), { date: clock.now() })).body.status).toBe('PENDING');
  });

  it('refuses to capture an authorization more than 180 days old', async () => {
    const clock = manualClock();
    const gateway = await start(clock);
    const auth = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('75.00'), { date: clock.now() });
    clock.advance(181 * day);
    expect((await send(gateway, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, usd('75.00'), { date: clock.now() })).body.reason).toBe('MISSING_AUTH');
  });

  it('checks signature dates against its own clock and stamps submitTimeUtc with it', async () => {
    const clock = manualClock(new Date('2030-01-15T10:00:00Z'));
    const gateway = await start(clock);
    expect((await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('1.00'))).status).toBe(401);
    const reply = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('1.00'), { date: clock.now() });
    expect(reply.body.submitTimeUtc).toBe('2030-01-15T10:00:00Z');
  });

  it('declines a card that expired by its clock', async () => {
    const clock = manualClock(new Date('2032-01-01T00:00:00Z'));
    const gateway = await start(clock);
    const reply = await send(gateway, 'POST', '/pts/v2/payments', authorizationBody('1.00'), { date: clock.now() });
    expect(reply.body).toMatchObject({ status: 'DECLINED', errorInformation: { reason: 'EXPIRED_CARD' }, paymentInsightsInformation: { responseInsights: { categoryCode: '03' } } });
  });
});
