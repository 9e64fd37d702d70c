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
  /**
   * A capture below the hold: the part of the hold not taken. The gateway takes no partial reversal,
   * so it is not charged and falls off the card by itself when the issuer lets the authorization expire.
   */
  holdRemainder: z.object({ amountMinor: z.int().positive(), fallsOffWithinDays: z.int().positive() }).optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/** A presented card as the renderer may know it: masked, with the handle main keeps the card data under. */
export const CardRead = z.object({
  handle: z.string(),
  entryMode: z.enum(['swiped', 'inserted', 'tapped', 'keyed']),
  maskedPan: z.string(),
  brand: z.string(),
  expiry: z.object({ month: z.int(), year: z.int() }),
  cardholderName: z.string().optional(),
});
export type CardRead = z.infer<typeof CardRead>;

/** A business date of the store (`YYYY-MM-DD`, its own time zone and cut-off hour). */
export const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Why a card was declined and whether the terminal will let it be tried again (the guide's retry rules). */
export const Decline = z.object({
  reason: z.string(),
  message: z.string().nullable(),
  /** Response-insights category: 01 never retry; 02–04 and others at most 15 declines per card in 30 business days. */
  category: z.string().nullable(),
  retryAllowed: z.boolean(),
  /** Declines of this card in the last 30 business days, this one included. */
  declinesInWindow: z.int().nonnegative(),
  /** The most declines a card may have in the window (15): the screens show the count when it is close. */
  declineLimit: z.int().positive(),
  /** The store's business day of the decline. */
  declinedOn: BusinessDate.optional(),
  /** The order or split session the declined attempt was for: a retry of the same sale names it (`retryOf`). */
  reference: z.string().optional(),
  /**
   * The issuer asked for a phone call (CONTACT_PROCESSOR): the amount and the same card under a new
   * handle, kept long enough for the call, for a voice authorization.
   */
  callIssuer: z.object({ amountMinor: z.int().positive(), card: CardRead }).optional(),
  /** Declined by the terminal's offline rules (the gateway was out of reach), not by the issuer. */
  offline: z.boolean().optional(),
});
export type Decline = z.infer<typeof Decline>;

/**
 * A card the retry rules hold back, before anything was sent. issuer-never-approves: a category 01
 * decline on another transaction within 30 business days (a manager's PIN may let it through);
 * same-transaction: category 01 on this very transaction; retry-limit: 15 declines in 30 business days.
 */
export const CardRefusal = z.object({
  rule: z.enum(['issuer-never-approves', 'same-transaction', 'retry-limit']),
  /** The day of the category 01 decline (for the limit: of the oldest decline counted). */
  declinedOn: BusinessDate,
  /** The first business day the card is treated like any other again. */
  clearsOn: BusinessDate,
  declinesInWindow: z.int().nonnegative(),
  declineLimit: z.int().positive(),
  /** Whether a manager's PIN may let the card through for this transaction. */
  overridable: z.boolean(),
  /** The same card under a new handle (the attempt used up the old one), so an override needs no second swipe. */
  card: CardRead.nullable(),
});
export type CardRefusal = z.infer<typeof CardRefusal>;
