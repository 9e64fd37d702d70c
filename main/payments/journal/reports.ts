/** The lists and totals the manager's screens read: today's voidable captures and the day's totals, without what a closed till session took. */
import type { JournalContext } from './journal-context';
import type { DayTotalRow, TimeWindow, VoidableRow } from './records';
import { notInClosedSessionSql } from './till-sessions';
import { checkTime } from './value-checks';

function checkWindow(window: TimeWindow): void {
  checkTime('fromMs', window.fromMs);
  checkTime('toMs', window.toMs);
}

// The status and kind terms repeat the partial index attempts_voidable word for word, so SQLite uses it.
export const voidableSql = `
  SELECT a.transaction_id AS transactionId, a.kind,
    CASE WHEN a.order_id IS NOT NULL THEN 'order' WHEN a.tab_id IS NOT NULL THEN 'tab' ELSE 'session' END AS ownerKind,
    coalesce(a.order_id, a.tab_id, a.session_id) AS reference, a.currency, a.approved_minor AS approvedMinor,
    a.masked_pan AS maskedPan, a.card_brand AS cardBrand, a.gateway_id AS gatewayId, a.approval_code AS approvalCode,
    a.operator_id AS operatorId, a.created_at AS createdAtMs
  FROM attempts a
  WHERE a.status = 'approved' AND a.kind IN ('sale', 'capture', 'forced-capture')
    AND a.created_at >= ? AND a.created_at < ?
    AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.voided_attempt_id = a.id)
    AND ${notInClosedSessionSql('a')}
  ORDER BY a.created_at DESC, a.id DESC`;

/** Approved amounts by brand, kind and currency, and cash tenders of completed split tenders, for the attempts and tenders `where` picks. */
const totalsSql = (attempts: string, tenders: string) => `
  SELECT coalesce(a.card_brand, 'unknown') AS cardBrand, a.kind, a.currency, count(*) AS count,
    sum(a.approved_minor) AS totalMinor,
    coalesce(sum(CASE WHEN v.void_attempt_id IS NOT NULL THEN a.approved_minor END), 0) AS voidedMinor
  FROM attempts a LEFT JOIN voids v ON v.voided_attempt_id = a.id
  WHERE ${attempts} AND a.status IN ('approved', 'partially-approved')
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT 'cash', 'cash', s.currency, count(*), sum(t.amount_minor), 0
  FROM tenders t JOIN split_sessions s ON s.id = t.session_id
  WHERE t.kind = 'cash' AND s.state = 'completed' AND ${tenders}
  GROUP BY s.currency
  ORDER BY 1, 2, 3`;

/** The day's rows not yet in a closed till session's Z report. */
export const dayTotalsSql = totalsSql(
  `a.created_at >= ? AND a.created_at < ? AND ${notInClosedSessionSql('a')}`,
  `t.created_at >= ? AND t.created_at < ? AND ${notInClosedSessionSql('t')}`,
);

/** One till session's rows, whatever their day: the books of its Z report. */
export const tillTotalsSql = totalsSql(`a.till_session_id = ?`, `t.till_session_id = ?`);

export function reportQueries(ctx: JournalContext) {
  return {
    /**
     * Approved sales, captures and forced captures made in `window` and not voided, newest first.
     * The window runs from the last settlement cutoff (anything earlier has settled and can only
     * be refunded) to the next one.
     */
    voidableCaptures(window: TimeWindow): VoidableRow[] {
      checkWindow(window);
      return ctx.all<VoidableRow>(voidableSql, window.fromMs, window.toMs);
    },

    /**
     * Approved amounts in `window` by card brand, attempt kind and currency, with the part voided
     * since; cash taken in completed split-tender sessions appears as brand and kind `cash`.
     */
    dayTotals(window: TimeWindow): DayTotalRow[] {
      checkWindow(window);
      return ctx.all<DayTotalRow>(dayTotalsSql, window.fromMs, window.toMs, window.fromMs, window.toMs);
    },

    /** The same totals for one till session's attempts and cash tenders. */
    tillTotals(tillSessionId: number): DayTotalRow[] {
      return ctx.all<DayTotalRow>(tillTotalsSql, tillSessionId, tillSessionId);
    },
  };
}
