/**
 * The journal's schema, as numbered migrations applied in order.
 *
 * `PRAGMA user_version` holds the number of the last one applied. Each runs in its own
 * transaction together with the version bump, so a crash mid-migration leaves the previous
 * version intact. Never edit a migration that has shipped: add the next one. Tables are STRICT so
 * an amount column can only ever hold an integer.
 */
import type Database from 'better-sqlite3';
import { JournalError } from './journal-error';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const id = (column: string) => `${column} TEXT NOT NULL CHECK (length(${column}) BETWEEN 1 AND 64)`;
const money = (column: string, rule = '>= 0') => `${column} INTEGER NOT NULL CHECK (${column} ${rule})`;
const currency = `currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*')`;
const maskedPan = `masked_pan TEXT CHECK (masked_pan IS NULL OR masked_pan GLOB '•••• [0-9][0-9][0-9][0-9]')`;
const fingerprint = (column: string, nullable: boolean) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${nullable ? `${column} IS NULL OR ` : ''}(length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'))`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'payments core: orders, tabs, split tender, attempts, voids, refunds',
    sql: `
      CREATE TABLE orders (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 50),
        kind TEXT NOT NULL CHECK (kind IN ('sale', 'pre-auth', 'voice-auth', 'credit')),
        state TEXT NOT NULL DEFAULT 'open'
          CHECK (state IN ('open', 'authorized', 'paid', 'declined', 'failed', 'released', 'voided', 'refunded', 'cancelled')),
        ${currency},
        ${money('amount_minor')},
        ${money('authorized_minor')} DEFAULT 0,
        ${money('captured_minor')} DEFAULT 0,
        ${money('refunded_minor')} DEFAULT 0,
        ${id('operator_id')},
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (refunded_minor <= captured_minor)
      ) STRICT;

      CREATE TABLE tabs (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 50),
        guest_name TEXT NOT NULL CHECK (length(guest_name) BETWEEN 1 AND 120),
        room TEXT NOT NULL CHECK (length(room) BETWEEN 1 AND 20),
        nights INTEGER NOT NULL CHECK (nights > 0),
        ${money('nightly_rate_minor')},
        ${money('incidentals_minor')},
        ${money('headroom_minor')},
        ${currency},
        ${money('held_minor')} DEFAULT 0,
        ${money('folio_minor')} DEFAULT 0,
        ${money('captured_minor')} DEFAULT 0,
        ${money('late_charged_minor')} DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'opening'
          CHECK (state IN ('opening', 'open', 'flagged', 'checked-out', 'cancelled', 'declined')),
        card_on_file INTEGER NOT NULL CHECK (card_on_file IN (0, 1)),
        instrument_identifier_id TEXT,
        ${maskedPan},
        card_brand TEXT,
        authorization_gateway_id TEXT,
        flag_reason TEXT,
        ${id('operator_id')},
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        closed_at INTEGER
      ) STRICT;

      CREATE TABLE tab_charges (
        id INTEGER PRIMARY KEY,
        tab_id TEXT NOT NULL REFERENCES tabs (id),
        category TEXT NOT NULL
          CHECK (category IN ('room', 'room-service', 'minibar', 'extra-night', 'phone', 'laundry', 'damage', 'other')),
        ${money('amount_minor', '> 0')},
        note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
        ${id('operator_id')},
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tab_charges_by_tab ON tab_charges (tab_id, id);

      CREATE TABLE split_sessions (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 50),
        ${currency},
        ${money('total_minor', '> 0')},
        -- Live tenders only; the CHECK makes a tender over the balance due impossible to store.
        ${money('paid_minor')} DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'completed', 'cancelling', 'cancelled')),
        expires_at INTEGER NOT NULL,
        ${id('operator_id')},
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (paid_minor <= total_minor)
      ) STRICT;

      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        ${id('transaction_id')} UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('authorize', 'sale', 'incremental', 'capture', 'reversal', 'void', 'refund', 'credit',
          'timeout-reversal', 'timeout-void', 'forced-capture', 'verify', 'mit')),
        order_id TEXT REFERENCES orders (id),
        tab_id TEXT REFERENCES tabs (id),
        session_id TEXT REFERENCES split_sessions (id),
        parent_id INTEGER REFERENCES attempts (id),
        ${currency},
        ${money('amount_minor')},
        approved_minor INTEGER CHECK (approved_minor >= 0),
        ${maskedPan},
        card_brand TEXT,
        entry_mode TEXT CHECK (entry_mode IN ('keyed', 'swiped', 'contact', 'contactless', 'msd', 'stored')),
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'partially-approved', 'declined', 'invalid', 'failed', 'unknown', 'resolved')),
        gateway_id TEXT,
        approval_code TEXT,
        decline_reason TEXT,
        insight_category TEXT,
        message TEXT,
        -- Only for unknown or malformed outcomes, with card-number-like runs blanked.
        raw_response TEXT,
        ${id('operator_id')},
        manager_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((order_id IS NOT NULL) + (tab_id IS NOT NULL) + (session_id IS NOT NULL) = 1),
        CHECK (status NOT IN ('approved', 'partially-approved') OR approved_minor IS NOT NULL)
      ) STRICT;
      CREATE INDEX attempts_by_order ON attempts (order_id, id) WHERE order_id IS NOT NULL;
      CREATE INDEX attempts_by_tab ON attempts (tab_id, id) WHERE tab_id IS NOT NULL;
      CREATE INDEX attempts_by_session ON attempts (session_id, id) WHERE session_id IS NOT NULL;
      CREATE INDEX attempts_by_parent ON attempts (parent_id) WHERE parent_id IS NOT NULL;

      CREATE TABLE tenders (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES split_sessions (id),
        kind TEXT NOT NULL CHECK (kind IN ('card', 'cash')),
        attempt_id INTEGER UNIQUE REFERENCES attempts (id),
        ${money('amount_minor', '> 0')},
        state TEXT NOT NULL CHECK (state IN ('authorized', 'captured', 'reversed', 'recorded')),
        ${id('operator_id')},
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((kind = 'card') = (attempt_id IS NOT NULL)),
        CHECK ((kind = 'cash') = (state = 'recorded'))
      ) STRICT;
      CREATE INDEX tenders_by_session ON tenders (session_id, id);

      -- A capture, sale or refund can be voided once: the UNIQUE says so.
      CREATE TABLE voids (
        void_attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id),
        voided_attempt_id INTEGER NOT NULL UNIQUE REFERENCES attempts (id),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE refunds (
        refund_attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id),
        refunded_attempt_id INTEGER NOT NULL REFERENCES attempts (id),
        ${money('amount_minor', '> 0')},
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX refunds_by_refunded ON refunds (refunded_attempt_id);
    `,
  },
  {
    version: 2,
    name: 'safeguards: idempotency keys, decline counts per card, manager PIN lockout',
    sql: `
      ALTER TABLE attempts ADD COLUMN ${fingerprint('card_fingerprint', true)};

      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
        state TEXT NOT NULL CHECK (state IN ('started', 'done')),
        result_json TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        CHECK ((state = 'done') = (result_json IS NOT NULL))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE card_declines (
        id INTEGER PRIMARY KEY,
        ${fingerprint('card_fingerprint', false)},
        attempt_id INTEGER REFERENCES attempts (id),
        insight_category TEXT,
        declined_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX card_declines_by_card ON card_declines (card_fingerprint, declined_at);

      CREATE TABLE pin_guards (
        scope TEXT PRIMARY KEY CHECK (length(scope) BETWEEN 1 AND 64),
        failures INTEGER NOT NULL CHECK (failures >= 0),
        locked_until INTEGER,
        last_failure_at INTEGER
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'indexes for the screens: voidable today, unresolved, day totals, open tabs, sessions, pre-auths, cash',
    sql: `
      -- The query repeats these WHERE terms word for word, which is what lets SQLite use a partial index.
      CREATE INDEX attempts_voidable ON attempts (created_at)
        WHERE status = 'approved' AND kind IN ('sale', 'capture', 'forced-capture');
      CREATE INDEX attempts_unresolved ON attempts (id) WHERE status IN ('pending', 'unknown');
      CREATE INDEX attempts_by_time ON attempts (created_at);
      CREATE INDEX tabs_open ON tabs (opened_at) WHERE state IN ('opening', 'open', 'flagged');
      CREATE INDEX split_sessions_open ON split_sessions (expires_at) WHERE state IN ('open', 'cancelling');
      CREATE INDEX orders_open_pre_auths ON orders (created_at) WHERE kind = 'pre-auth' AND state = 'authorized';
      CREATE INDEX tenders_cash_by_time ON tenders (created_at) WHERE kind = 'cash';
    `,
  },
  {
    version: 4,
    name: 'manager approvals: every PIN attempt with the requesting operator and the approving manager',
    sql: `
      -- Who asked, who was asked, what for, and the answer. Deliberately no column a PIN or its hash could go in.
      CREATE TABLE manager_approvals (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
        subject TEXT CHECK (subject IS NULL OR length(subject) BETWEEN 1 AND 64),
        ${id('operator_id')},
        ${id('manager_id')},
        verdict TEXT NOT NULL CHECK (verdict IN ('granted', 'wrong-pin', 'locked-out', 'unknown-manager')),
        failures INTEGER NOT NULL CHECK (failures >= 0),
        locked_until INTEGER,
        created_at INTEGER NOT NULL,
        CHECK ((verdict = 'locked-out') = (locked_until IS NOT NULL))
      ) STRICT;
      CREATE INDEX manager_approvals_by_time ON manager_approvals (created_at);
    `,
  },
  {
    version: 5,
    name: 'offline store-and-forward: the queue of sales approved offline, sealed card data, exceptions',
    sql: `
      -- Counter's own offline marker (storeAndForwardIndicator is reporting-only): on the order and on its forward attempts.
      ALTER TABLE orders ADD COLUMN offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1));
      ALTER TABLE attempts ADD COLUMN offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1));

      CREATE TABLE offline_sales (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL UNIQUE REFERENCES orders (id),
        -- The online attempt that got no usable answer before the fallback: resolved (undone) before any forward.
        original_transaction_id TEXT REFERENCES attempts (transaction_id),
        ${currency},
        ${money('amount_minor', '> 0')},
        masked_pan TEXT NOT NULL CHECK (masked_pan GLOB '•••• [0-9][0-9][0-9][0-9]'),
        card_brand TEXT NOT NULL,
        entry_mode TEXT NOT NULL CHECK (entry_mode IN ('swiped', 'contact', 'contactless', 'msd')),
        ${fingerprint('card_fingerprint', false)},
        -- AES-256-GCM: nonce | tag | ciphertext of the card's gateway fields; NULL once the forward outcome is final.
        sealed_card BLOB,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'forwarded', 'exception', 'collected', 'written-off', 'cancelled')),
        tries INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
        next_try_at INTEGER NOT NULL,
        last_error TEXT,
        forward_transaction_id TEXT,
        gateway_id TEXT,
        approval_code TEXT,
        decline_reason TEXT,
        decline_message TEXT,
        flagged_at INTEGER,
        resolved_by TEXT,
        resolution_note TEXT CHECK (resolution_note IS NULL OR length(resolution_note) <= 200),
        ${id('operator_id')},
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Card data only while there is still something to forward.
        CHECK (state = 'queued' OR sealed_card IS NULL),
        CHECK (state <> 'queued' OR sealed_card IS NOT NULL)
      ) STRICT;
      CREATE INDEX offline_sales_queued ON offline_sales (id) WHERE state = 'queued';
      CREATE INDEX offline_sales_exceptions ON offline_sales (id) WHERE state = 'exception';
      CREATE INDEX offline_sales_by_card ON offline_sales (card_fingerprint) WHERE state = 'queued';
      CREATE INDEX offline_sales_by_time ON offline_sales (created_at);
    `,
  },
  {
    version: 6,
    name: 'till sessions: the day opened with a float and closed with a cash count, every attempt and cash tender stamped, numbered Z reports',
    sql: `
      CREATE TABLE till_sessions (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        ${currency},
        ${money('float_minor')},
        -- Opened by the first money movement with nobody having opened the till: a zero float, said on the Day screen.
        implicit INTEGER NOT NULL CHECK (implicit IN (0, 1)),
        ${id('opened_by')},
        opened_at INTEGER NOT NULL,
        closed_by TEXT CHECK (closed_by IS NULL OR length(closed_by) BETWEEN 1 AND 64),
        approved_by TEXT CHECK (approved_by IS NULL OR length(approved_by) BETWEEN 1 AND 64),
        closed_at INTEGER,
        expected_minor INTEGER,
        counted_minor INTEGER CHECK (counted_minor IS NULL OR counted_minor >= 0),
        CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND approved_by IS NOT NULL
          AND expected_minor IS NOT NULL AND counted_minor IS NOT NULL))
      ) STRICT;
      -- One journal is one terminal: at most one session open at a time.
      CREATE UNIQUE INDEX till_sessions_one_open ON till_sessions (state) WHERE state = 'open';

      ALTER TABLE attempts ADD COLUMN till_session_id INTEGER REFERENCES till_sessions (id);
      ALTER TABLE tenders ADD COLUMN till_session_id INTEGER REFERENCES till_sessions (id);
      CREATE INDEX attempts_by_till_session ON attempts (till_session_id, id);
      CREATE INDEX tenders_by_till_session ON tenders (till_session_id, id) WHERE kind = 'cash';

      -- Rows from before till sessions belong to a first, implicit one, still open: the first close takes them in.
      INSERT INTO till_sessions (state, currency, float_minor, implicit, opened_by, opened_at)
        SELECT 'open', currency, 0, 1, operator_id, created_at
        FROM (SELECT currency, operator_id, created_at FROM attempts
              UNION ALL SELECT s.currency, t.operator_id, t.created_at FROM tenders t JOIN split_sessions s ON s.id = t.session_id)
        ORDER BY created_at LIMIT 1;
      UPDATE attempts SET till_session_id = (SELECT id FROM till_sessions);
      UPDATE tenders SET till_session_id = (SELECT id FROM till_sessions);

      -- The Z number is the primary key, given in the same transaction that closes the session: a
      -- crash before the commit leaves no number used, and the triggers keep the sequence gapless and unchanged.
      CREATE TABLE z_reports (
        number INTEGER PRIMARY KEY CHECK (number > 0),
        till_session_id INTEGER NOT NULL UNIQUE REFERENCES till_sessions (id),
        report_json TEXT NOT NULL CHECK (json_valid(report_json)),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER z_reports_gapless BEFORE INSERT ON z_reports
        WHEN NEW.number <> (SELECT coalesce(max(number), 0) + 1 FROM z_reports)
        BEGIN SELECT RAISE(ABORT, 'Z report numbers run 1, 2, 3… without gaps'); END;
      CREATE TRIGGER z_reports_unchanged BEFORE UPDATE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'a Z report never changes'); END;
      CREATE TRIGGER z_reports_kept BEFORE DELETE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
    `,
  },
  {
    version: 7,
    name: 'transaction history: one index per search criterion, over the kinds the history lists',
    sql: `
      -- The history query repeats this kind term word for word, which is what lets SQLite use these partial indexes;
      -- created_at second in each, so one card's or one operator's rows come out newest first without a sort.
      CREATE INDEX attempts_history_by_time ON attempts (created_at)
        WHERE kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund');
      CREATE INDEX attempts_history_by_card ON attempts (masked_pan, created_at)
        WHERE kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund');
      CREATE INDEX attempts_history_by_amount ON attempts (coalesce(approved_minor, amount_minor), created_at)
        WHERE kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund');
      CREATE INDEX attempts_history_by_approval ON attempts (approval_code, created_at)
        WHERE kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund');
      CREATE INDEX attempts_history_by_operator ON attempts (operator_id, created_at)
        WHERE kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund');
    `,
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the file from its version up to `target` (the latest unless a test asks for an earlier
 * one; `list` is replaceable for the runner's own tests). Foreign keys are off while a migration runs, as SQLite's table-rebuild recipe requires,
 * and checked before each commit instead.
 */
export function migrate(db: Database.Database, target = latestVersion, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const known = list.at(-1)?.version ?? 0;
  if (from > known) {
    throw new JournalError('SCHEMA_TOO_NEW', `journal schema version ${from} is newer than this Counter knows (${known})`);
  }
  const pending = list.filter((migration) => migration.version > from && migration.version <= target);
  if (pending.length === 0) return { from, to: from };
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of pending) {
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.version} (${migration.name}) broke ${broken.length} foreign keys`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { from, to: schemaVersion(db) };
}
