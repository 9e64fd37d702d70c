/**
 * The transaction history as the manager sees it: a search by the store's business day, amount,
 * last 4, approval code and operator; one transaction with what happened to it (voids, refunds,
 * what is left to refund) and which actions still apply; and a copy of its receipt.
 */
import type { z } from 'zod';
import { historyKinds, type FollowOn, type HistoryEntry, type HistoryQuery, type HistoryResult, type ReceiptCopy, type TransactionDetail } from '../../preload/channels/history';
import { businessDayAt, businessDayOn, type BusinessDay } from '../business-day';
import { TerminalError } from '../errors';
import { gatewayStep, isApproved } from './gateway-steps';
import { refusal } from './hotel-errors';
import type { AttemptRow, HistoryRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import { receiptOf } from './receipt';
import { paymentKinds, voidableAttempt } from './voids';

type Query = z.output<typeof HistoryQuery>;

function entryOf(row: HistoryRow): HistoryEntry {
  return {
    ...gatewayStep(row),
    kind: row.kind as HistoryEntry['kind'],
    ownerKind: row.ownerKind,
    reference: row.reference,
    parentTransactionId: row.parentTransactionId,
    currency: row.currency,
    maskedPan: row.maskedPan,
    cardBrand: row.cardBrand,
    createdAtMs: row.createdAtMs,
    voided: row.voided,
    refundedMinor: row.refundedMinor,
  };
}

/** With no criterion at all, today's business day: the question asked most. */
export function searchHistory(context: PaymentContext, query: Query): z.output<typeof HistoryResult> {
  const { businessDate, limit, ...rest } = query;
  const rule = context.settings().businessDay;
  const criteria = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Omit<Query, 'businessDate' | 'limit'>;
  let date = businessDate;
  if (date === undefined && Object.keys(criteria).length === 0) date = businessDayAt(context.clock(), rule).date;
  let day: BusinessDay | undefined;
  if (date !== undefined) {
    try {
      day = businessDayOn(date, rule);
    } catch {
      throw new TerminalError('INVALID_ARGUMENT', `businessDate: ${date} is not a calendar date`, [{ field: 'businessDate', message: `${date} is not a calendar date` }]);
    }
  }
  const rows = context.journal.searchHistory({ ...criteria, ...(day ? { window: day } : {}), limit: limit + 1 });
  return {
    businessDay: day ? { date: day.date, from: new Date(day.fromMs).toISOString(), to: new Date(day.toMs).toISOString() } : null,
    entries: rows.slice(0, limit).map(entryOf),
    more: rows.length > limit,
  };
}

/** Why `check` refuses, in its words; null when it passes. */
function refusalOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof TerminalError) return error.message;
    throw error;
  }
}

export function transactionDetail(context: PaymentContext, transactionId: string): TransactionDetail {
  const { journal } = context;
  const row = journal.historyEntry(transactionId);
  if (!row) throw refusal('NOT_FOUND', 'transactionId', `no transaction ${transactionId} in the history`);
  const followOns = journal.followOns(transactionId);
  const refunds = followOns.filter((step) => step.kind === 'refund');
  const capturedMinor = isApproved(row) ? (row.approvedMinor ?? 0) : 0;
  const voidedMinor = row.voided ? capturedMinor : 0;
  const money = paymentKinds.includes(row.kind);
  const refundableMinor = money ? journal.refundableMinor(transactionId) : 0;
  // Refunds' own voids hang under the refunds, so ask each refund whether it was voided.
  const refundVoided = (refund: AttemptRow) => journal.followOns(refund.transactionId).some((step) => step.kind === 'void' && isApproved(step));
  const steps: z.output<typeof FollowOn>[] = followOns.map((step) => ({
    ...gatewayStep(step),
    createdAtMs: step.createdAtMs,
    voided: step.kind === 'refund' && refundVoided(step),
  }));
  const voidKinds = money ? paymentKinds : (['refund', 'credit'] as const);
  return {
    entry: entryOf(row),
    followOns: steps,
    capturedMinor,
    voidedMinor,
    refundedMinor: row.refundedMinor,
    refundableMinor,
    voidRefusal: refusalOf(() => voidableAttempt(context, transactionId, voidKinds)),
    refundRefusal: money ? (isApproved(row) ? null : `this ${row.kind} was ${row.status}: nothing was captured`) : `a ${row.kind} cannot be refunded`,
    voidableRefunds: refunds.filter((refund) => refusalOf(() => voidableAttempt(context, refund.transactionId, ['refund'])) === null).map((refund) => refund.transactionId),
    hasReceipt: isApproved(row) && row.maskedPan !== null,
  };
}

/** The receipt printed again, marked COPY; only for what was approved. */
export function reprintReceipt(context: PaymentContext, transactionId: string): z.output<typeof ReceiptCopy> {
  const row = context.journal.attempt(transactionId);
  if (!row || !(historyKinds as readonly string[]).includes(row.kind)) {
    throw refusal('NOT_FOUND', 'transactionId', `no transaction ${transactionId} in the history`);
  }
  if (!isApproved(row) || row.maskedPan === null) throw refusal('WRONG_STATE', 'transactionId', `${row.kind} ${transactionId} is ${row.status}: there is no receipt to print`);
  return { ...receiptOf(context, row), copy: true as const };
}
