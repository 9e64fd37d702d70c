import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../../main/payments/journal/journal';
import { latestVersion, migrate, migrations, schemaVersion } from '../../../main/payments/journal/migrations';
import { useJournals } from './journal-fixture';

const journals = useJournals();
const t0 = Date.parse('2026-11-20T10:00:00.000Z');
const fingerprint = 'a'.repeat(64);

/** Rows a journal of that version could hold, written with that version's columns only. */
const seeds: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.exec(`
      INSERT INTO orders (id, kind, state, currency, amount_minor, authorized_minor, captured_minor, operator_id, created_at, updated_at)
        VALUES ('S-1', 'sale', 'paid', 'USD', 1250, 1250, 1250, 'op-1', ${t0}, ${t0}),
               ('P-1', 'pre-auth', 'authorized', 'USD', 5000, 5000, 0, 'op-1', ${t0}, ${t0});
      INSERT INTO tabs (id, guest_name, room, nights, nightly_rate_minor, incidentals_minor, headroom_minor, currency, held_minor, folio_minor,
          state, card_on_file, instrument_identifier_id, masked_pan, card_brand, authorization_gateway_id, operator_id, opened_at, updated_at)
        VALUES ('TAB-1', 'Ada Lovelace', '101', 2, 15000, 10000, 5000, 'USD', 40000, 5000, 'open', 1, '7010000000016241111', '•••• 1111', 'visa',
          '6461731521426399003473', 'op-1', ${t0}, ${t0});
      INSERT INTO tab_charges (tab_id, category, amount_minor, note, operator_id, created_at) VALUES ('TAB-1', 'minibar', 5000, 'two waters', 'op-1', ${t0});
      INSERT INTO split_sessions (id, currency, total_minor, paid_minor, state, expires_at, operator_id, created_at, updated_at)
        VALUES ('SPLIT-1', 'USD', 10000, 6000, 'open', ${t0 + 600_000}, 'op-1', ${t0}, ${t0});
      INSERT INTO attempts (id, transaction_id, kind, order_id, tab_id, session_id, parent_id, currency, amount_minor, approved_minor, masked_pan,
          card_brand, entry_mode, status, gateway_id, approval_code, operator_id, created_at, updated_at) VALUES
        (1, 'T-sale', 'sale', 'S-1', NULL, NULL, NULL, 'USD', 1250, 1250, '•••• 1111', 'visa', 'swiped', 'approved', '6461731521426399000001', '831000', 'op-1', ${t0}, ${t0}),
        (2, 'T-auth', 'authorize', 'P-1', NULL, NULL, NULL, 'USD', 5000, 5000, '•••• 4444', 'mastercard', 'contact', 'approved', '6461731521426399000002', '831001', 'op-1', ${t0}, ${t0}),
        (3, 'T-tab', 'authorize', NULL, 'TAB-1', NULL, NULL, 'USD', 40000, 40000, '•••• 1111', 'visa', 'contact', 'approved', '6461731521426399003473', '831002', 'op-1', ${t0}, ${t0}),
        (4, 'T-split', 'sale', NULL, NULL, 'SPLIT-1', NULL, 'USD', 10000, 6000, '•••• 0001', 'visa', 'swiped', 'partially-approved', '6461731521426399000004', '831003', 'op-1', ${t0}, ${t0}),
        (5, 'T-pending', 'capture', 'P-1', NULL, NULL, 2, 'USD', 5000, NULL, '•••• 4444', 'mastercard', 'contact', 'pending', NULL, NULL, 'op-1', ${t0 + 1}, ${t0 + 1});
      INSERT INTO tenders (session_id, kind, attempt_id, amount_minor, state, operator_id, created_at, updated_at)
        VALUES ('SPLIT-1', 'card', 4, 6000, 'authorized', 'op-1', ${t0}, ${t0});
    `);
  },
  2: (db) => {
    db.exec(`
      UPDATE attempts SET card_fingerprint = '${fingerprint}' WHERE id = 1;
      INSERT INTO idempotency_keys (key, state, result_json, created_at, finished_at) VALUES ('K-1', 'done', '{"approved":true}', ${t0}, ${t0});
      INSERT INTO card_declines (card_fingerprint, attempt_id, insight_category, declined_at) VALUES ('${fingerprint}', 1, '02', ${t0});
      INSERT INTO pin_guards (scope, failures, locked_until, last_failure_at) VALUES ('mgr-1', 2, NULL, ${t0});
    `);
  },
};

function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
}

describe('journal migrations', () => {
  it('numbers migrations 1, 2, 3… with no gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(latestVersion).toBe(migrations.length);
  });

  it('creates the latest schema in an empty file, with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const { journal, file } = journals.open();
    expect(journal.schemaVersion).toBe(latestVersion);
    journal.close();
    const db = new Database(file);
    try {
      expect(schemaVersion(db)).toBe(latestVersion);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(tableNames(db)).toEqual(expect.arrayContaining(['attempts', 'orders', 'tabs', 'tab_charges', 'split_sessions', 'tenders', 'voids', 'refunds',
        'idempotency_keys', 'card_declines', 'pin_guards', 'attempts_voidable', 'attempts_unresolved', 'manager_approvals', 'manager_approvals_by_time',
        'till_sessions', 'z_reports', 'attempts_by_till_session',
        'attempts_history_by_time', 'attempts_history_by_card', 'attempts_history_by_amount', 'attempts_history_by_approval', 'attempts_history_by_operator']));
    } finally {
      db.close();
    }
  });

  it('sets its pragmas on every connection it opens', () => {
    const { journal, file } = journals.open();
    journal.close();
    const reopened = journals.open(file).journal;
    expect(reopened.schemaVersion).toBe(latestVersion);
    expect(reopened.connectionSettings()).toEqual({ journalMode: 'wal', synchronous: 'FULL', foreignKeys: true, busyTimeoutMs: 5000 });
  });

  for (let start = 1; start < latestVersion; start++) {
    it(`upgrades a version ${start} journal with its data to version ${latestVersion}`, () => {
      const file = join(journals.folder(), `v${start}.sqlite`);
      const db = new Database(file);
      for (let version = 1; version <= start; version++) {
        migrate(db, version);
        seeds[version]?.(db);
      }
      expect(schemaVersion(db)).toBe(start);
      db.close();

      const { journal } = journals.open(file);
      expect(journal.schemaVersion).toBe(latestVersion);
      expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
      expect(journal.order('S-1')).toMatchObject({ state: 'paid', capturedMinor: 1250 });
      expect(journal.openPreAuths().map((order) => order.id)).toEqual(['P-1']);
      expect(journal.openTabs()).toEqual([expect.objectContaining({ id: 'TAB-1', heldMinor: 40000, folioMinor: 5000, instrumentIdentifierId: '7010000000016241111' })]);
      expect(journal.tabCharges('TAB-1')).toEqual([expect.objectContaining({ category: 'minibar', amountMinor: 5000, note: 'two waters' })]);
      expect(journal.splitSession('SPLIT-1')).toMatchObject({ paidMinor: 6000, balanceDueMinor: 4000, state: 'open' });
      expect(journal.tenders('SPLIT-1')).toEqual([expect.objectContaining({ kind: 'card', amountMinor: 6000, transactionId: 'T-split' })]);
      expect(journal.history({ orderId: 'P-1' }).map((attempt) => [attempt.transactionId, attempt.status, attempt.parentTransactionId])).toEqual([
        ['T-auth', 'approved', null],
        ['T-pending', 'pending', 'T-auth'],
      ]);
      expect(journal.unresolvedAttempts().map((attempt) => attempt.transactionId)).toEqual(['T-pending']);
      expect(journal.voidableCaptures({ fromMs: t0, toMs: t0 + 86_400_000 }).map((row) => row.transactionId)).toEqual(['T-sale']);
      // The old rows work with the new code: settle the pending capture now.
      journal.settleAttempt('T-pending', { status: 'approved', gatewayId: '6461731521426399000005' });
      expect(journal.order('P-1')).toMatchObject({ state: 'paid', capturedMinor: 5000 });
      // Version 4: manager approvals start empty and are journaled from the first attempt on.
      const everything = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
      expect(journal.managerApprovals(everything)).toEqual([]);
      journal.atomically(() => {
        const guard = journal.recordPinFailure('manager/mgr-1', { maxFailures: 5, lockoutMs: 300_000 });
        journal.recordManagerApproval({ action: 'void', subject: 'T-sale', operatorId: 'op-1', managerId: 'mgr-1', verdict: 'wrong-pin', failures: guard.failures, lockedUntilMs: null });
      });
      expect(journal.managerApprovals(everything)).toEqual([expect.objectContaining({ subject: 'T-sale', operatorId: 'op-1', managerId: 'mgr-1', verdict: 'wrong-pin', failures: 1 })]);
      // Version 5: the offline queue starts empty, old orders are not offline, and a sale can be queued on an old order.
      expect(journal.offlineQueueTotals()).toMatchObject({ count: 0, amountMinor: 0, exceptions: 0 });
      expect(journal.offlineDayTotals(everything)).toEqual([]);
      const queued = journal.enqueueOfflineSale({
        orderId: 'S-1',
        amountMinor: 1250,
        currency: 'USD',
        card: { maskedPan: '•••• 1111', brand: 'visa', entryMode: 'swiped', fingerprint },
        operatorId: 'op-1',
        sealedCard: Buffer.alloc(40, 7),
      });
      expect(journal.sealedCardOf(queued.id)).toEqual(Buffer.alloc(40, 7));
      journal.finishOfflineSale(queued.id, { state: 'forwarded', gatewayId: '6461731521426399000009', approvalCode: null });
      expect(journal.sealedCardOf(queued.id)).toBeUndefined();
      // Version 7: the history's indexes cover the old rows (authorizations are not listed).
      const listed = (criteria: Omit<Parameters<typeof journal.searchHistory>[0], 'limit'>) => journal.searchHistory({ ...criteria, limit: 10 }).map((row) => row.transactionId);
      expect(listed({ window: { fromMs: t0, toMs: t0 + 86_400_000 } })).toEqual(['T-pending', 'T-split', 'T-sale']);
      expect(listed({ last4: '1111' })).toEqual(['T-sale']);
      expect(listed({ approvalCode: '831000', amountMinor: 1250, operatorId: 'op-1' })).toEqual(['T-sale']);
      // Version 6: the rows from before till sessions belong to one implicit session, open, so the first close takes them in.
      expect(journal.openTillSession()).toMatchObject({ id: 1, implicit: true, floatMinor: 0, openedAtMs: t0, currency: 'USD' });
      expect(journal.tillSessionAttempts(1).map((attempt) => attempt.transactionId)).toEqual(['T-sale', 'T-auth', 'T-tab', 'T-split', 'T-pending']);
      expect(journal.zReports()).toEqual([]);
      journal.closeTill({ sessionId: 1, operatorId: 'op-1', managerId: 'mgr-1', countedMinor: 0, lastAttemptId: 5, report: (number) => ({ number }) });
      expect(journal.zReport(1)).toMatchObject({ number: 1, tillSessionId: 1 });
      expect(journal.voidableCaptures({ fromMs: t0, toMs: t0 + 86_400_000 })).toEqual([]);
      expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
    });
  }

  it('keeps version 2 safeguards through the upgrade', async () => {
    const file = join(journals.folder(), 'v2.sqlite');
    const db = new Database(file);
    migrate(db, 1);
    seeds[1]?.(db);
    migrate(db, 2);
    seeds[2]?.(db);
    db.close();
    const { journal } = journals.open(file);
    expect(await journal.withIdempotency('K-1', () => ({ approved: false }))).toEqual({ approved: true });
    expect(journal.declineCount(fingerprint, t0)).toEqual({ total: 1, category01: 0 });
    expect(journal.pinGuardState('mgr-1')).toEqual({ failures: 2, lockedUntilMs: null });
    expect(journal.attempt('T-sale')?.cardFingerprint).toBe(fingerprint);
  });

  it('refuses a journal written by a newer Counter, and leaves it untouched', () => {
    const file = join(journals.folder(), 'future.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion + 1}`);
    db.close();
    expect(() => openJournal(file)).toThrow(expect.objectContaining({ code: 'SCHEMA_TOO_NEW' }));
    const after = new Database(file);
    expect(schemaVersion(after)).toBe(latestVersion + 1);
    after.close();
  });

  it('rolls a failing migration back whole: version, tables and all', () => {
    const file = join(journals.folder(), 'broken.sqlite');
    const db = new Database(file);
    const first = migrations[0];
    if (!first) throw new Error('no migrations');
    const list = [first, { version: 2, name: 'half done', sql: `CREATE TABLE half (a INTEGER); INSERT INTO missing VALUES (1);` }];
    const foreignKeysBefore = db.pragma('foreign_keys', { simple: true });
    expect(() => migrate(db, 2, list)).toThrow(/no such table: missing/);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('half');
    // Foreign keys were off while it ran; the connection gets its own setting back.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(foreignKeysBefore);
    db.close();
  });

  it('does nothing when already at the target version', () => {
    const { journal, file } = journals.open();
    journal.close();
    const db = new Database(file);
    expect(migrate(db)).toEqual({ from: latestVersion, to: latestVersion });
    db.close();
  });
});
