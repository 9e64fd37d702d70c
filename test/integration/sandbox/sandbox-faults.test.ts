/**
 * Fault injection: latency, hang, dropped connection, 5xx and refused connections, and their
 * scoping; `processed` faults leave a recorded attempt for the timeout reversal to find.
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, send } from './signed-request';

let sandbox: SandboxGateway;

beforeEach(async () => {
  sandbox = await startSandboxGateway();
});

afterEach(async () => {
  await sandbox.close();
});

const authorize = (amount = '10.00', overrides: Record<string, unknown> = {}) => send(sandbox, 'POST', '/pts/v2/payments', authorizationBody(amount, overrides), { timeoutMs: 2_000 });

describe('sandbox gateway faults', () => {
  it('adds latency, then answers normally', async () => {
    await sandbox.faults.set({ kind: 'latency', ms: 150 });
    const started = performance.now();
    const reply = await authorize();
    expect(reply.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs: the request gets no answer until the client gives up', async () => {
    await sandbox.faults.set({ kind: 'hang' });
    await expect(send(sandbox, 'POST', '/pts/v2/payments', authorizationBody('10.00'), { timeoutMs: 300 })).rejects.toThrow('timeout');
    expect(sandbox.transactions()).toHaveLength(0);
  });

  it('drops the connection after reading the request', async () => {
    await sandbox.faults.set({ kind: 'drop' });
    await expect(authorize()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(sandbox.transactions()).toHaveLength(0);
  });

  it('drops after processing: the charge happened and the timeout reversal finds and undoes it', async () => {
    await sandbox.faults.set({ kind: 'drop', processed: true, times: 1 });
    const body = authorizationBody('42.00', { clientReferenceInformation: { code: 'order-42', transactionId: 'lost-answer-1' } });
    await expect(send(sandbox, 'POST', '/pts/v2/payments', body)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(sandbox.transactions()).toMatchObject([{ clientTransactionId: 'lost-answer-1', state: 'authorized' }]);
    const resend = await send(sandbox, 'POST', '/pts/v2/payments', body);
    expect(resend.body.reason).toBe('DUPLICATE_REQUEST');
    const reversal = await send(sandbox, 'POST', '/pts/v2/reversals', {
      clientReferenceInformation: { code: 'order-42', transactionId: 'lost-answer-1' },
      reversalInformation: { amountDetails: { totalAmount: '42.00' } },
      orderInformation: { amountDetails: { currency: 'USD' } },
    });
    expect(reversal.body.status).toBe('REVERSED');
    expect(sandbox.transactions()[0]?.state).toBe('reversed');
  });

  it('answers 502 SERVER_ERROR by default, or another 5xx', async () => {
    await sandbox.faults.set({ kind: 'error' });
    const reply = await authorize();
    expect(reply).toMatchObject({ status: 502, body: { status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR' } });
    await sandbox.faults.set({ kind: 'error', status: 503 });
    expect((await authorize()).status).toBe(503);
    expect(sandbox.transactions()).toHaveLength(0);
    await expect(sandbox.faults.set({ kind: 'error', status: 404 })).rejects.toThrow(RangeError);
  });

  it('refuses connections while the gateway is down, and listens again on the same port when cleared', async () => {
    const port = sandbox.port;
    await sandbox.faults.set({ kind: 'refuse' });
    await expect(authorize()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await sandbox.faults.clear();
    expect(sandbox.port).toBe(port);
    expect((await authorize()).status).toBe(201);
  });

  it('destroys open keep-alive connections when it goes down', async () => {
    const closed = new Promise<string>((resolve) => {
      const held = request(`${sandbox.baseUrl}/pts/v2/payments`, { method: 'POST', headers: { 'content-length': '10' } });
      held.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      held.on('response', () => resolve('answered'));
      held.write('{"partial"');
      held.on('socket', (socket) => socket.on('connect', () => void sandbox.faults.set({ kind: 'refuse' })));
    });
    expect(await closed).toMatch(/ECONNRESET|socket hang up/);
  });

  it('limits a fault to the next N requests', async () => {
    await sandbox.faults.set({ kind: 'error', times: 2 });
    expect((await authorize()).status).toBe(502);
    expect((await authorize()).status).toBe(502);
    expect((await authorize()).status).toBe(201);
  });

  it('limits a fault to a path (prefix or pattern) and a method', async () => {
    await sandbox.faults.set({ kind: 'error', path: '/pts/v2/reversals' });
    expect((await authorize()).status).toBe(201);
    const reversal = await send(sandbox, 'POST', '/pts/v2/reversals', { clientReferenceInformation: { transactionId: 'x' } });
    expect(reversal.status).toBe(502);
    await sandbox.faults.set({ kind: 'error', path: /\/captures$/, method: 'POST' });
    const auth = await authorize();
    expect((await send(sandbox, 'POST', `/pts/v2/payments/${auth.body.id}/captures`, { orderInformation: { amountDetails: { totalAmount: '1.00' } } })).status).toBe(502);
    expect((await send(sandbox, 'GET', `/tss/v2/transactions/${auth.body.id}`)).status).toBe(200);
  });

  it('clears faults', async () => {
    await sandbox.faults.set({ kind: 'hang' });
    await sandbox.faults.clear();
    expect((await authorize()).status).toBe(201);
  });

  it('closes even while a request hangs', async () => {
    await sandbox.faults.set({ kind: 'hang' });
    const body = JSON.stringify(authorizationBody('10.00'));
    const outcome = new Promise<string>((resolve) => {
      const pending = request(`${sandbox.baseUrl}/pts/v2/payments`, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)) } });
      pending.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      pending.on('response', () => resolve('answered'));
      pending.on('finish', () => void sandbox.close());
      pending.end(body);
    });
    expect(await outcome).toMatch(/ECONNRESET|socket hang up/);
  });
});
