/**
 * What the front-desk and manager flows share around one gateway request: resolving a lost answer,
 * showing the journal row to the screens and on a receipt, and the amount an authorization holds.
 */
import type { FrontDeskReceipt, GatewayStep } from '../../preload/channels/hotel';
import { refusal } from './hotel-errors';
import type { AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import { receiptOf } from './receipt';
import { resolveAttempt } from './recovery';

export function gatewayStep(row: AttemptRow): GatewayStep {
  return {
    transactionId: row.transactionId,
    kind: row.kind,
    status: row.status,
    amountMinor: row.amountMinor,
    approvedMinor: row.approvedMinor,
    approvalCode: row.approvalCode,
    declineReason: row.declineReason,
    insightCategory: row.insightCategory,
    message: row.message,
    operatorId: row.operatorId,
    managerId: row.managerId,
  };
}

export const isApproved = (row: AttemptRow): boolean => row.status === 'approved';

/** The receipt of an approved charge, marked when the approval came by phone; null when there is nothing to print. */
export function frontDeskReceipt(context: PaymentContext, row: AttemptRow): FrontDeskReceipt | null {
  if (!isApproved(row)) return null;
  return { ...receiptOf(context, row), voiceAuthorized: row.kind === 'forced-capture' };
}

/**
 * The attempt as it stands once its outcome is known: a request that got no usable answer is
 * resolved at once (undone, or confirmed by a lookup) rather than left for the next start.
 */
export async function settledRow(context: PaymentContext, row: AttemptRow): Promise<AttemptRow> {
  if (row.status !== 'unknown') return row;
  await resolveAttempt(context, row);
  return context.journal.attempt(row.transactionId) ?? row;
}

export function gatewayIdOf(row: AttemptRow): string {
  if (row.gatewayId === null) throw refusal('WRONG_STATE', 'transactionId', `${row.kind} ${row.transactionId} has no gateway id`);
  return row.gatewayId;
}

/** What the gateway holds on `auth`: its approval plus the approved increments on it (a reversal must name exactly this). */
export function authorizedTotal(history: AttemptRow[], auth: AttemptRow): number {
  return history
    .filter((row) => row.kind === 'incremental' && isApproved(row) && row.parentTransactionId === auth.transactionId)
    .reduce((total, row) => total + (row.approvedMinor ?? 0), auth.approvedMinor ?? 0);
}
