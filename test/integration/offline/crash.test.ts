import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cards, charged, eventually, expectSealedCardsGone, newKey, useOffline, valueOf, type OfflineRig } from './offline-fixture';

const offline = useOffline();
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Runs the crash child and SIGKILLs it once `when` holds. */
async function killWhen(rig: OfflineRig, args: string[], when: () => boolean): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, rig.offlineContext.journal.filePath, rig.sandbox.baseUrl, rig.secretsService, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  try {
    await eventually(() => when() || output.includes('finished') || output.includes('failed'), 20_000);
  } finally {
    proc.kill('SIGKILL');
  }
  expect(await exited, output).toBe('SIGKILL');
  expect(output).not.toContain('finished');
  return output;
}

/** What the file says, read over a second connection: orders marked offline without a queue row, rows holding card data after a final outcome. */
function orphans(file: string): { markedWithoutRow: number; sealedAfterFinal: number } {
  const db = new Database(file, { readonly: true });
  try {
    const markedWithoutRow = (db.prepare(`SELECT count(*) AS n FROM orders WHERE offline = 1 AND id NOT IN (SELECT order_id FROM offline_sales)`).get() as { n: number }).n;
    const sealedAfterFinal = (db.prepare(`SELECT count(*) AS n FROM offline_sales WHERE state <> 'queued' AND sealed_card IS NOT NULL`).get() as { n: number }).n;
    return { markedWithoutRow, sealedAfterFinal };
  } finally {
    db.close();
  }
}

/** After the restart's drain: the queue is empty, each offline order has exactly one live sale at the sandbox, and nothing is unresolved. */
function expectAgreement(rig: OfflineRig, orderIds: string[]): void {
  const { journal } = rig.offlineContext;
  expect(journal.queuedOfflineSales()).toEqual([]);
  expect(journal.unresolvedAttempts()).toEqual([]);
  const live = rig.sandbox.transactions().filter((entry) => entry.kind === 'sale' && entry.capturedMinor > 0);
  expect(live.map((entry) => entry.clientReferenceCode).sort()).toEqual([...orderIds].sort());
  for (const orderId of orderIds) {
    const row = journal.offlineSaleOfOrder(orderId);
    expect(row).toMatchObject({ state: 'forwarded' });
    expect(journal.sealedCardOf(row?.id ?? 0)).toBeUndefined();
    expect(journal.order(orderId)).toMatchObject({ state: 'paid' });
  }
  expect(orphans(journal.filePath)).toEqual({ markedWithoutRow: 0, sealedAfterFinal: 0 });
  expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
}

describe('offline crash safety (SIGKILL, restart)', () => {
  it('during enqueue: every queued sale is whole (its card opens), none is half-written, and each is forwarded once', async () => {
    const rig = await offline.start();
    const { journal } = rig.offlineContext;
    await rig.sandbox.faults.set({ kind: 'refuse' });
    await killWhen(rig, ['sell', '500'], () => journal.offlineQueueTotals().count >= 12);

    const queued = journal.queuedOfflineSales();
    expect(queued.length).toBeGreaterThanOrEqual(12);
    for (const row of queued) {
      const sealed = journal.sealedCardOf(row.id);
      if (!sealed) throw new Error(`row ${row.id} has no card`);
      const payment = JSON.parse((await rig.service.sealer.open(sealed, row.orderId)).toString('utf8')) as { pointOfSale?: { trackData?: string } };
      expect(payment.pointOfSale?.trackData).toMatch(/^;4111111111111111=/);
    }
    expect(orphans(journal.filePath)).toEqual({ markedWithoutRow: 0, sealedAfterFinal: 0 });

    await rig.sandbox.faults.clear();
    await rig.health.probeNow();
    await rig.service.forwarder.drain();
    expectAgreement(rig, queued.map((row) => row.orderId));
  }, 60_000);

  it('between the forward being sent and its result being written: the forward is reversed, resent once, and nothing is charged twice', async () => {
    const rig = await offline.start();
    const { journal } = rig.offlineContext;
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const result = valueOf(await rig.sell('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 2750, cardHandle: rig.swipe(cards.visa) }));
    if (result.outcome !== 'approved') throw new Error(result.outcome);
    await rig.sandbox.faults.clear();
    await rig.sandbox.faults.set({ kind: 'hang', processed: true, times: 1, path: '/pts/v2/payments' });
    await killWhen(rig, ['drain'], () => journal.unresolvedAttempts().some((row) => row.kind === 'sale' && row.status === 'pending') && rig.sandbox.transactions().length === 1);
    // The child died with the forward charged at the gateway and no answer stored.
    expect(charged(rig.sandbox)).toHaveLength(1);
    const [lost] = journal.unresolvedAttempts();

    await rig.sandbox.faults.clear();
    await rig.service.forwarder.drain();
    expectAgreement(rig, [result.receipt.orderId]);
    expect(rig.sandbox.transactions().filter((entry) => entry.clientTransactionId === lost?.transactionId).map((entry) => [entry.kind, entry.state])).toEqual([
      ['sale', 'reversed'],
      ['reversal', 'reversed'],
    ]);
    expect(charged(rig.sandbox)).toEqual([{ kind: 'sale', capturedMinor: 2750, cardSuffix: '1111' }]);
  }, 60_000);

  it('in the middle of a drain (forwards, result writes and wipes under way): the restart finishes it with one sale per order', async () => {
    const rig = await offline.start({ policy: { perCardLimit: 100, outstandingLimitMinor: 1_000_000 } });
    const { journal } = rig.offlineContext;
    await rig.sandbox.faults.set({ kind: 'refuse' });
    const orderIds: string[] = [];
    for (let index = 0; index < 40; index++) {
      const result = valueOf(await rig.sell('sale.charge', { idempotencyKey: newKey(), operatorId: 'op-1', amountMinor: 1000 + index, cardHandle: rig.swipe(cards.visa) }));
      if (result.outcome !== 'approved') throw new Error(result.outcome);
      orderIds.push(result.receipt.orderId);
    }
    const sealed = journal.queuedOfflineSales().map((row) => journal.sealedCardOf(row.id) ?? Buffer.alloc(0));
    await rig.sandbox.faults.clear();
    await killWhen(rig, ['drain'], () => rig.sandbox.transactions().length >= 10);
    const forwardedBefore = journal.offlineQueueTotals().count;
    expect(forwardedBefore).toBeLessThan(40);

    await rig.service.forwarder.drain();
    expectAgreement(rig, orderIds);
    expectSealedCardsGone(journal.filePath, sealed);
  }, 60_000);
});
