/**
 * The journal: one SQLite file holding every gateway attempt and the business objects above
 * them (orders, tabs, split-tender sessions, voids, refunds), the safeguards (idempotency
 * keys, decline counts, PIN lockouts) and every manager PIN attempt.
 *
 * WAL with synchronous=FULL: a transaction that returned is on disk, and a crash at any moment
 * leaves the last committed state. Every write is one transaction; `atomically` groups several.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { attemptRecords } from './attempts';
import { createJournalContext } from './journal-context';
import { managerApprovalRecords } from './manager-approvals';
import { migrate } from './migrations';
import { offlineSaleRecords } from './offline-sales';
import { orderRecords } from './orders';
import { reportQueries } from './reports';
import { safeguardRecords } from './safeguards';
import { splitSessionRecords } from './split-sessions';
import { tabRecords } from './tabs';
import { tillSessionRecords } from './till-sessions';
import { historyQueries } from './transaction-history';

export interface JournalOptions {
  /** Stamps every row; tests pass a fixed or stepping clock. */
  clock?: () => Date;
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

type AttemptRecords = ReturnType<typeof attemptRecords>;
type OrderRecords = ReturnType<typeof orderRecords>;
type TabRecords = ReturnType<typeof tabRecords>;
type SplitSessionRecords = ReturnType<typeof splitSessionRecords>;
type SafeguardRecords = ReturnType<typeof safeguardRecords>;
type ReportQueries = ReturnType<typeof reportQueries>;
type ManagerApprovalRecords = ReturnType<typeof managerApprovalRecords>;
type OfflineSaleRecords = ReturnType<typeof offlineSaleRecords>;
type TillSessionRecords = ReturnType<typeof tillSessionRecords>;
type HistoryQueries = ReturnType<typeof historyQueries>;

export interface Journal
  extends AttemptRecords, OrderRecords, TabRecords, SplitSessionRecords, SafeguardRecords, ReportQueries, ManagerApprovalRecords, OfflineSaleRecords, TillSessionRecords, HistoryQueries {
  readonly filePath: string;
  /** The schema version after opening: always the latest this build knows. */
  readonly schemaVersion: number;
  /** Runs several journal writes as one transaction (they nest as savepoints). `fn` must be synchronous. */
  atomically<T>(fn: () => T): T;
  /** The connection's durability settings as SQLite reports them, for diagnostics. */
  connectionSettings(): { journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'; foreignKeys: boolean; busyTimeoutMs: number };
  /** SQLite's integrity and foreign-key checks; `ok` when both find nothing. */
  checkIntegrity(): { ok: boolean; problems: string[] };
  /**
   * Copies the WAL into the file and empties it, so page images written before a wipe (a sealed
   * card, say) are gone from the WAL as well; with `secure_delete` the wiped bytes are zeroes in
   * the file. Outside any transaction.
   */
  flushWipes(): void;
  close(): void;
}

export function openJournal(filePath: string, options: JournalOptions = {}): Journal {
  // Owner-only before SQLite opens it: its WAL and shared-memory files take the same mode.
  closeSync(openSync(filePath, 'a', 0o600));
  chmodSync(filePath, 0o600);
  const db = new Database(filePath);
  let schemaVersion: number;
  try {
    // The busy timeout first, so the pragmas below wait for another connection instead of failing.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the journal needs WAL mode, SQLite gave ${String(mode)}`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted and overwritten content is zeroed, not left in free space: sealed card data must be unrecoverable once wiped (PCI DSS 3.3.1).
    db.pragma('secure_delete = ON');
    schemaVersion = migrate(db).to;
    // A crash between a wipe and its flush left old page images in the WAL: empty it before anything else.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    db.close();
    throw error;
  }
  const ctx = createJournalContext(db, options.clock ?? (() => new Date()));
  return {
    filePath,
    schemaVersion,
    ...attemptRecords(ctx),
    ...orderRecords(ctx),
    ...tabRecords(ctx),
    ...splitSessionRecords(ctx),
    ...safeguardRecords(ctx),
    ...reportQueries(ctx),
    ...managerApprovalRecords(ctx),
    ...offlineSaleRecords(ctx),
    ...tillSessionRecords(ctx),
    ...historyQueries(ctx),
    atomically: <T>(fn: () => T): T => ctx.write('journal transaction', fn),
    connectionSettings() {
      const synchronousNames = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;
      return {
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: synchronousNames[Number(db.pragma('synchronous', { simple: true }))] ?? 'OFF',
        foreignKeys: Number(db.pragma('foreign_keys', { simple: true })) === 1,
        busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
      };
    },
    checkIntegrity() {
      const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
      const foreignKeys = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      const problems = [
        ...integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok'),
        ...foreignKeys.map((row) => `${row.table} row ${row.rowid} refers to a missing ${row.parent}`),
      ];
      return { ok: problems.length === 0, problems };
    },
    flushWipes() {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close() {
      if (!db.open) return;
      db.pragma('optimize');
      db.close();
    },
  };
}
