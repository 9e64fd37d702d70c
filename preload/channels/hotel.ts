/** Channels for the front desk and the manager: hotel tabs, voids, refunds, voice authorization. */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { AmountMinor, CardHandle, IdempotencyKey, ManagerApproval, OperatorId, Receipt, ReferenceId } from '../schemas';

const NoArguments = z.undefined();

/** A manager's own PIN: 4 to 8 digits, the same rule the approval schema applies. */
const Pin = ManagerApproval.shape.pin;

/** Every money-moving call: who, and the key that makes a double-click harmless. */
const moneyMoving = { idempotencyKey: IdempotencyKey, operatorId: OperatorId };

export const tabChargeCategories = ['room', 'room-service', 'minibar', 'extra-night', 'phone', 'laundry', 'damage', 'other'] as const;
const TabChargeCategory = z.enum(tabChargeCategories);
const Note = z.string().max(200, 'must be at most 200 characters').optional();

/** One gateway request as the screens see it: what was asked, what came back. */
export const GatewayStep = z.object({
  transactionId: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'approved', 'partially-approved', 'declined', 'invalid', 'failed', 'unknown', 'resolved']),
  amountMinor: z.number().int(),
  approvedMinor: z.number().int().nullable(),
  approvalCode: z.string().nullable(),
  declineReason: z.string().nullable(),
  /** Response-insight category of a decline (01 never retry … 04 generic). */
  insightCategory: z.string().nullable(),
  message: z.string().nullable(),
  operatorId: z.string(),
  managerId: z.string().nullable(),
});
export type GatewayStep = z.infer<typeof GatewayStep>;

export const TabCharge = z.object({
  id: z.number().int(),
  category: TabChargeCategory,
  amountMinor: z.number().int(),
  note: z.string(),
  operatorId: z.string(),
  createdAtMs: z.number(),
});

export const TabView = z.object({
  tabId: z.string(),
  guestName: z.string(),
  room: z.string(),
  nights: z.number().int(),
  nightlyRateMinor: z.number().int(),
  incidentalsMinor: z.number().int(),
  headroomMinor: z.number().int(),
  currency: z.string(),
  heldMinor: z.number().int(),
  folioMinor: z.number().int(),
  capturedMinor: z.number().int(),
  lateChargedMinor: z.number().int(),
  state: z.enum(['opening', 'open', 'flagged', 'checked-out', 'cancelled', 'declined']),
  /** The guest agreed to keep the card on file, and a TMS instrument identifier was stored. */
  cardOnFile: z.boolean(),
  maskedPan: z.string().nullable(),
  cardBrand: z.string().nullable(),
  /** Why the front desk must look at it: a declined incremental authorization (offer a second card). */
  flagReason: z.string().nullable(),
  openedAtMs: z.number(),
  closedAtMs: z.number().nullable(),
  charges: z.array(TabCharge),
});
export type TabView = z.infer<typeof TabView>;

/** The customer's receipt; `voiceAuthorized` marks a forced capture of a code the issuer gave by phone. */
export const FrontDeskReceipt = Receipt.extend({ voiceAuthorized: z.boolean() });
export type FrontDeskReceipt = z.infer<typeof FrontDeskReceipt>;

/** Whether a hold was released; when not, why (the screen shows it: the funds stay held). */
const HoldRelease = z.object({ released: z.boolean(), message: z.string().optional() });

const VoidableCapture = z.object({
  transactionId: z.string(),
  kind: z.enum(['sale', 'capture', 'forced-capture']),
  ownerKind: z.enum(['order', 'tab', 'session']),
  reference: z.string(),
  currency: z.string(),
  approvedMinor: z.number().int(),
  maskedPan: z.string().nullable(),
  cardBrand: z.string().nullable(),
  approvalCode: z.string().nullable(),
  operatorId: z.string(),
  createdAtMs: z.number(),
});

const ManagerSummary = z.object({
  managerId: z.string(),
  /** Set while wrong PINs have locked this manager out. */
  lockedUntilMs: z.number().nullable(),
});

export const hotelChannels = {
  'tabs.open': {
    args: z.strictObject({
      ...moneyMoving,
      cardHandle: CardHandle,
      guestName: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
      room: z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters'),
      nights: z.int('must be a whole number of nights').min(1, 'must be at least 1').max(99, 'must be at most 99'),
      nightlyRateMinor: AmountMinor,
      /** Held on top of the room for minibar, room service…; 0 for none. */
      incidentalsMinor: z.int('must be a whole number of minor units').min(0, 'must not be negative').max(99_999_999),
      /** Asked for on top of each incremental authorization, so small charges do not each need one. */
      headroomMinor: z.int('must be a whole number of minor units').min(0, 'must not be negative').max(99_999_999).default(0),
      /** The guest consented to keep the card on file (CIT + TMS), for a late charge after check-out. */
      storeCard: z.boolean().default(false),
    }),
    result: z.object({ tab: TabView, authorization: GatewayStep }),
  },
  'tabs.list': { args: NoArguments, result: z.array(TabView) },
  'tabs.get': {
    args: z.strictObject({ tabId: ReferenceId }),
    result: z.object({ tab: TabView, history: z.array(GatewayStep) }),
  },
  'tabs.addCharge': {
    args: z.strictObject({ ...moneyMoving, tabId: ReferenceId, category: TabChargeCategory, amountMinor: AmountMinor, note: Note }),
    /** `incremental` when the charge took the folio past the held amount. */
    result: z.object({ tab: TabView, chargeId: z.number().int(), incremental: GatewayStep.nullable() }),
  },
  'tabs.replaceCard': {
    args: z.strictObject({ ...moneyMoving, tabId: ReferenceId, cardHandle: CardHandle, storeCard: z.boolean().default(false) }),
    /** A new pre-authorization for the folio total; `release` reverses the old card's hold once it is approved. */
    result: z.object({ tab: TabView, authorization: GatewayStep, release: HoldRelease.nullable() }),
  },
  'tabs.checkout': {
    args: z.strictObject({ ...moneyMoving, tabId: ReferenceId }),
    /** `topUp`: an incremental asked for first when the folio passed the hold; no capture when it was not approved. */
    result: z.object({ tab: TabView, topUp: GatewayStep.nullable(), capture: GatewayStep.nullable(), receipt: FrontDeskReceipt.nullable() }),
  },
  'tabs.cancel': {
    args: z.strictObject({ ...moneyMoving, tabId: ReferenceId }),
    result: z.object({ tab: TabView, release: HoldRelease }),
  },
  'tabs.lateCharge': {
    args: z.strictObject({ ...moneyMoving, tabId: ReferenceId, category: TabChargeCategory, amountMinor: AmountMinor, note: Note, approval: ManagerApproval }),
    result: z.object({ tab: TabView, charge: GatewayStep, receipt: FrontDeskReceipt.nullable() }),
  },
  'voids.list': { args: NoArguments, result: z.array(VoidableCapture) },
  'voids.void': {
    args: z.strictObject({
      ...moneyMoving,
      transactionId: ReferenceId,
      /** After voiding a capture, reverse its authorization so the hold is released (the guide's advice). */
      releaseHold: z.boolean().default(true),
      approval: ManagerApproval,
    }),
    /** `release`: the hold under a voided capture (null for a sale, or when asked not to); the void stands either way. */
    result: z.object({ void: GatewayStep, release: HoldRelease.nullable() }),
  },
  'refunds.refund': {
    args: z.strictObject({
      ...moneyMoving,
      transactionId: ReferenceId,
      /** Omitted: everything still refundable. */
      amountMinor: AmountMinor.optional(),
      approval: ManagerApproval,
    }),
    result: z.object({ refund: GatewayStep, refundableMinor: z.number().int() }),
  },
  'refunds.void': {
    args: z.strictObject({ ...moneyMoving, refundTransactionId: ReferenceId, approval: ManagerApproval }),
    result: z.object({ void: GatewayStep, refundableMinor: z.number().int() }),
  },
  'voice.forceCapture': {
    args: z.strictObject({
      ...moneyMoving,
      cardHandle: CardHandle,
      amountMinor: AmountMinor,
      verbalAuthCode: z.string().regex(/^[A-Za-z0-9]{1,6}$/, 'must be the 1 to 6 character code the issuer gave'),
      approval: ManagerApproval,
    }),
    result: z.object({ orderId: z.string(), capture: GatewayStep, receipt: FrontDeskReceipt.nullable() }),
  },
  'managers.setPin': {
    args: z.strictObject({
      operatorId: OperatorId,
      managerId: OperatorId,
      pin: Pin,
      /** Required once any manager exists: an existing manager approves adding or changing one. */
      approval: ManagerApproval.optional(),
    }),
    result: z.object({ managerId: z.string(), created: z.boolean() }),
  },
  'managers.list': { args: NoArguments, result: z.array(ManagerSummary) },
} as const satisfies ChannelTable;
