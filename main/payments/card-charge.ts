/**
 * The first money asked of a presented card (a sale, or an authorization for a pre-auth or a
 * split tender), sent and read the same way by every flow: approved, partially approved,
 * declined (with the retry verdict), or no usable answer (undone at once when it can be).
 */
import type { Decline } from '../../preload/schemas';
import { TerminalError } from '../errors';
import type { AuthorizeInput } from '../gateway/inputs';
import { ownerOf, runAttempt } from './attempt-runner';
import { callIssuerCardTtlMs, declineOf, isCallIssuer } from './decline-policy';
import { refusalOf } from './flow-error';
import type { AttemptOwner, AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import type { PresentedCard } from './presented-card';
import { leftNothing } from './recovery';

export type CardCharge =
  | { outcome: 'approved' | 'partially-approved'; row: AttemptRow }
  | { outcome: 'declined'; row: AttemptRow; decline: Decline }
  | { outcome: 'not-charged' | 'in-doubt'; row: AttemptRow; message: string };

/** A charge that did not (or may not have) come through. */
export type UnpaidCharge = Exclude<CardCharge, { outcome: 'approved' | 'partially-approved' }>;

/** What every flow answers for a charge that did not come through: the decline, or whether anything may be held. */
export function unpaidResult(
  charge: UnpaidCharge,
): { outcome: 'declined'; decline: Decline } | { outcome: 'not-charged'; message: string } | { outcome: 'in-doubt'; transactionId: string; message: string } {
  switch (charge.outcome) {
    case 'declined':
      return { outcome: 'declined', decline: charge.decline };
    case 'not-charged':
      return { outcome: 'not-charged', message: charge.message };
    case 'in-doubt':
      return { outcome: 'in-doubt', transactionId: charge.row.transactionId, message: charge.message };
  }
}

export interface CardChargeRequest {
  owner: AttemptOwner;
  /** clientReferenceInformation.code: the order or session id. */
  reference: string;
  kind: 'sale' | 'authorize';
  amountMinor: number;
  card: PresentedCard;
  operatorId: string;
  /** partialAuthIndicator: a card with less on it approves what it has. */
  partial?: boolean;
  /** authIndicator "0": the amount may still grow by incremental authorizations. */
  preAuthorization?: boolean;
}

export async function chargeCard(context: PaymentContext, request: CardChargeRequest): Promise<CardCharge> {
  const { currency } = context.settings();
  const { card } = request;
  const { row, outcome, resolution } = await runAttempt(
    context,
    { kind: request.kind, owner: request.owner, amountMinor: request.amountMinor, currency, card: card.summary, operatorId: request.operatorId },
    (transactionId) => {
      const input: AuthorizeInput = { reference: { code: request.reference, transactionId }, amount: request.amountMinor, currency, ...card.payment };
      if (request.partial) input.partialAuthorization = true;
      if (request.preAuthorization) input.authorizationKind = 'pre';
      return { operation: request.kind, input };
    },
  );
  switch (outcome.kind) {
    case 'approved':
    case 'partially-approved':
      return { outcome: outcome.kind, row };
    case 'declined': {
      const decline = declineOf(context, outcome, row, card);
      // A sale the issuer wants a call about goes on as a voice authorization (a forced sale) of the same amount and card.
      if (request.kind === 'sale' && isCallIssuer(outcome)) decline.callIssuer = { amountMinor: request.amountMinor, card: card.handBack(callIssuerCardTtlMs) };
      return { outcome: 'declined', row, decline };
    }
    case 'invalid-request':
    case 'authentication-failed':
      throw refusalOf(request.kind === 'sale' ? 'sale' : 'authorization', outcome);
    case 'unknown-outcome': {
      // Never sent: nothing can have happened, and the same key may simply be tried again.
      if (!resolution) throw new TerminalError('DISCONNECTED', `the gateway could not be reached: ${outcome.message}; nothing was charged`);
      return { outcome: leftNothing(resolution.result) ? 'not-charged' : 'in-doubt', row, message: resolution.message };
    }
  }
}

export type HoldRelease = { released: true } | { released: false; message: string };

/**
 * Reverses an approved authorization's whole hold (the gateway takes only the full authorized
 * amount, increments included). A lost answer is confirmed by looking the authorization up.
 */
export async function releaseHold(context: PaymentContext, authorization: AttemptRow, heldMinor: number, operatorId: string): Promise<HoldRelease> {
  const paymentId = authorization.gatewayId;
  if (paymentId === null) return { released: false, message: `authorization ${authorization.transactionId} has no gateway id` };
  const { outcome, resolution } = await runAttempt(
    context,
    { kind: 'reversal', owner: ownerOf(authorization), amountMinor: heldMinor, currency: authorization.currency, parentTransactionId: authorization.transactionId, operatorId },
    (transactionId) => ({
      operation: 'reversal',
      input: { paymentId, reference: { code: authorization.reference, transactionId }, amount: heldMinor, currency: authorization.currency },
    }),
  );
  if (outcome.kind === 'approved') return { released: true };
  if (resolution) return resolution.result === 'confirmed' ? { released: true } : { released: false, message: resolution.message };
  return { released: false, message: refusalOf('reversal', outcome).message };
}
