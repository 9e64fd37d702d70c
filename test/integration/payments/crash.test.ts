import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttemptKind } from '../../../main/payments/journal/records';
import type { Journal } from '../../../main/payments/journal/journal';
import type { SandboxGateway } from '../../../main/sandbox/gateway-server';
import { cards, charged, errorOf, newKey, usePayments, valueOf } from './payments-fixture';

const payments = usePayments();
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Polls until `ready` holds (no blind sleeps), failing after `timeoutMs`. */
async function until(what: string, ready: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A peer that takes the request and never answers, like a link that died on the way: the request
 * left the terminal but never reached the gateway. `received` turns true once bytes arrive.
 */
async function blackHole(): Promise<{ url: string; received: () => boolean; close(): Promise<void> }> {
  let received = false;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => (received = true));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received: () => received,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Runs the child's sale or capture and SIGKILLs it after the attempt row is in the journal file
 * and the request has gone out, before any answer can be stored. `processed`: the sandbox records
 * the request and hangs (the charge happened, the answer was lost); otherwise the request goes to
 * a black hole and never reaches the gateway.
 */
async function crashMidRequest(
  options: { journal: Journal; sandbox: SandboxGateway; processed: boolean; kind: AttemptKind; path: RegExp; args: string[] },
): Promise<void> {
  const { journal, sandbox, processed, kind, path, args } = options;
  const before = sandbox.transactions().length;
  const hole = processed ? undefined : await blackHole();
  if (processed) await sandbox.faults.set({ kind: 'hang', processed: true, times: 1, path });
  const proc = spawn(process.execPath, ['--import', 'tsx', child, journal.filePath, hole?.url ?? sandbox.baseUrl, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  try {
    await until(`a pending ${kind} attempt in the journal file (child said: ${output})`, () => journal.unresolvedAttempts().some((row) => row.kind === kind && row.status === 'pending'));
    if (hole) await until('the request to leave the terminal', hole.received);
    else await until('the sandbox to record the request', () => sandbox.transactions().length > before);
  } finally {
    proc.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toContain('finished');
  await hole?.close();
}

describe('a crash between the attempt row and the stored response', () => {
  for (const processed of [true, false]) {
    it(`sale ${processed ? 'that reached the gateway' : 'that never reached it'}: after restart exactly none stays charged, and the journal agrees`, async () => {
      const harness = await payments.start();
      const idempotencyKey = newKey();
      await crashMidRequest({ journal: harness.context.journal, sandbox: harness.sandbox, processed, kind: 'sale', path: /^\/pts\/v2\/payments$/, args: [idempotencyKey, 'sale', '4321'] });
      const [pending] = harness.context.journal.unresolvedAttempts();
      if (!pending) throw new Error('no pending sale');
      expect(harness.sandbox.transactions()).toHaveLength(processed ? 1 : 0);

      const { context, call } = harness.restart();
      // Until recovery has finished, no new money moves.
      expect(errorOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 100, cardHandle: harness.swipe(cards.visa) })).code).toBe('RECOVERY_PENDING');
      const report = valueOf(await call('recovery.run'));
      expect(report).toMatchObject({
        state: 'finished',
        items: [{ transactionId: pending.transactionId, kind: 'sale', amountMinor: 4321, action: 'timeout-reversal', result: processed ? 'undone' : 'never-happened' }],
      });
      expect(valueOf(await call('recovery.report'))).toEqual(report);

      expect(charged(harness.sandbox)).toEqual([]);
      if (processed) expect(harness.sandbox.transactions().map((entry) => [entry.kind, entry.state])).toEqual([['sale', 'reversed'], ['reversal', 'reversed']]);
      expect(context.journal.unresolvedAttempts()).toEqual([]);
      expect(context.journal.attempt(pending.transactionId)).toMatchObject({ status: 'resolved' });
      expect(context.journal.order(pending.reference)).toMatchObject({ state: 'cancelled', capturedMinor: 0 });

      // The interrupted call's key never sends again; a new key charges once.
      expect(errorOf(await call('sale.charge', { idempotencyKey, operatorId: 'op-crash', amountMinor: 4321, cardHandle: harness.swipe(cards.visa) })).code).toBe('IN_DOUBT');
      expect(valueOf(await call('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 4321, cardHandle: harness.swipe(cards.visa) }))).toMatchObject({ outcome: 'approved' });
      expect(charged(harness.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 4321, cardSuffix: '1111' }]);
    });
  }

  it('capture of a pre-auth: recovery voids the lost capture, the hold stays, and capturing again charges exactly once', async () => {
    const harness = await payments.start();
    const created = valueOf(await harness.call('preauth.create', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 9000, cardHandle: harness.swipe(cards.visa) }));
    if (created.outcome !== 'approved') throw new Error(created.outcome);
    const { orderId } = created.preAuth;
    await crashMidRequest({ journal: harness.context.journal, sandbox: harness.sandbox, processed: true, kind: 'capture', path: /\/captures$/, args: [newKey(), 'capture', '8500', orderId] });
    expect(charged(harness.sandbox)).toEqual([{ kind: 'capture', capturedMinor: 8500, cardSuffix: '1111' }]);

    const { context, call } = harness.restart();
    const report = valueOf(await call('recovery.run'));
    expect(report).toMatchObject({ state: 'finished', items: [{ kind: 'capture', orderId, amountMinor: 8500, action: 'timeout-void', result: 'undone' }] });
    expect(charged(harness.sandbox)).toEqual([]);
    expect(context.journal.order(orderId)).toMatchObject({ state: 'authorized', authorizedMinor: 9000, capturedMinor: 0 });

    const captured = valueOf(await call('preauth.capture', { idempotencyKey: newKey(), operatorId: 'op-1', orderId, amountMinor: 8500 }));
    expect(captured).toMatchObject({ outcome: 'captured', preAuth: { state: 'paid', capturedMinor: 8500 } });
    // Never two: one live capture at the gateway, and the journal says the same.
    expect(charged(harness.sandbox)).toEqual([{ kind: 'capture', capturedMinor: 8500, cardSuffix: '1111' }]);
    const captures = context.journal.history({ orderId }).filter((row) => row.kind === 'capture');
    expect(captures.map((row) => row.status)).toEqual(['resolved', 'approved']);
  });
});
