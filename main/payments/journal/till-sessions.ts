/**
 * Till sessions: the terminal's day, opened with a float (cash in the drawer) and closed by a
 * manager with a cash count. Every attempt and cash tender is stamped with the session open when
 * it was written; with none open, the first money movement opens one with a zero float, so a
 * cashier is never blocked. Closing stores the numbered Z report in the same transaction.
 */
import type { CurrencyCode } from '../../../preload/currency';
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import { attemptSelect } from './attempts';
import type { AttemptRow } from './records';
import { checkAmount, checkCurrency, checkId } from './value-checks';

export type TillSessionState = 'open' | 'closed';

export interface TillSessionRow {
  id: number;
  state: TillSessionState;
  currency: CurrencyCode;
  floatMinor: number;
  /** Opened by a money movement, not by a person: the float is zero until someone declares it. */
  implicit: boolean;
  openedBy: string;
  openedAtMs: number;
  closedBy: string | null;
  approvedBy: string | null;
  closedAtMs: number | null;
  expectedMinor: number | null;
  countedMinor: number | null;
}

/** The drawer's cash as the journal sees it: expected = float + cash taken − cash handed back. */
export interface TillCash {
  floatMinor: number;
  /** Cash tenders recorded in the session. */
  cashTakenMinor: number;
  /** Cash of split-tender sessions cancelled afterwards, handed back to the customer. */
  cashRefundedMinor: number;
  expectedMinor: number;
}

export interface ZReportRow {
  number: number;
  tillSessionId: number;
  /** The report as the close built it (JSON); the flow's schema reads it back. */
  reportJson: string;
  createdAtMs: number;
}

export interface TillClose {
  sessionId: number;
  operatorId: string;
  managerId: string;
  countedMinor: number;
  /**
   * The attempt id the reconciliation saw last: if the session has a newer attempt, money moved
   * during the close and the close is refused (the caller reconciles again).
   */
  lastAttemptId: number;
  /** Builds the report from its number and the cash, inside the closing transaction. */
  report(number: number, cash: TillCash, closedAtMs: number): unknown;
}

const sessionSelect = `
  SELECT id, state, currency, float_minor AS floatMinor, implicit, opened_by AS openedBy, opened_at AS openedAtMs,
    closed_by AS closedBy, approved_by AS approvedBy, closed_at AS closedAtMs, expected_minor AS expectedMinor, counted_minor AS countedMinor
  FROM till_sessions`;

const zSelect = `SELECT number, till_session_id AS tillSessionId, report_json AS reportJson, created_at AS createdAtMs FROM z_reports`;

/** Rows of attempts (alias `a`) that still belong to today: not in a closed session, so not in a Z report yet. */
export const notInClosedSessionSql = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM till_sessions ts WHERE ts.id = ${alias}.till_session_id AND ts.state = 'closed')`;

type StoredSession = Omit<TillSessionRow, 'implicit'> & { implicit: number };
const asRow = (row: StoredSession | undefined): TillSessionRow | undefined => row && { ...row, implicit: row.implicit === 1 };

/**
 * The open session's id, opening one with a zero float when none is open. Runs inside the
 * caller's write, so the stamp and the row it stamps are committed together.
 */
export function tillSessionForMoney(ctx: JournalContext, currency: CurrencyCode, operatorId: string): number {
  const open = ctx.one<{ id: number }>(`SELECT id FROM till_sessions WHERE state = 'open'`);
  if (open) return open.id;
  return Number(
    ctx.run(`INSERT INTO till_sessions (state, currency, float_minor, implicit, opened_by, opened_at) VALUES ('open', ?, 0, 1, ?, ?)`, currency, operatorId, ctx.now())
      .lastInsertRowid,
  );
}

export function tillSessionRecords(ctx: JournalContext) {
  const tillSession = (id: number): TillSessionRow | undefined => asRow(ctx.one<StoredSession>(`${sessionSelect} WHERE id = ?`, id));
  const existing = (id: number): TillSessionRow => {
    const session = tillSession(id);
    if (!session) throw new JournalError('NOT_FOUND', `no till session ${id}`);
    return session;
  };
  const tillCash = (id: number): TillCash => {
    const session = existing(id);
    const cash = ctx.one<{ taken: number; handedBack: number }>(
      `SELECT coalesce(sum(t.amount_minor), 0) AS taken, coalesce(sum(CASE WHEN s.state = 'cancelled' THEN t.amount_minor END), 0) AS handedBack
       FROM tenders t JOIN split_sessions s ON s.id = t.session_id
       WHERE t.till_session_id = ? AND t.kind = 'cash'`,
      id,
    ) ?? { taken: 0, handedBack: 0 };
    return { floatMinor: session.floatMinor, cashTakenMinor: cash.taken, cashRefundedMinor: cash.handedBack, expectedMinor: session.floatMinor + cash.taken - cash.handedBack };
  };

  return {
    tillSession,

    /** The session money goes to now, if one is open. */
    openTillSession(): TillSessionRow | undefined {
      return asRow(ctx.one<StoredSession>(`${sessionSelect} WHERE state = 'open'`));
    },

    /**
     * Opens the till with a float. A session opened implicitly by a sale takes the float now
     * (the money already taken stays in it); a session opened by a person is refused.
     */
    openTill(input: { floatMinor: number; currency: CurrencyCode; operatorId: string }): TillSessionRow {
      checkAmount('floatMinor', input.floatMinor);
      checkCurrency(input.currency);
      checkId('operatorId', input.operatorId, 64);
      return ctx.write('opening the till', () => {
        const open = asRow(ctx.one<StoredSession>(`${sessionSelect} WHERE state = 'open'`));
        if (open && !open.implicit) throw new JournalError('WRONG_STATE', `the till is already open (session ${open.id}, since ${new Date(open.openedAtMs).toISOString()})`);
        if (open) {
          ctx.run(`UPDATE till_sessions SET float_minor = ?, implicit = 0, opened_by = ? WHERE id = ?`, input.floatMinor, input.operatorId, open.id);
          return existing(open.id);
        }
        const id = Number(
          ctx.run(`INSERT INTO till_sessions (state, currency, float_minor, implicit, opened_by, opened_at) VALUES ('open', ?, ?, 0, ?, ?)`,
            input.currency, input.floatMinor, input.operatorId, ctx.now()).lastInsertRowid,
        );
        return existing(id);
      });
    },

    tillCash,

    /** Every attempt stamped with the session, in the order they were made. */
    tillSessionAttempts(id: number): AttemptRow[] {
      return ctx.all<AttemptRow>(`${attemptSelect} WHERE a.till_session_id = ? ORDER BY a.id`, id);
    },

    /**
     * Closes the session and stores its Z report under the next number, in one transaction: a
     * crash before the commit leaves the session open and no number used; after it, both stand.
     */
    closeTill(input: TillClose): ZReportRow {
      checkId('operatorId', input.operatorId, 64);
      checkId('managerId', input.managerId, 64);
      checkAmount('countedMinor', input.countedMinor);
      return ctx.write(`closing till session ${input.sessionId}`, () => {
        const session = existing(input.sessionId);
        if (session.state !== 'open') throw new JournalError('WRONG_STATE', `till session ${session.id} is already closed`);
        const newer = ctx.one(`SELECT 1 FROM attempts WHERE till_session_id = ? AND id > ?`, session.id, input.lastAttemptId);
        if (newer) throw new JournalError('WRONG_STATE', `money moved in till session ${session.id} while it was being closed`);
        const now = ctx.now();
        const cash = tillCash(session.id);
        const number = (ctx.one<{ next: number }>(`SELECT coalesce(max(number), 0) + 1 AS next FROM z_reports`)?.next ?? 1);
        ctx.run(
          `UPDATE till_sessions SET state = 'closed', closed_by = ?, approved_by = ?, closed_at = ?, expected_minor = ?, counted_minor = ? WHERE id = ?`,
          input.operatorId, input.managerId, now, cash.expectedMinor, input.countedMinor, session.id,
        );
        ctx.run(`INSERT INTO z_reports (number, till_session_id, report_json, created_at) VALUES (?, ?, ?, ?)`,
          number, session.id, JSON.stringify(input.report(number, cash, now)), now);
        return ctx.one<ZReportRow>(`${zSelect} WHERE number = ?`, number) as ZReportRow;
      });
    },

    zReport(number: number): ZReportRow | undefined {
      return ctx.one<ZReportRow>(`${zSelect} WHERE number = ?`, number);
    },

    /** The Z report an attempt's session was closed into; null while its session is open. */
    zNumberOf(transactionId: string): number | null {
      return ctx.one<{ number: number }>(
        `SELECT z.number FROM attempts a JOIN z_reports z ON z.till_session_id = a.till_session_id WHERE a.transaction_id = ?`,
        transactionId,
      )?.number ?? null;
    },

    /** The number the last close took; null before the first. */
    lastZNumber(): number | null {
      return ctx.one<{ number: number | null }>(`SELECT max(number) AS number FROM z_reports`)?.number ?? null;
    },

    /** Every Z report, newest first. */
    zReports(): ZReportRow[] {
      return ctx.all<ZReportRow>(`${zSelect} ORDER BY number DESC`);
    },
  };
}
