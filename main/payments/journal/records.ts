/**
 * What the journal stores and returns: the kinds and states of every row, the inputs of its
 * writes, and the rows its queries answer with. Amounts are integer minor units; times are
 * milliseconds since the epoch (UTC), as stored.
 */
import type { CurrencyCode } from '../../../preload/currency';

export const attemptKinds = [
  'authorize',
  'sale',
  'incremental',
  'capture',
  'reversal',
  'void',
  'refund',
  'credit',
  'timeout-reversal',
  'timeout-void',
  'forced-capture',
  'verify',
  'mit',
] as const;
export type AttemptKind = (typeof attemptKinds)[number];

export const attemptStatuses = ['pending', 'approved', 'partially-approved', 'declined', 'invalid', 'failed', 'unknown', 'resolved'] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

/** How the card reached the terminal; `stored` is a card on file (TMS instrument identifier). */
export const entryModes = ['keyed', 'swiped', 'contact', 'contactless', 'msd', 'stored'] as const;
export type EntryMode = (typeof entryModes)[number];

export const orderKinds = ['sale', 'pre-auth', 'voice-auth', 'credit'] as const;
export type OrderKind = (typeof orderKinds)[number];
export type OrderState = 'open' | 'authorized' | 'paid' | 'declined' | 'failed' | 'released' | 'voided' | 'refunded' | 'cancelled';

export type TabState = 'opening' | 'open' | 'flagged' | 'checked-out' | 'cancelled' | 'declined';
export const tabChargeCategories = ['room', 'room-service', 'minibar', 'extra-night', 'phone', 'laundry', 'damage', 'other'] as const;
export type TabChargeCategory = (typeof tabChargeCategories)[number];

export type SplitSessionState = 'open' | 'completed' | 'cancelling' | 'cancelled';
export type TenderKind = 'card' | 'cash';
export type TenderState = 'authorized' | 'captured' | 'reversed' | 'recorded';

/** Which business object an attempt belongs to; its id is the clientReferenceInformation.code. */
export type AttemptOwner = { orderId: string } | { tabId: string } | { sessionId: string };
export type OwnerKind = 'order' | 'tab' | 'session';

/** One decline of a card, as the retry rules read it. */
export interface CardDeclineRow {
  declinedAtMs: number;
  /** Response-insights category code (`01`…`99`), null when the gateway gave none. */
  category: string | null;
  /** The order, tab or split session the declined attempt was for. */
  reference: string | null;
}

/** The card as the journal may keep it. */
export interface CardSummary {
  /** `•••• 1111`, never more. */
  maskedPan: string;
  brand: string;
  entryMode: EntryMode;
  /**
   * A keyed hash of the PAN (HMAC-SHA256, 64 lowercase hex digits) for the decline-retry rule;
   * the journal never sees the PAN itself.
   */
  fingerprint?: string;
}

export interface NewAttempt {
  /** clientReferenceInformation.transactionId, unique per attempt. */
  transactionId: string;
  kind: AttemptKind;
  owner: AttemptOwner;
  amountMinor: number;
  currency: CurrencyCode;
  /** Omitted on follow-ons (capture, void, refund…): the parent's card is copied. */
  card?: CardSummary;
  /** The attempt this one acts on: the authorization a capture captures, the capture a void voids… */
  parentTransactionId?: string;
  operatorId: string;
  /** The manager who approved this one action (void, refund, voice auth, late charge). */
  managerId?: string;
}

/** What came back, as the journal records it. `outcomeFromGateway` builds it from a gateway outcome. */
export type AttemptOutcome =
  | {
      status: 'approved';
      gatewayId: string;
      /** Defaults to the requested amount. */
      approvedMinor?: number;
      approvalCode?: string;
      /** TMS instrument identifier created by a store-card authorization. */
      instrumentIdentifierId?: string;
    }
  | { status: 'partially-approved'; gatewayId: string; approvedMinor: number; approvalCode?: string }
  | { status: 'declined'; gatewayId?: string; reason: string; insightCategory?: string; message?: string }
  | { status: 'invalid'; reason: string; message?: string }
  /** Certainly never reached the gateway (not sent, or refused for its credentials). */
  | { status: 'failed'; message: string }
  /** May have reached the gateway: recovery must resolve it. */
  | { status: 'unknown'; message: string; rawResponse?: string }
  /** An unknown outcome undone (timeout reversal or void) or found never to have happened. */
  | { status: 'resolved'; message: string };

export interface AttemptRow {
  id: number;
  transactionId: string;
  kind: AttemptKind;
  ownerKind: OwnerKind;
  /** The order, tab or session id: clientReferenceInformation.code. */
  reference: string;
  parentTransactionId: string | null;
  currency: CurrencyCode;
  amountMinor: number;
  approvedMinor: number | null;
  maskedPan: string | null;
  cardBrand: string | null;
  entryMode: EntryMode | null;
  cardFingerprint: string | null;
  status: AttemptStatus;
  gatewayId: string | null;
  approvalCode: string | null;
  declineReason: string | null;
  insightCategory: string | null;
  message: string | null;
  rawResponse: string | null;
  operatorId: string;
  managerId: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewOrder {
  id: string;
  kind: OrderKind;
  amountMinor: number;
  currency: CurrencyCode;
  operatorId: string;
}

export interface OrderRow {
  id: string;
  kind: OrderKind;
  state: OrderState;
  currency: CurrencyCode;
  amountMinor: number;
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  operatorId: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewTab {
  id: string;
  guestName: string;
  room: string;
  nights: number;
  nightlyRateMinor: number;
  incidentalsMinor: number;
  /** Extra asked for with each incremental authorization, so small charges do not each need one. */
  headroomMinor: number;
  currency: CurrencyCode;
  /** The guest agreed to keep the card on file (CIT + TMS at check-in). */
  cardOnFile: boolean;
  card?: CardSummary;
  operatorId: string;
}

export interface TabRow {
  id: string;
  guestName: string;
  room: string;
  nights: number;
  nightlyRateMinor: number;
  incidentalsMinor: number;
  headroomMinor: number;
  currency: CurrencyCode;
  heldMinor: number;
  folioMinor: number;
  capturedMinor: number;
  lateChargedMinor: number;
  state: TabState;
  cardOnFile: boolean;
  instrumentIdentifierId: string | null;
  maskedPan: string | null;
  cardBrand: string | null;
  authorizationGatewayId: string | null;
  flagReason: string | null;
  operatorId: string;
  openedAtMs: number;
  updatedAtMs: number;
  closedAtMs: number | null;
}

export interface NewTabCharge {
  tabId: string;
  category: TabChargeCategory;
  amountMinor: number;
  note?: string;
  operatorId: string;
}

export interface TabChargeRow {
  id: number;
  tabId: string;
  category: TabChargeCategory;
  amountMinor: number;
  note: string;
  operatorId: string;
  createdAtMs: number;
}

export interface NewSplitSession {
  id: string;
  totalMinor: number;
  currency: CurrencyCode;
  /** When an unfinished session's partial authorizations must be reversed. */
  expiresAtMs: number;
  operatorId: string;
}

export interface TenderRow {
  id: number;
  sessionId: string;
  kind: TenderKind;
  amountMinor: number;
  state: TenderState;
  /** The card attempt that authorized it; null for cash. */
  transactionId: string | null;
  maskedPan: string | null;
  cardBrand: string | null;
  operatorId: string;
  createdAtMs: number;
}

export interface SplitSessionRow {
  id: string;
  currency: CurrencyCode;
  totalMinor: number;
  /** Sum of live tenders (authorized, captured or cash). */
  paidMinor: number;
  balanceDueMinor: number;
  state: SplitSessionState;
  expiresAtMs: number;
  operatorId: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface VoidableRow {
  transactionId: string;
  kind: 'sale' | 'capture' | 'forced-capture';
  ownerKind: OwnerKind;
  reference: string;
  currency: CurrencyCode;
  approvedMinor: number;
  maskedPan: string | null;
  cardBrand: string | null;
  gatewayId: string | null;
  approvalCode: string | null;
  operatorId: string;
  createdAtMs: number;
}

/**
 * One attempt as the books read it (`booksOf`): what it was, how it ended, and, for a void, what it
 * voided. Only what the arithmetic needs; no card data beyond the brand.
 */
export interface BookAttemptRow {
  kind: AttemptKind;
  status: AttemptStatus;
  currency: CurrencyCode;
  amountMinor: number;
  /** Set when approved or partially approved. */
  approvedMinor: number | null;
  cardBrand: string | null;
  operatorId: string;
  /** A forward of a sale approved offline. */
  offline: boolean;
  /** For a void: the attempt it voided (its kind, what it had moved, whose it was, and whether it was a forward). */
  voided: { kind: AttemptKind; approvedMinor: number; operatorId: string; offline: boolean } | null;
}

/** Cash counted at the till towards a split-tender session that completed. */
export interface CashTenderBookRow {
  currency: CurrencyCode;
  amountMinor: number;
  operatorId: string;
}

/** Everything the books of one scope (a business day, a till session) are computed from. */
export interface BookRows {
  attempts: BookAttemptRow[];
  cashTenders: CashTenderBookRow[];
}

/** A half-open time range [fromMs, toMs). */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export interface PinLockPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export interface PinGuardState {
  failures: number;
  /** Set while locked out. */
  lockedUntilMs: number | null;
}

export const managerApprovalVerdicts = ['granted', 'wrong-pin', 'locked-out', 'unknown-manager'] as const;
/** The answer to one manager PIN attempt; `locked-out` whenever the answer was a lockout (a running one, or the one this attempt started). */
export type ManagerApprovalVerdict = (typeof managerApprovalVerdicts)[number];

/** One manager PIN attempt as the journal keeps it: never the PIN, never its hash. */
export interface NewManagerApproval {
  /** What was to be approved: `void`, `refund`, `late-charge`, `set-manager-pin`… */
  action: string;
  /** The transactionId, tab or manager it was for, when there is one. */
  subject?: string;
  /** The operator who asked. */
  operatorId: string;
  /** The manager who was asked (as typed: an unknown manager is recorded too). */
  managerId: string;
  verdict: ManagerApprovalVerdict;
  /** Wrong PINs in a row for that manager after this attempt. */
  failures: number;
  /** Set exactly when the verdict is `locked-out`. */
  lockedUntilMs: number | null;
}

export interface ManagerApprovalRow {
  id: number;
  action: string;
  subject: string | null;
  operatorId: string;
  managerId: string;
  verdict: ManagerApprovalVerdict;
  failures: number;
  lockedUntilMs: number | null;
  createdAtMs: number;
}

/** What the transaction history searches by; every criterion given must match. */
export interface HistoryCriteria {
  /** Made in this window (a business day). */
  window?: TimeWindow;
  /** The approved amount (the asked amount while none was approved). */
  amountMinor?: number;
  /** The card's last four digits. */
  last4?: string;
  approvalCode?: string;
  operatorId?: string;
  /** At most this many rows, newest first. */
  limit: number;
}

/** One listed transaction with what has happened to it since: a void, and refunds not voided. */
export interface HistoryRow extends AttemptRow {
  voided: boolean;
  refundedMinor: number;
}
