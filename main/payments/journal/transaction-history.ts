/**
 * The transaction history: money that moved or was asked to move (sales, captures, forced
 * captures, late charges, credits, refunds), searched by business day, amount, last 4, approval
 * code and operator, each criterion answered from its own index (migration 7).
 */
import { attemptSelect } from './attempts';
import { JournalError } from './journal-error';
import type { JournalContext, SqlValue } from './journal-context';
import type { AttemptRow, HistoryCriteria, HistoryRow } from './records';
import { checkAmount, checkId, checkTime } from './value-checks';

/** Repeats the migration's partial-index term word for word, so SQLite may use those indexes. */
const historyKinds = `a.kind IN ('sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund')`;

/** A refund counts until it is voided; voids of the row and of its refunds are each at most one (voids is UNIQUE on what it voids). */
const historyColumns = `,
    EXISTS (SELECT 1 FROM voids v WHERE v.voided_attempt_id = a.id) AS voided,
    coalesce((SELECT sum(r.amount_minor) FROM refunds r WHERE r.refunded_attempt_id = a.id
      AND NOT EXISTS (SELECT 1 FROM voids rv WHERE rv.voided_attempt_id = r.refund_attempt_id)), 0) AS refundedMinor`;

const historySelect = attemptSelect.replace(/\n\s*FROM attempts a/, `${historyColumns}\n  FROM attempts a`);

/** The search's SQL for the criteria given (one statement per combination, cached like every other). */
export function historySearchSql(criteria: Omit<HistoryCriteria, 'limit'>): string {
  const terms = [historyKinds];
  if (criteria.window) terms.push('a.created_at >= ? AND a.created_at < ?');
  if (criteria.amountMinor !== undefined) terms.push('coalesce(a.approved_minor, a.amount_minor) = ?');
  if (criteria.last4 !== undefined) terms.push('a.masked_pan = ?');
  if (criteria.approvalCode !== undefined) terms.push('a.approval_code = ?');
  if (criteria.operatorId !== undefined) terms.push('a.operator_id = ?');
  return `${historySelect} WHERE ${terms.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT ?`;
}

type StoredHistoryRow = Omit<HistoryRow, 'voided'> & { voided: number };

const fromStored = ({ voided, ...row }: StoredHistoryRow): HistoryRow => ({ ...row, voided: voided === 1 });

export function historyQueries(ctx: JournalContext) {
  return {
    /** Transactions matching every criterion given, newest first. */
    searchHistory(criteria: HistoryCriteria): HistoryRow[] {
      const params: SqlValue[] = [];
      if (criteria.window) {
        checkTime('window.fromMs', criteria.window.fromMs);
        checkTime('window.toMs', criteria.window.toMs);
        params.push(criteria.window.fromMs, criteria.window.toMs);
      }
      if (criteria.amountMinor !== undefined) {
        checkAmount('amountMinor', criteria.amountMinor);
        params.push(criteria.amountMinor);
      }
      if (criteria.last4 !== undefined) {
        if (!/^\d{4}$/.test(criteria.last4)) throw new JournalError('INVALID_VALUE', 'last4 must be the last 4 digits of the card');
        params.push(`•••• ${criteria.last4}`);
      }
      if (criteria.approvalCode !== undefined) {
        checkId('approvalCode', criteria.approvalCode, 16);
        params.push(criteria.approvalCode);
      }
      if (criteria.operatorId !== undefined) {
        checkId('operatorId', criteria.operatorId, 64);
        params.push(criteria.operatorId);
      }
      checkAmount('limit', criteria.limit, { positive: true });
      return ctx.all<StoredHistoryRow>(historySearchSql(criteria), ...params, criteria.limit).map(fromStored);
    },

    /** One transaction as the history lists it. */
    historyEntry(transactionId: string): HistoryRow | undefined {
      const row = ctx.one<StoredHistoryRow>(`${historySelect} WHERE a.transaction_id = ?`, transactionId);
      return row && fromStored(row);
    },

    /** The attempts that acted on one (its voids and refunds), oldest first. */
    followOns(transactionId: string): AttemptRow[] {
      return ctx.all<AttemptRow>(`${attemptSelect} WHERE p.transaction_id = ? ORDER BY a.id`, transactionId);
    },
  };
}
