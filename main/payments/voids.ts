/**
 * Manager voids of today's captures and sales (and of refunds, for refunds.ts): only before the
 * batch settles, one manager approval per void, and after a capture is voided its authorization
 * reversed so the customer's funds are not left held (the guide's advice; on by default).
 */
import type { GatewayStep } from '../../preload/channels/hotel';
import { businessDayAt } from '../business-day';
import { TerminalError } from '../errors';
import type { VoidInput } from '../gateway/inputs';
import { ownerOf, runAttempt } from './attempt-runner';
import { releaseHold, type HoldRelease } from './card-charge';
import { asTerminalError } from './flow-error';
import { authorizedTotal, gatewayIdOf, gatewayStep, isApproved } from './gateway-steps';
import { refusal, refusalAfterSending } from './hotel-errors';
import type { AttemptKind, AttemptRow, TimeWindow } from './journal/records';
import type { ManagerApproval, ManagerGate } from './manager-approval';
import type { PaymentContext } from './payment-context';

export interface ManagerFlowDeps {
  context: PaymentContext;
  approve: ManagerGate;
}

/**
 * The open batch: the store's current business day. The sandbox settles at the same cut-off (the
 * terminal passes it its rule); anything older has settled and is refunded instead.
 */
export function openBatchWindow(context: PaymentContext): TimeWindow {
  return businessDayAt(context.clock(), context.settings().businessDay);
}

export function listVoidable(context: PaymentContext) {
  return context.journal
    .voidableCaptures(openBatchWindow(context))
    .map(({ transactionId, kind, ownerKind, reference, currency, approvedMinor, maskedPan, cardBrand, approvalCode, operatorId, createdAtMs }) => ({
      transactionId, kind, ownerKind, reference, currency, approvedMinor, maskedPan, cardBrand, approvalCode, operatorId, createdAtMs,
    }));
}

/** Where each voidable kind lives at the gateway: forced captures and late charges go out as sales. */
const voidTargets: Partial<Record<AttemptKind, VoidInput['target']>> = { capture: 'capture', sale: 'sale', 'forced-capture': 'sale', mit: 'sale', refund: 'refund', credit: 'credit' };

export interface VoidRequest {
  operatorId: string;
  transactionId: string;
  releaseHold: boolean;
  approval: ManagerApproval;
}

export async function voidCapture(
  deps: ManagerFlowDeps,
  request: VoidRequest,
): Promise<{ void: GatewayStep; release: HoldRelease | null }> {
  const { context } = deps;
  const target = voidableAttempt(context, request.transactionId, paymentKinds);
  const managerId = await deps.approve({ approval: request.approval, operatorId: request.operatorId, action: 'void', subject: target.transactionId });
  return voidPayment(context, target, { operatorId: request.operatorId, managerId, releaseHold: request.releaseHold });
}

/** The payments a manager may void (before the batch settles) or refund (after). */
export const paymentKinds: readonly AttemptKind[] = ['sale', 'capture', 'forced-capture', 'mit'];

/** Voids an approved payment already found voidable and approved by `managerId`; a voided capture's hold is released when asked. */
export async function voidPayment(
  context: PaymentContext,
  target: AttemptRow,
  { operatorId, managerId, releaseHold }: { operatorId: string; managerId: string; releaseHold: boolean },
): Promise<{ void: GatewayStep; release: HoldRelease | null }> {
  const voided = await sendVoid(context, target, operatorId, managerId);
  let release: HoldRelease | null = null;
  if (voided.status === 'approved' && target.kind === 'capture' && releaseHold) {
    try {
      release = await releaseHoldUnder(context, target, operatorId);
    } catch (caught) {
      // The void stands either way: the screen shows why the hold is still there.
      const error = asTerminalError(caught);
      if (!(error instanceof TerminalError)) throw error;
      release = { released: false, message: error.message };
    }
  }
  return { void: voided, release };
}

/**
 * An approved attempt of one of `kinds` from the open batch that can still be voided; refuses
 * (before any PIN is asked) what cannot, saying what to do instead.
 */
export function voidableAttempt(context: PaymentContext, transactionId: string, kinds: readonly AttemptKind[]): AttemptRow {
  const target = context.journal.attempt(transactionId);
  if (!target) throw refusal('NOT_FOUND', 'transactionId', `no transaction ${transactionId}`);
  if (!kinds.includes(target.kind)) throw refusal('WRONG_STATE', 'transactionId', `a ${target.kind} cannot be voided here (voidable: ${kinds.join(', ')})`);
  if (!isApproved(target)) throw refusal('WRONG_STATE', 'transactionId', `${target.kind} ${transactionId} is ${target.status}: only an approved one can be voided`);
  const siblings = context.journal.history(ownerOf(target)).filter((row) => row.parentTransactionId === transactionId);
  if (siblings.some((row) => row.kind === 'void' && ['approved', 'pending', 'unknown'].includes(row.status))) {
    throw refusal('WRONG_STATE', 'transactionId', `${target.kind} ${transactionId} is already voided (or its void is in doubt)`);
  }
  const zNumber = context.journal.zNumberOf(transactionId);
  if (zNumber !== null) {
    throw refusal('SETTLED', 'transactionId', `${target.kind} ${transactionId} was closed into Z report #${zNumber} and cannot be voided: refund it instead`);
  }
  if (target.createdAtMs < openBatchWindow(context).fromMs) {
    throw refusal('SETTLED', 'transactionId', `${target.kind} ${transactionId} settled with an earlier batch and cannot be voided: refund it instead`);
  }
  if (siblings.some((row) => row.kind === 'refund' && isApproved(row))) {
    throw refusal('WRONG_STATE', 'transactionId', `${target.kind} ${transactionId} has refunds and cannot be voided: refund the rest instead`);
  }
  return target;
}

export async function sendVoid(context: PaymentContext, target: AttemptRow, operatorId: string, managerId: string): Promise<GatewayStep> {
  const kind = voidTargets[target.kind];
  if (kind === undefined) throw refusal('WRONG_STATE', 'transactionId', `a ${target.kind} cannot be voided`);
  const { row, outcome } = await runAttempt(
    context,
    {
      kind: 'void',
      owner: ownerOf(target),
      amountMinor: target.approvedMinor ?? target.amountMinor,
      currency: target.currency,
      parentTransactionId: target.transactionId,
      operatorId,
      managerId,
    },
    (transactionId) => ({ operation: 'void', input: { target: kind, id: gatewayIdOf(target), reference: { code: target.reference, transactionId } } }),
  );
  if (outcome.kind === 'invalid-request' && outcome.reason === 'NOT_VOIDABLE') {
    // The batch closed before the cutoff we assume (or the gateway settled early): the money moved, refund it.
    throw refusalAfterSending('SETTLED', 'transactionId', `the gateway will not void ${target.kind} ${target.transactionId} (${outcome.message ?? 'NOT_VOIDABLE'}): it has settled; refund it instead`);
  }
  return gatewayStep(row);
}

/** The authorization under a voided capture, reversed for everything it still holds; null when there is none left. */
async function releaseHoldUnder(context: PaymentContext, capture: AttemptRow, operatorId: string): Promise<HoldRelease | null> {
  const auth = capture.parentTransactionId === null ? undefined : context.journal.attempt(capture.parentTransactionId);
  if (!auth || auth.kind !== 'authorize' || !isApproved(auth)) return null;
  const history = context.journal.history(ownerOf(auth));
  if (history.some((row) => row.kind === 'reversal' && row.parentTransactionId === auth.transactionId && isApproved(row))) return null;
  return releaseHold(context, auth, authorizedTotal(history, auth), operatorId);
}
