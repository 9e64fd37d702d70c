/**
 * Manager refunds of captured money, in full or in part (all refunds of a capture together at most
 * what it captured), and the same-day void of a refund.
 */
import type { GatewayStep } from '../../preload/channels/hotel';
import type { RefundInput } from '../gateway/inputs';
import { assertWithinMaximum } from './amount-limit';
import { ownerOf, runAttempt } from './attempt-runner';
import { gatewayIdOf, gatewayStep, isApproved } from './gateway-steps';
import { refusal } from './hotel-errors';
import type { AttemptKind } from './journal/records';
import type { ManagerApproval } from './manager-approval';
import { sendVoid, voidableAttempt, type ManagerFlowDeps } from './voids';

/** A capture is refunded as a capture; sales, forced captures and late charges as the payments they are. */
const refundTargets: Partial<Record<AttemptKind, RefundInput['target']>> = { capture: 'capture', sale: 'sale', 'forced-capture': 'sale', mit: 'sale' };

export interface RefundRequest {
  operatorId: string;
  transactionId: string;
  /** Omitted: everything still refundable. */
  amountMinor?: number | undefined;
  approval: ManagerApproval;
}

export async function refund(deps: ManagerFlowDeps, request: RefundRequest): Promise<{ refund: GatewayStep; refundableMinor: number }> {
  const { context } = deps;
  const { journal } = context;
  const target = journal.attempt(request.transactionId);
  if (!target) throw refusal('NOT_FOUND', 'transactionId', `no transaction ${request.transactionId}`);
  const kind = refundTargets[target.kind];
  if (kind === undefined) throw refusal('WRONG_STATE', 'transactionId', `a ${target.kind} cannot be refunded (refundable: captures, sales, forced captures, late charges)`);
  if (!isApproved(target)) throw refusal('WRONG_STATE', 'transactionId', `${target.kind} ${target.transactionId} is ${target.status}: nothing was captured`);
  const refundable = journal.refundableMinor(target.transactionId);
  if (refundable === 0) throw refusal('OVER_LIMIT', 'transactionId', `nothing left to refund on ${target.transactionId}: it was voided or refunded in full`);
  const amountMinor = request.amountMinor ?? refundable;
  if (amountMinor > refundable) {
    throw refusal('OVER_LIMIT', 'amountMinor', `refunds may total at most what was captured: ${refundable} of ${target.approvedMinor ?? 0} is left to refund`);
  }
  assertWithinMaximum(context, 'amountMinor', amountMinor);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'refund', subject: target.transactionId });
  const { row } = await runAttempt(
    context,
    {
      kind: 'refund',
      owner: ownerOf(target),
      amountMinor,
      currency: target.currency,
      parentTransactionId: target.transactionId,
      operatorId: request.operatorId,
      managerId,
    },
    (transactionId) => ({
      operation: 'refund',
      input: { target: kind, id: gatewayIdOf(target), reference: { code: target.reference, transactionId }, amount: amountMinor, currency: target.currency },
    }),
  );
  return { refund: gatewayStep(row), refundableMinor: journal.refundableMinor(target.transactionId) };
}

/** Voids a refund made today (before its batch settles): the refunded amount becomes refundable again. */
export async function voidRefund(
  deps: ManagerFlowDeps,
  request: { operatorId: string; refundTransactionId: string; approval: ManagerApproval },
): Promise<{ void: GatewayStep; refundableMinor: number }> {
  const { context } = deps;
  const target = voidableAttempt(context, request.refundTransactionId, ['refund']);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'void-refund', subject: target.transactionId });
  const voided = await sendVoid(context, target, request.operatorId, managerId);
  const refunded = target.parentTransactionId;
  return { void: voided, refundableMinor: refunded === null ? 0 : context.journal.refundableMinor(refunded) };
}
