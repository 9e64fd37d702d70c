import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { killAfterSignal } from '../../support/kill-child';
import { useJournals } from './journal-fixture';

const journals = useJournals();
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

function killAfter(file: string, mode: 'pending' | 'busy', signal: string, graceMs = 0): Promise<NodeJS.Signals | null> {
  return killAfterSignal(child, [file, mode], signal, graceMs);
}

describe('a crash mid-request', () => {
  it('leaves every attempt written before its request as unresolved, and nothing else changed', async () => {
    const file = `${journals.folder()}/journal.sqlite`;
    expect(await killAfter(file, 'pending', 'recorded')).toBe('SIGKILL');

    const { journal } = journals.open(file);
    expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
    expect(journal.unresolvedAttempts().map((attempt) => [attempt.transactionId, attempt.kind, attempt.status, attempt.parentTransactionId])).toEqual([
      ['T-sale', 'sale', 'pending', null],
      ['T-capture', 'capture', 'pending', 'T-auth'],
      ['T-increment', 'incremental', 'pending', 'T-open'],
      ['T-void', 'void', 'pending', 'T-paid'],
    ]);
    expect(journal.order('S-1')?.state).toBe('open');
    expect(journal.order('P-1')).toMatchObject({ state: 'authorized', capturedMinor: 0 });
    expect(journal.tab('TAB-1')).toMatchObject({ state: 'open', heldMinor: 40000 });
    expect(journal.order('S-paid')?.state).toBe('paid');
    // Recovery can settle them now: the journal picks up where the dead process left off.
    journal.settleAttempt('T-void', { status: 'unknown', message: 'no response before the crash' });
    journal.recordAttemptPending({ transactionId: 'T-undo', kind: 'timeout-void', owner: { orderId: 'S-paid' }, amountMinor: 1500, currency: 'USD', operatorId: 'recovery', parentTransactionId: 'T-void' });
    journal.settleAttempt('T-undo', { status: 'approved', gatewayId: 'G-undo' });
    expect(journal.attempt('T-void')?.status).toBe('resolved');
    expect(journal.order('S-paid')?.state).toBe('paid');
  });

  it('keeps every committed sale whole when killed in the middle of a stream of writes', async () => {
    const file = `${journals.folder()}/journal.sqlite`;
    expect(await killAfter(file, 'busy', 'busy', 150)).toBe('SIGKILL');

    const { journal } = journals.open(file);
    expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
    journal.close();
    const db = new Database(file, { readonly: true });
    try {
      const counts = db.prepare(`SELECT count(*) AS orders, sum(state = 'paid') AS paid FROM orders`).get() as { orders: number; paid: number };
      expect(counts.orders).toBeGreaterThanOrEqual(100);
      // The attempt's status and the order's state were written in one transaction: they always agree.
      const disagreeing = db
        .prepare(
          `SELECT o.id, o.state, a.status FROM orders o LEFT JOIN attempts a ON a.order_id = o.id
           WHERE NOT ((o.state = 'paid' AND a.status = 'approved' AND o.captured_minor = a.approved_minor)
                   OR (o.state = 'open' AND (a.status IS NULL OR a.status = 'pending')))`,
        )
        .all();
      expect(disagreeing).toEqual([]);
      const unfinished = db.prepare(`SELECT count(*) FROM orders WHERE state = 'open'`).pluck().get() as number;
      expect(unfinished).toBeLessThanOrEqual(1);
      expect(counts.paid).toBe(counts.orders - unfinished);
    } finally {
      db.close();
    }
  });
});
