/**
 * What the front-desk and manager flows share around one gateway request: resolving a lost answer,
 * showing the journal row to the screens and on a receipt, the amount an authorization holds, and
 * sending the two final charges the client only sends as authorizations.
 */
import type { FrontDeskReceipt, GatewayStep } from '../../preload/channels/hotel';
import type { CurrencyCode } from '../../preload/currency';
import type { GatewayClient } from '../gateway/client';
import { validateChargeStoredCard, validateForceCapture, type ChargeStoredCardInput, type ForceCaptureInput, type InputPolicy } from '../gateway/inputs';
import type { GatewayOutcome } from '../gateway/outcomes';
import { forcedCaptureBody, storedCardChargeBody, type JsonBody } from '../gateway/request-bodies';
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

export function inputPolicy(context: PaymentContext): InputPolicy {
  return { now: context.clock, maxAmountMinor: context.settings().maxAmountMinor };
}

/**
 * A forced capture of a verbal code, captured. The client's `forceCapture` leaves it an
 * authorization at the gateway, while the journal books it as paid (and lists it for void and
 * refund): so the same body goes out with `capture: true`, as the sandbox's voice flow describes.
 */
export function sendForcedCapture(client: GatewayClient, input: ForceCaptureInput, policy: InputPolicy): Promise<GatewayOutcome> {
  const valid = validateForceCapture(input, policy);
  return sendCaptured(client, forcedCaptureBody(valid), valid.money.currency);
}

/** A merchant-initiated late charge on a stored card, captured at once for the same reason (the journal books an MIT as charged). */
export function sendStoredCardCharge(client: GatewayClient, input: ChargeStoredCardInput, policy: InputPolicy): Promise<GatewayOutcome> {
  const valid = validateChargeStoredCard(input, policy);
  return sendCaptured(client, storedCardChargeBody(valid), valid.money.currency);
}

function sendCaptured(client: GatewayClient, body: JsonBody, currency: CurrencyCode): Promise<GatewayOutcome> {
  const processing = typeof body.processingInformation === 'object' && body.processingInformation !== null && !Array.isArray(body.processingInformation) ? body.processingInformation : {};
  return client.send({ method: 'POST', path: '/pts/v2/payments', body: { ...body, processingInformation: { ...processing, capture: true } }, currency });
}
