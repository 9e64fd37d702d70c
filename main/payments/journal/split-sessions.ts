/** Split-tender sessions: a total paid by several tenders (partially authorized cards, cash). */
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import type { NewSplitSession, SplitSessionRow, TenderRow } from './records';
import { tillSessionForMoney } from './till-sessions';
import { checkAmount, checkCurrency, checkId, checkTime } from './value-checks';

const sessionSelect = `
  SELECT id, currency, total_minor AS totalMinor, paid_minor AS paidMinor, total_minor - paid_minor AS balanceDueMinor, state,
    expires_at AS expiresAtMs, operator_id AS operatorId, created_at AS createdAtMs, updated_at AS updatedAtMs
  FROM split_sessions`;

const tenderSelect = `
  SELECT t.id, t.session_id AS sessionId, t.kind, t.amount_minor AS amountMinor, t.state, a.transaction_id AS transactionId,
    a.masked_pan AS maskedPan, a.card_brand AS cardBrand, t.operator_id AS operatorId, t.created_at AS createdAtMs
  FROM tenders t LEFT JOIN attempts a ON a.id = t.attempt_id`;

export const openSessionsSql = `${sessionSelect} WHERE state IN ('open', 'cancelling') ORDER BY expires_at`;

/**
 * Moves a session on once its tenders allow it: fully paid with every card captured → completed;
 * cancelling with no authorization left to reverse → cancelled.
 */
export function refreshSessionState(ctx: JournalContext, sessionId: string): void {
  ctx.run(
    `UPDATE split_sessions
     SET state = CASE state WHEN 'open' THEN 'completed' ELSE 'cancelled' END, updated_at = ?
     WHERE id = ?
       AND NOT EXISTS (SELECT 1 FROM tenders WHERE session_id = split_sessions.id AND state = 'authorized')
       AND ((state = 'open' AND paid_minor = total_minor) OR state = 'cancelling')`,
    ctx.now(), sessionId,
  );
}

export function splitSessionRecords(ctx: JournalContext) {
  const splitSession = (id: string): SplitSessionRow | undefined => ctx.one<SplitSessionRow>(`${sessionSelect} WHERE id = ?`, id);
  const existing = (id: string): SplitSessionRow => {
    const found = splitSession(id);
    if (!found) throw new JournalError('NOT_FOUND', `no split-tender session ${id}`);
    return found;
  };

  return {
    openSplitSession(input: NewSplitSession): SplitSessionRow {
      checkId('session id', input.id);
      checkAmount('totalMinor', input.totalMinor, { positive: true });
      checkCurrency(input.currency);
      checkTime('expiresAtMs', input.expiresAtMs);
      checkId('operatorId', input.operatorId, 64);
      return ctx.write(`split-tender session ${input.id}`, () => {
        const now = ctx.now();
        ctx.run(
          `INSERT INTO split_sessions (id, currency, total_minor, expires_at, operator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          input.id, input.currency, input.totalMinor, input.expiresAtMs, input.operatorId, now, now,
        );
        return existing(input.id);
      });
    },

    splitSession,

    tenders(sessionId: string): TenderRow[] {
      return ctx.all<TenderRow>(`${tenderSelect} WHERE t.session_id = ? ORDER BY t.id`, sessionId);
    },

    /** Cash taken at the counter; never more than the balance due. */
    recordCashTender(input: { sessionId: string; amountMinor: number; operatorId: string }): SplitSessionRow {
      checkAmount('amountMinor', input.amountMinor, { positive: true });
      checkId('operatorId', input.operatorId, 64);
      return ctx.write(`cash tender on ${input.sessionId}`, () => {
        const session = existing(input.sessionId);
        if (session.state !== 'open') throw new JournalError('WRONG_STATE', `session ${session.id} is ${session.state}`);
        if (input.amountMinor > session.balanceDueMinor) {
          throw new JournalError('OVER_LIMIT', `a tender of ${input.amountMinor} exceeds the balance due of ${session.balanceDueMinor}`);
        }
        const now = ctx.now();
        ctx.run(
          `INSERT INTO tenders (session_id, kind, amount_minor, state, operator_id, created_at, updated_at, till_session_id) VALUES (?, 'cash', ?, 'recorded', ?, ?, ?, ?)`,
          input.sessionId, input.amountMinor, input.operatorId, now, now, tillSessionForMoney(ctx, session.currency, input.operatorId),
        );
        ctx.run(`UPDATE split_sessions SET paid_minor = paid_minor + ?, updated_at = ? WHERE id = ?`, input.amountMinor, now, input.sessionId);
        refreshSessionState(ctx, input.sessionId);
        return existing(input.sessionId);
      });
    },

    /**
     * Starts cancelling: no more tenders; each card authorization's reversal, once approved,
     * marks its tender reversed, and the last one cancels the session.
     */
    beginSessionCancel(sessionId: string): SplitSessionRow {
      return ctx.write(`split-tender session ${sessionId}`, () => {
        const session = existing(sessionId);
        if (session.state === 'cancelling') return session;
        if (session.state !== 'open') throw new JournalError('WRONG_STATE', `session ${sessionId} is ${session.state}`);
        ctx.run(`UPDATE split_sessions SET state = 'cancelling', updated_at = ? WHERE id = ?`, ctx.now(), sessionId);
        refreshSessionState(ctx, sessionId);
        return existing(sessionId);
      });
    },

    /** Sessions still taking tenders or being cancelled, soonest to expire first. */
    openSplitSessions(): SplitSessionRow[] {
      return ctx.all<SplitSessionRow>(openSessionsSql);
    },

    /** Open sessions past their window: their partial authorizations must be reversed. */
    expiredSplitSessions(atMs: number = ctx.now()): SplitSessionRow[] {
      checkTime('atMs', atMs);
      // The IN term repeats the partial index's WHERE so SQLite uses it.
      return ctx.all<SplitSessionRow>(`${sessionSelect} WHERE state IN ('open', 'cancelling') AND state = 'open' AND expires_at <= ? ORDER BY expires_at`, atMs);
    },
  };
}
