/**
 * Channels for the transaction history (search, one transaction and what happened to it, a copy of
 * its receipt, refunding or voiding it) and for a refund without the original sale (a credit).
 */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { AmountMinor, CardHandle, CurrencyCode, IdempotencyKey, ManagerApproval, OperatorId, Receipt, ReferenceId } from '../schemas';
import { GatewayStep } from './hotel';

const moneyMoving = { idempotencyKey: IdempotencyKey, operatorId: OperatorId };

export const historyKinds = ['sale', 'capture', 'forced-capture', 'mit', 'credit', 'refund'] as const;

/** One transaction as the history lists it, with what happened to it since. */
export const HistoryEntry = GatewayStep.extend({
  kind: z.enum(historyKinds),
  ownerKind: z.enum(['order', 'tab', 'session']),
  /** The order, tab or split-tender session: clientReferenceInformation.code. */
  reference: z.string(),
  /** The transaction a refund refunds; null for the others. */
  parentTransactionId: z.string().nullable(),
  currency: CurrencyCode,
  maskedPan: z.string().nullable(),
  cardBrand: z.string().nullable(),
  createdAtMs: z.number(),
  voided: z.boolean(),
  /** Refunds approved and not voided since. */
  refundedMinor: z.int().nonnegative(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A void or refund that acted on the transaction. */
export const FollowOn = GatewayStep.extend({ createdAtMs: z.number(), voided: z.boolean() });

export const TransactionDetail = z.object({
  entry: HistoryEntry,
  /** Its voids and refunds, oldest first. */
  followOns: z.array(FollowOn),
  /** What the card was charged (0 unless approved; a refund's or credit's own amount for those). */
  capturedMinor: z.int().nonnegative(),
  voidedMinor: z.int().nonnegative(),
  refundedMinor: z.int().nonnegative(),
  /** Captured less refunded and voided: the most a further refund may be. */
  refundableMinor: z.int().nonnegative(),
  /** Why a void is not offered; null when it is (the batch has not settled). */
  voidRefusal: z.string().nullable(),
  /** Why a refund is not offered; null when it is. */
  refundRefusal: z.string().nullable(),
  /** The follow-on refunds that may still be voided today. */
  voidableRefunds: z.array(z.string()),
  /** An approved payment, refund or credit: its receipt can be printed again. */
  hasReceipt: z.boolean(),
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;

export const HistoryQuery = z
  .strictObject({
    /** The store's business day, YYYY-MM-DD (settings.businessDay: time zone and cut-off hour). */
    businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD').optional(),
    amountMinor: AmountMinor.optional(),
    last4: z.string().regex(/^\d{4}$/, 'must be the last 4 digits of the card').optional(),
    approvalCode: z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'must be the approval code as printed (letters and digits)').optional(),
    operatorId: OperatorId.optional(),
    limit: z.int().min(1).max(200, 'must be at most 200').default(50),
  });
export type HistoryQuery = z.input<typeof HistoryQuery>;

export const HistoryResult = z.object({
  /** The business day searched; null when no date was given (then every day, newest first). */
  businessDay: z.object({ date: z.string(), from: z.iso.datetime(), to: z.iso.datetime() }).nullable(),
  entries: z.array(HistoryEntry),
  /** More matched than `limit`: narrow the search. */
  more: z.boolean(),
});

/** A receipt printed again: marked COPY, and saying whether it was a refund or a credit. */
export const ReceiptCopy = Receipt.extend({ copy: z.literal(true) });

export const historyChannels = {
  /** With no criterion at all, today's business day. */
  'history.search': { args: HistoryQuery, result: HistoryResult },
  'history.get': { args: z.strictObject({ transactionId: ReferenceId }), result: TransactionDetail },
  'history.reprint': { args: z.strictObject({ transactionId: ReferenceId }), result: ReceiptCopy },
  /**
   * Gives money back on a sale, capture, forced capture or late charge, with a manager's approval:
   * voided when the whole amount goes back before the batch settles (nothing moves), refunded
   * otherwise (or when the gateway will no longer void it). Several partial refunds may follow
   * each other up to what was captured.
   */
  'history.refund': {
    args: z.strictObject({
      ...moneyMoving,
      transactionId: ReferenceId,
      /** Omitted: everything still refundable. */
      amountMinor: AmountMinor.optional(),
      approval: ManagerApproval,
    }),
    result: z.object({ how: z.enum(['voided', 'refunded']), step: GatewayStep, detail: TransactionDetail }),
  },
  /** A refund without the original sale: money to the presented card as a stand-alone credit. */
  'refunds.credit': {
    args: z.strictObject({ ...moneyMoving, cardHandle: CardHandle, amountMinor: AmountMinor, approval: ManagerApproval }),
    result: z.object({ orderId: z.string(), credit: GatewayStep, receipt: Receipt.nullable() }),
  },
} as const satisfies ChannelTable;
