/** Channels for the counter's money flows: sale, pre-auth, split tender, recovery. */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { AmountMinor, CardHandle, CardRefusal, CurrencyCode, Decline, IdempotencyKey, ManagerApproval, OperatorId, Receipt, ReferenceId, Timestamp } from '../schemas';

const NoArguments = z.undefined();

/** Every money-moving call: who, and the key that makes a repeat harmless. */
const moneyCall = { idempotencyKey: IdempotencyKey, operatorId: OperatorId };

const Minor = z.int().nonnegative();

export const Tender = z.object({
  kind: z.enum(['card', 'cash']),
  amountMinor: Minor,
  /** authorized (card, not yet captured), captured, reversed, or recorded (cash). */
  state: z.enum(['authorized', 'captured', 'reversed', 'recorded']),
  maskedPan: z.string().nullable(),
  brand: z.string().nullable(),
  approvalCode: z.string().nullable(),
  gatewayId: z.string().nullable(),
});

export const SplitSession = z.object({
  sessionId: ReferenceId,
  state: z.enum(['open', 'completed', 'cancelling', 'cancelled']),
  currency: CurrencyCode,
  totalMinor: Minor,
  paidMinor: Minor,
  balanceDueMinor: Minor,
  /** When an unfinished session's partial authorizations are reversed. */
  expiresAt: Timestamp,
  /** For the countdown on screen; 0 once past the deadline or no longer open. */
  secondsLeft: z.int().nonnegative(),
  tenders: z.array(Tender),
  /** Cash taken that goes back to the customer because the session was cancelled. */
  cashToReturnMinor: Minor,
});
export type SplitSession = z.infer<typeof SplitSession>;

export const PreAuth = z.object({
  orderId: ReferenceId,
  state: z.enum(['open', 'authorized', 'paid', 'declined', 'failed', 'released', 'voided', 'refunded', 'cancelled']),
  currency: CurrencyCode,
  authorizedMinor: Minor,
  capturedMinor: Minor,
  maskedPan: z.string().nullable(),
  brand: z.string().nullable(),
  approvalCode: z.string().nullable(),
  gatewayId: z.string().nullable(),
  createdAt: Timestamp,
  ageDays: z.int().nonnegative(),
  /** warn from 25 days, flag from 30 (the guide: capture within 30 days). */
  ageStatus: z.enum(['ok', 'warn', 'flag']),
});
export type PreAuth = z.infer<typeof PreAuth>;

/** The gateway never answered usably and the attempt was undone (or never reached it): nothing was charged. */
const NotCharged = z.object({ outcome: z.literal('not-charged'), message: z.string() });
/** No usable answer and it could not be undone yet: recovery settles it; do not retry with a new key before it has. */
const InDoubt = z.object({ outcome: z.literal('in-doubt'), transactionId: z.string(), message: z.string() });
const Declined = z.object({ outcome: z.literal('declined'), decline: Decline });

export const SaleResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approved'), receipt: Receipt }),
  /** Only with allowPartial: part of the amount is held on the card, the rest is due on the session. */
  z.object({ outcome: z.literal('partially-approved'), approvedMinor: Minor, session: SplitSession }),
  Declined,
  /** Nothing sent: the retry rules hold this card back (the refusal says why, until when, and whether a manager may let it through). */
  z.object({ outcome: z.literal('card-refused'), refusal: CardRefusal }),
  NotCharged,
  InDoubt,
]);
export type SaleResult = z.infer<typeof SaleResult>;

export const PreAuthResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approved'), preAuth: PreAuth }),
  Declined,
  NotCharged,
  InDoubt,
]);

export const CaptureResult = z.discriminatedUnion('outcome', [
  /** incrementedMinor: what an incremental authorization added first (0 when the final fit the hold). */
  z.object({ outcome: z.literal('captured'), receipt: Receipt, preAuth: PreAuth, incrementedMinor: Minor }),
  NotCharged,
  InDoubt,
]);

export const ReleaseResult = z.discriminatedUnion('outcome', [z.object({ outcome: z.literal('released'), preAuth: PreAuth }), InDoubt]);

export const TenderResult = z.object({
  outcome: z.enum(['approved', 'partially-approved', 'declined', 'not-charged', 'in-doubt']),
  /** What this tender added to the session. */
  approvedMinor: Minor,
  session: SplitSession,
  decline: Decline.optional(),
  message: z.string().optional(),
});

export const RecoveryItem = z.object({
  transactionId: z.string(),
  kind: z.string(),
  orderId: z.string(),
  amountMinor: Minor,
  currency: CurrencyCode,
  maskedPan: z.string().nullable(),
  /** What recovery did about it. */
  action: z.enum(['timeout-reversal', 'timeout-void', 'lookup', 'none']),
  /**
   * undone: reversed or voided; never-happened: the gateway has no record of it; confirmed: it
   * happened and stands; needs-attention: the gateway answered but it cannot be undone from here;
   * unreachable: no answer, tried again on the next run.
   */
  result: z.enum(['undone', 'never-happened', 'confirmed', 'not-done', 'needs-attention', 'unreachable']),
  message: z.string(),
});
export type RecoveryItem = z.infer<typeof RecoveryItem>;

export const RecoveryReport = z.object({
  /** idle: not run yet; finished: new work is accepted; incomplete: some attempts could not be resolved (money calls refused). */
  state: z.enum(['idle', 'running', 'finished', 'incomplete']),
  startedAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
  items: z.array(RecoveryItem),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;

export const salesChannels = {
  /**
   * A sale (authorization with capture). allowPartial: a partial approval opens a split-tender session for the rest.
   * retryOf / override: the decline rules (a card declined "will never approve" on another sale needs a manager).
   */
  'sale.charge': {
    args: z.strictObject({
      ...moneyCall,
      amountMinor: AmountMinor,
      cardHandle: CardHandle,
      allowPartial: z.boolean().optional(),
      /** The `reference` of the decline this attempt repeats (the same sale, tried again). */
      retryOf: ReferenceId.optional(),
      /** A manager letting through a card the issuer declined as "will never approve" on another sale. */
      override: ManagerApproval.optional(),
    }),
    result: SaleResult,
  },
  'preauth.create': { args: z.strictObject({ ...moneyCall, amountMinor: AmountMinor, cardHandle: CardHandle }), result: PreAuthResult },
  'preauth.list': { args: NoArguments, result: z.array(PreAuth) },
  /** A final amount above the hold first asks for an incremental authorization of the difference. */
  'preauth.capture': { args: z.strictObject({ ...moneyCall, orderId: ReferenceId, amountMinor: AmountMinor }), result: CaptureResult },
  'preauth.release': { args: z.strictObject({ ...moneyCall, orderId: ReferenceId }), result: ReleaseResult },
  'split.list': { args: NoArguments, result: z.array(SplitSession) },
  'split.addCard': {
    args: z.strictObject({ ...moneyCall, sessionId: ReferenceId, amountMinor: AmountMinor, cardHandle: CardHandle }),
    result: TenderResult,
  },
  'split.addCash': { args: z.strictObject({ ...moneyCall, sessionId: ReferenceId, amountMinor: AmountMinor }), result: SplitSession },
  /** Captures every card tender once the balance is zero (done by itself when the last tender lands; this retries). */
  'split.complete': { args: z.strictObject({ ...moneyCall, sessionId: ReferenceId }), result: SplitSession },
  'split.cancel': { args: z.strictObject({ ...moneyCall, sessionId: ReferenceId }), result: SplitSession },
  'recovery.report': { args: NoArguments, result: RecoveryReport },
  /** Runs recovery again (after the gateway came back); money calls stay refused until it finishes. */
  'recovery.run': { args: NoArguments, result: RecoveryReport },
} as const satisfies ChannelTable;
