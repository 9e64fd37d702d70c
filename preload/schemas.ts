/**
 * Building blocks the channel groups share, so every flow validates money, people and
 * idempotency keys the same way. Imports nothing from the contract (the contract imports the groups).
 */
import { z } from 'zod';
import { currencyCodes } from './currency';

/** Integer minor units, positive, at most the absolute ceiling (the configured maximum is checked in main). */
export const AmountMinor = z
  .int('must be a whole number of minor units')
  .positive('must be more than zero')
  .max(99_999_999, 'must be at most 99999999 minor units');

export const CurrencyCode = z.enum(currencyCodes);

/** Who is at the till: every money-moving call names its operator. */
export const OperatorId = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1 to 32 letters, digits, dots, dashes or underscores');

/** Chosen by the caller per user action; the same key again returns the first result and sends nothing. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, dashes or underscores');

/** One manager's approval of one action: never a session. */
export const ManagerApproval = z.strictObject({
  managerId: OperatorId,
  pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
});

/** The opaque handle main gives for a presented or keyed card; the card data itself never leaves main. */
export const CardHandle = z.string().regex(/^card_[0-9a-f]{32}$/, 'must be a card handle from the reader or keyed entry');

/** A card as the screens may show it. */
export const MaskedCard = z.object({
  maskedPan: z.string(),
  brand: z.string(),
  entryMode: z.string(),
});

/** An order, pre-auth or split-tender session id as main hands it out (`clientReferenceInformation.code`). */
export const ReferenceId = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, 'must be an id the terminal gave (letters, digits, - or _)');

/** A moment, as an ISO 8601 UTC timestamp. */
export const Timestamp = z.iso.datetime();

/** What a customer's receipt prints for one approved card payment. */
export const Receipt = z.object({
  storeName: z.string(),
  terminalId: z.string(),
  /** The order, pre-auth or session the payment belongs to. */
  orderId: ReferenceId,
  /** A refund or credit gives money back; the receipt says so. */
  kind: z.enum(['sale', 'capture', 'refund', 'credit']),
  amountMinor: z.int().nonnegative(),
  currency: CurrencyCode,
  maskedPan: z.string(),
  brand: z.string(),
  entryMode: z.string(),
  approvalCode: z.string().nullable(),
  gatewayId: z.string(),
  transactionId: z.string(),
  time: Timestamp,
  /** Approved by the terminal while the gateway was out of reach; forwarded later (the receipt says so). */
  approvedOffline: z.boolean().optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/** Why a card was declined and whether the terminal will let it be tried again (the guide's retry rules). */
export const Decline = z.object({
  reason: z.string(),
  message: z.string().nullable(),
  /** Response-insights category: 01 never retry; 02–04 and others at most 15 declines per card in 30 days. */
  category: z.string().nullable(),
  retryAllowed: z.boolean(),
  /** Declines of this card in the last 30 days, this one included. */
  declinesInWindow: z.int().nonnegative(),
  /** Declined by the terminal's offline rules (the gateway was out of reach), not by the issuer. */
  offline: z.boolean().optional(),
});
export type Decline = z.infer<typeof Decline>;
