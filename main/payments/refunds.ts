/**
 * Manager refunds of captured money, in full or in part (all refunds of a capture together at most
 * what it captured), the void instead while the batch has not settled, the same-day void of a
 * refund or credit, and a refund without the original sale: a stand-alone credit to the card.
 */
import { randomBytes } from 'node:crypto';
import type { GatewayStep } from '../../preload/channels/hotel';
import { formatMinorUnits } from '../../preload/currency';
import type { Receipt } from '../../preload/schemas';
import type { RefundInput } from '../gateway/inputs';
import { assertWithinMaximum } from './amount-limit';
import { ownerOf, runAttempt } from './attempt-runner';
import { RefusedAfterSending } from './flow-error';
import { gatewayIdOf, gatewayStep, isApproved } from './gateway-steps';
import { refusal } from './hotel-errors';
import type { AttemptKind, AttemptRow } from './journal/records';
import type { ManagerApproval } from './manager-approval';
import type { PaymentContext } from './payment-context';
import { takePresentedCard } from './presented-card';
import { receiptOf } from './receipt';
import { paymentKinds, sendVoid, voidableAttempt, voidPayment, type ManagerFlowDeps } from './voids';

/** A capture is refunded as a capture; sales, forced captures and late charges as the payments they are. */
const refundTargets: Partial<Record<AttemptKind, RefundInput['target']>> = { capture: 'capture', sale: 'sale', 'forced-capture': 'sale', mit: 'sale' };

const kindWords: Partial<Record<AttemptKind, string>> = { sale: 'sale', capture: 'capture', 'forced-capture': 'voice-authorized capture', mit: 'late charge' };

export interface RefundRequest {
  operatorId: string;
  transactionId: string;
  /** Omitted: everything still refundable. */
  amountMinor?: number | undefined;
  approval: ManagerApproval;
}

interface RefundPlan {
  target: AttemptRow;
  gatewayTarget: RefundInput['target'];
  amountMinor: number;
  /** What was left to refund before this one. */
  refundableMinor: number;
}

/**
 * What a refund of `request` would send, or the refusal (before any PIN is asked) naming what is
 * left to refund when the amount is over it.
 */
function planRefund(context: PaymentContext, request: Pick<RefundRequest, 'transactionId' | 'amountMinor'>): RefundPlan {
  const { journal } = context;
  const target = journal.attempt(request.transactionId);
  if (!target) throw refusal('NOT_FOUND', 'transactionId', `no transaction ${request.transactionId}`);
  const gatewayTarget = refundTargets[target.kind];
  if (gatewayTarget === undefined) throw refusal('WRONG_STATE', 'transactionId', `a ${target.kind} cannot be refunded (refundable: captures, sales, forced captures, late charges)`);
  if (!isApproved(target)) throw refusal('WRONG_STATE', 'transactionId', `${target.kind} ${target.transactionId} is ${target.status}: nothing was captured`);
  const refundableMinor = journal.refundableMinor(target.transactionId);
  const money = (minor: number) => formatMinorUnits(minor, target.currency);
  const left = `${money(refundableMinor)} of ${money(target.approvedMinor ?? 0)} is left to refund`;
  if (refundableMinor === 0) throw refusal('OVER_LIMIT', 'amountMinor', `nothing left to refund on this ${kindWords[target.kind] ?? target.kind}: ${left} (it was voided or refunded in full)`);
  const amountMinor = request.amountMinor ?? refundableMinor;
  if (amountMinor > refundableMinor) throw refusal('OVER_LIMIT', 'amountMinor', `refunds may total at most what was captured: ${left}`);
  assertWithinMaximum(context, 'amountMinor', amountMinor);
  return { target, gatewayTarget, amountMinor, refundableMinor };
}

async function sendRefund(context: PaymentContext, plan: RefundPlan, operatorId: string, managerId: string): Promise<GatewayStep> {
  const { target, gatewayTarget, amountMinor } = plan;
  const { row } = await runAttempt(
    context,
    { kind: 'refund', owner: ownerOf(target), amountMinor, currency: target.currency, parentTransactionId: target.transactionId, operatorId, managerId },
    (transactionId) => ({
      operation: 'refund',
      input: { target: gatewayTarget, id: gatewayIdOf(target), reference: { code: target.reference, transactionId }, amount: amountMinor, currency: target.currency },
    }),
  );
  return gatewayStep(row);
}

export async function refund(deps: ManagerFlowDeps, request: RefundRequest): Promise<{ refund: GatewayStep; refundableMinor: number }> {
  const plan = planRefund(deps.context, request);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'refund', subject: plan.target.transactionId });
  const step = await sendRefund(deps.context, plan, request.operatorId, managerId);
  return { refund: step, refundableMinor: deps.context.journal.refundableMinor(plan.target.transactionId) };
}

/** Whether the whole payment can still be voided (nothing refunded, same batch); never throws. */
function voidableWhole(context: PaymentContext, plan: RefundPlan): boolean {
  if (plan.amountMinor !== plan.target.approvedMinor) return false;
  try {
    voidableAttempt(context, plan.target.transactionId, paymentKinds);
    return true;
  } catch {
    return false;
  }
}

/**
 * Money back on a payment, as the customer expects it: the whole amount before the batch settles
 * is voided (nothing ever moves, and a capture's hold is released), anything else is refunded;
 * when the gateway says the batch settled after all, the same approval refunds it instead.
 */
export async function refundOrVoid(deps: ManagerFlowDeps, request: RefundRequest): Promise<{ how: 'voided' | 'refunded'; step: GatewayStep }> {
  const { context } = deps;
  const plan = planRefund(context, request);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'refund', subject: plan.target.transactionId });
  if (voidableWhole(context, plan)) {
    try {
      const voided = await voidPayment(context, plan.target, { operatorId: request.operatorId, managerId, releaseHold: true });
      return { how: 'voided', step: voided.void };
    } catch (error) {
      if (!(error instanceof RefusedAfterSending && error.code === 'SETTLED')) throw error;
    }
  }
  return { how: 'refunded', step: await sendRefund(context, plan, request.operatorId, managerId) };
}

/** Voids a refund or credit made today (before its batch settles): a refunded amount becomes refundable again. */
export async function voidRefund(
  deps: ManagerFlowDeps,
  request: { operatorId: string; refundTransactionId: string; approval: ManagerApproval },
): Promise<{ void: GatewayStep; refundableMinor: number }> {
  const { context } = deps;
  const target = voidableAttempt(context, request.refundTransactionId, ['refund', 'credit']);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'void-refund', subject: target.transactionId });
  const voided = await sendVoid(context, target, request.operatorId, managerId);
  const refunded = target.parentTransactionId;
  return { void: voided, refundableMinor: refunded === null ? 0 : context.journal.refundableMinor(refunded) };
}

export interface CreditRequest {
  operatorId: string;
  cardHandle: string;
  amountMinor: number;
  approval: ManagerApproval;
}

/**
 * A refund without the original sale: the presented card is credited (the guide's stand-alone
 * credit, `POST /pts/v2/credits`) under its own order. The journal keeps the card's fingerprint
 * on the credit, never its number, so credits to one card can be found together.
 */
export async function creditCard(deps: ManagerFlowDeps, request: CreditRequest): Promise<{ orderId: string; credit: GatewayStep; receipt: Receipt | null }> {
  const { context } = deps;
  assertWithinMaximum(context, 'amountMinor', request.amountMinor);
  // Approval first: a wrong PIN leaves the card handle usable for the next try.
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'credit' });
  const card = await takePresentedCard(context, request.cardHandle);
  const orderId = `CREDIT-${randomBytes(12).toString('base64url')}`;
  const currency = context.settings().currency;
  context.journal.openOrder({ id: orderId, kind: 'credit', amountMinor: request.amountMinor, currency, operatorId: request.operatorId });
  const { row } = await runAttempt(
    context,
    { kind: 'credit', owner: { orderId }, amountMinor: request.amountMinor, currency, card: card.summary, operatorId: request.operatorId, managerId },
    (transactionId) => ({ operation: 'credit', input: { reference: { code: orderId, transactionId }, amount: request.amountMinor, currency, ...card.payment } }),
  );
  return { orderId, credit: gatewayStep(row), receipt: isApproved(row) ? receiptOf(context, row) : null };
}
