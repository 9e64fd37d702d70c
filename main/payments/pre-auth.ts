/**
 * Pre-authorizations: an authorization with authIndicator "0" (the amount may still grow), listed
 * with their age (warn at 25 days, flag at 30: the guide says capture within 30), captured once
 * with the final amount — a final above the hold first asks for an incremental authorization of
 * the difference — or released with a reversal of everything held.
 */
import type { PreAuth } from '../../preload/channels/sales';
import { formatMinorUnits } from '../../preload/currency';
import { TerminalError } from '../errors';
import { assertWithinMaximum } from './amount-limit';
import { runAttempt } from './attempt-runner';
import { chargeCard, releaseHold, unpaidResult } from './card-charge';
import { assertMayTryCard } from './decline-policy';
import { refusalOf, RefusedAfterSending } from './flow-error';
import { once } from './idempotent-call';
import type { AttemptRow, OrderRow } from './journal/records';
import { newReference, type PaymentContext } from './payment-context';
import { exclusively } from './payment-runtime';
import { takePresentedCard } from './presented-card';
import { receiptOf, withHoldRemainder } from './receipt';
import { assertAcceptingWork, leftNothing } from './recovery';

const dayMs = 24 * 60 * 60_000;
export const preAuthWarnDays = 25;
export const preAuthFlagDays = 30;

interface OrderCall {
  idempotencyKey: string;
  operatorId: string;
  orderId: string;
}

/** The approved authorization that opened the pre-auth: follow-ons (increment, capture, reversal) name it. */
function authorizationOf(context: PaymentContext, orderId: string): AttemptRow | undefined {
  return context.journal.history({ orderId }).find((row) => row.kind === 'authorize' && (row.status === 'approved' || row.status === 'partially-approved'));
}

export function preAuthView(context: PaymentContext, order: OrderRow): PreAuth {
  const authorization = authorizationOf(context, order.id);
  const ageDays = Math.max(0, Math.floor((context.clock().getTime() - order.createdAtMs) / dayMs));
  return {
    orderId: order.id,
    state: order.state,
    currency: order.currency,
    authorizedMinor: order.authorizedMinor,
    capturedMinor: order.capturedMinor,
    maskedPan: authorization?.maskedPan ?? null,
    brand: authorization?.cardBrand ?? null,
    approvalCode: authorization?.approvalCode ?? null,
    gatewayId: authorization?.gatewayId ?? null,
    createdAt: new Date(order.createdAtMs).toISOString(),
    ageDays,
    ageStatus: ageDays >= preAuthFlagDays ? 'flag' : ageDays >= preAuthWarnDays ? 'warn' : 'ok',
  };
}

/** Open pre-auths (authorized, not yet captured or released), oldest first. */
export function listPreAuths(context: PaymentContext): PreAuth[] {
  return context.journal.openPreAuths().map((order) => preAuthView(context, order));
}

export function createPreAuth(context: PaymentContext, request: { idempotencyKey: string; operatorId: string; amountMinor: number; cardHandle: string }) {
  return once(context, 'preauth.create', request, async () => {
    assertWithinMaximum(context, 'amountMinor', request.amountMinor);
    assertAcceptingWork(context);
    const card = await takePresentedCard(context, request.cardHandle);
    assertMayTryCard(context, card.summary.fingerprint);
    const orderId = newReference('PRE');
    const { amountMinor, operatorId } = request;
    context.journal.openOrder({ id: orderId, kind: 'pre-auth', amountMinor, currency: context.settings().currency, operatorId });
    const charge = await chargeCard(context, { owner: { orderId }, reference: orderId, kind: 'authorize', amountMinor, card, operatorId, preAuthorization: true });
    switch (charge.outcome) {
      case 'approved':
      case 'partially-approved':
        return { outcome: 'approved' as const, preAuth: preAuthView(context, existingPreAuth(context, orderId)) };
      default:
        return unpaidResult(charge);
    }
  });
}

function existingPreAuth(context: PaymentContext, orderId: string): OrderRow {
  const order = context.journal.order(orderId);
  if (!order || order.kind !== 'pre-auth') throw new TerminalError('NOT_FOUND', `no pre-auth ${orderId}`, [{ field: 'orderId', message: 'unknown pre-auth' }]);
  return order;
}

/** A pre-auth that can still be captured or released, with the authorization it rests on. */
function authorizedPreAuth(context: PaymentContext, orderId: string, action: 'capture' | 'release'): { order: OrderRow; authorization: AttemptRow; paymentId: string } {
  const order = existingPreAuth(context, orderId);
  const authorization = authorizationOf(context, orderId);
  if (order.state !== 'authorized' || !authorization?.gatewayId) {
    throw new TerminalError('WRONG_STATE', `pre-auth ${orderId} is ${order.state}: only an authorized pre-auth can be ${action === 'capture' ? 'captured' : 'released'}`);
  }
  return { order, authorization, paymentId: authorization.gatewayId };
}

export function capturePreAuth(context: PaymentContext, request: OrderCall & { amountMinor: number }) {
  return once(context, 'preauth.capture', request, () =>
    exclusively(context, `order:${request.orderId}`, async () => {
      const { order, authorization, paymentId } = authorizedPreAuth(context, request.orderId, 'capture');
      assertWithinMaximum(context, 'amountMinor', request.amountMinor);
      assertAcceptingWork(context);
      const held = order.authorizedMinor - order.capturedMinor;
      const incrementedMinor = request.amountMinor > held ? await raiseHold(context, order, authorization, paymentId, request.amountMinor - held, request.operatorId) : 0;
      const { row, outcome, resolution } = await runAttempt(
        context,
        { kind: 'capture', owner: { orderId: order.id }, amountMinor: request.amountMinor, currency: order.currency, parentTransactionId: authorization.transactionId, operatorId: request.operatorId },
        (transactionId) => ({ operation: 'capture', input: { paymentId, reference: { code: order.id, transactionId }, amount: request.amountMinor, currency: order.currency } }),
      );
      if (outcome.kind === 'approved') {
        return { outcome: 'captured' as const, receipt: withHoldRemainder(receiptOf(context, row), held + incrementedMinor), preAuth: preAuthView(context, existingPreAuth(context, order.id)), incrementedMinor };
      }
      if (resolution) {
        const undone = leftNothing(resolution.result);
        return undone ? { outcome: 'not-charged' as const, message: resolution.message } : { outcome: 'in-doubt' as const, transactionId: row.transactionId, message: resolution.message };
      }
      throw refusalOf('capture', outcome);
    }),
  );
}

/**
 * Asks for an incremental authorization of `extraMinor` so the final amount fits the hold; refuses
 * the capture (and sends nothing more) when it is not fully approved.
 */
async function raiseHold(context: PaymentContext, order: OrderRow, authorization: AttemptRow, paymentId: string, extraMinor: number, operatorId: string): Promise<number> {
  const money = (minor: number) => `${formatMinorUnits(minor, order.currency)} ${order.currency}`;
  const held = order.authorizedMinor - order.capturedMinor;
  assertMayTryCard(context, authorization.cardFingerprint, order.id);
  const { row, outcome } = await runAttempt(
    context,
    { kind: 'incremental', owner: { orderId: order.id }, amountMinor: extraMinor, currency: order.currency, parentTransactionId: authorization.transactionId, operatorId },
    (transactionId) => ({ operation: 'increment', input: { paymentId, reference: { code: order.id, transactionId }, additionalAmount: extraMinor, currency: order.currency } }),
  );
  const refused = `the capture of ${money(held + extraMinor)} was not made: capture at most ${money(held)}, or release the pre-auth`;
  switch (outcome.kind) {
    case 'approved':
      return row.approvedMinor ?? extraMinor;
    case 'partially-approved':
      throw new RefusedAfterSending('DECLINED', `the incremental authorization of ${money(extraMinor)} was approved for only ${money(row.approvedMinor ?? 0)}; ${refused}`);
    case 'declined':
      throw new RefusedAfterSending('DECLINED', `the incremental authorization of ${money(extraMinor)} was declined (${outcome.reason}); ${refused}`);
    case 'unknown-outcome':
      throw new RefusedAfterSending('DISCONNECTED', `no usable answer to the incremental authorization of ${money(extraMinor)}; ${refused}`);
    default:
      throw refusalOf('incremental authorization', outcome);
  }
}

/** Releases a pre-auth: a reversal of the whole amount held, increments included. */
export function releasePreAuth(context: PaymentContext, request: OrderCall) {
  return once(context, 'preauth.release', request, () =>
    exclusively(context, `order:${request.orderId}`, async () => {
      const { order, authorization } = authorizedPreAuth(context, request.orderId, 'release');
      assertAcceptingWork(context);
      const release = await releaseHold(context, authorization, order.authorizedMinor, request.operatorId);
      const preAuth = preAuthView(context, existingPreAuth(context, order.id));
      if (release.released) return { outcome: 'released' as const, preAuth };
      const pending = context.journal.unresolvedAttempts().find((row) => row.reference === order.id && row.kind === 'reversal');
      if (pending) return { outcome: 'in-doubt' as const, transactionId: pending.transactionId, message: release.message };
      throw new RefusedAfterSending('GATEWAY_REFUSED', `pre-auth ${order.id} was not released: ${release.message}`);
    }),
  );
}
