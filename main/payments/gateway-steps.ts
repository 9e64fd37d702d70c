/**
 * What the front-desk and manager flows share around one gateway request: showing the journal row
 * to the screens and on a receipt, and the amount an authorization holds.
 */
import type { FrontDeskReceipt, GatewayStep } from '../../preload/channels/hotel';
import { refusal } from './hotel-errors';
import type { AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import { receiptOf } from './receipt';

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
