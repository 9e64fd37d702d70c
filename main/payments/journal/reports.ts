/** The lists the manager's screens read: the open batch's voidable captures and the rows of the books. */
import type { JournalContext } from './journal-context';
import type { AttemptKind, BookAttemptRow, BookRows, CashTenderBookRow, TimeWindow, VoidableRow } from './records';
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
  ORDER BY a.created_at DESC, a.id DESC`;

/**
 * What the books read of each attempt, for a void also the attempt it voided. A scope appends its
 * WHERE: by time below; the close selects a till session's rows the same way.
 */
export const bookAttemptSelect = `
  SELECT a.kind, a.status, a.currency, a.amount_minor AS amountMinor, a.approved_minor AS approvedMinor, a.card_brand AS cardBrand,
    a.operator_id AS operatorId, a.offline, v.kind AS voidedKind, coalesce(v.approved_minor, 0) AS voidedApprovedMinor,
    v.operator_id AS voidedOperatorId, v.offline AS voidedOffline
  FROM attempts a LEFT JOIN attempts v ON a.kind = 'void' AND v.id = a.parent_id`;

/** Cash counted towards split-tender sessions that completed (a cancelled session's cash went back). */
export const cashTenderSelect = `
  SELECT s.currency, t.amount_minor AS amountMinor, t.operator_id AS operatorId
  FROM tenders t JOIN split_sessions s ON s.id = t.session_id`;

export const bookAttemptsByTimeSql = `${bookAttemptSelect} WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at, a.id`;
export const cashTendersByTimeSql = `${cashTenderSelect}
  WHERE t.kind = 'cash' AND s.state = 'completed' AND t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.id`;

interface StoredBookAttempt extends Omit<BookAttemptRow, 'offline' | 'voided'> {
  offline: number;
  voidedKind: AttemptKind | null;
  voidedApprovedMinor: number;
  voidedOperatorId: string | null;
  voidedOffline: number | null;
}

/** The stored row in the books' shape; spelled out field by field, as rest and spread cost more than the query on a busy day. */
export function bookAttemptOf(row: StoredBookAttempt): BookAttemptRow {
  return {
    kind: row.kind,
    status: row.status,
    currency: row.currency,
    amountMinor: row.amountMinor,
    approvedMinor: row.approvedMinor,
    cardBrand: row.cardBrand,
    operatorId: row.operatorId,
    offline: row.offline === 1,
    voided:
      row.voidedKind === null
        ? null
        : { kind: row.voidedKind, approvedMinor: row.voidedApprovedMinor, operatorId: row.voidedOperatorId ?? row.operatorId, offline: row.voidedOffline === 1 },
  };
}

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

    /** The rows the books of `window` are computed from (`booksOf` in main/payments/books.ts): every attempt made in it and its completed cash tenders. */
    bookRows(window: TimeWindow): BookRows {
      checkWindow(window);
      return {
        attempts: ctx.all<StoredBookAttempt>(bookAttemptsByTimeSql, window.fromMs, window.toMs).map(bookAttemptOf),
        cashTenders: ctx.all<CashTenderBookRow>(cashTendersByTimeSql, window.fromMs, window.toMs),
      };
    },
  };
}
