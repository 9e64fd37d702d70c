/**
 * Voice authorization: the gateway declined with "call issuer" (or is down), the cashier phoned
 * and got a verbal code, and a manager approves recording it as a forced capture. The journal
 * marks it (order kind `voice-auth`, attempt kind `forced-capture`, the code as approval code),
 * and so does the receipt. The decline-retry rules do not hold the card back here: the issuer itself
 * approved it on the phone, and a forced capture is no authorization attempt.
 */
import { randomBytes } from 'node:crypto';
import type { GatewayStep } from '../../preload/channels/hotel';
import { assertWithinMaximum } from './amount-limit';
import { runAttempt } from './attempt-runner';
import type { FrontDeskReceipt } from '../../preload/channels/hotel';
import { frontDeskReceipt, gatewayStep } from './gateway-steps';
import type { ManagerApproval } from './manager-approval';
import { takePresentedCard } from './presented-card';
import type { ManagerFlowDeps } from './voids';

export interface ForceCaptureRequest {
  operatorId: string;
  cardHandle: string;
  amountMinor: number;
  verbalAuthCode: string;
  approval: ManagerApproval;
}

export async function forceCapture(
  deps: ManagerFlowDeps,
  request: ForceCaptureRequest,
): Promise<{ orderId: string; capture: GatewayStep; receipt: FrontDeskReceipt | null }> {
  const { context } = deps;
  assertWithinMaximum(context, 'amountMinor', request.amountMinor);
  // Approval first: a wrong PIN leaves the card handle usable for the next try.
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'voice-authorization' });
  const card = await takePresentedCard(context, request.cardHandle);
  const orderId = `VOICE-${randomBytes(12).toString('base64url')}`;
  const currency = context.settings().currency;
  context.journal.openOrder({ id: orderId, kind: 'voice-auth', amountMinor: request.amountMinor, currency, operatorId: request.operatorId });
  const { row } = await runAttempt(
    context,
    { kind: 'forced-capture', owner: { orderId }, amountMinor: request.amountMinor, currency, card: card.summary, operatorId: request.operatorId, managerId },
    // Captured in the same request: the journal books a voice authorization as paid, voidable and refundable.
    (transactionId) => ({
      operation: 'force-capture',
      input: {
        reference: { code: orderId, transactionId },
        amount: request.amountMinor,
        currency,
        ...card.payment,
        verbalAuthCode: request.verbalAuthCode,
        capture: true,
      },
    }),
  );
  return { orderId, capture: gatewayStep(row), receipt: frontDeskReceipt(context, row) };
}
