/**
 * Channels for the till: a session opened with a float, closed by a manager with a cash count and a
 * reconciliation against the gateway's own records, and the numbered Z report each close leaves.
 */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { CurrencyCode, IdempotencyKey, ManagerApproval, OperatorId, Timestamp } from '../schemas';
import { Books } from './day';
import { RecoveryItem } from './sales';

const NoArguments = z.undefined();
const Minor = z.int().nonnegative();
/** Cash in minor units: a float or a count. */
const CashMinor = z.int('must be a whole number of minor units').min(0, 'must be 0 or more').max(99_999_999, 'must be at most 99999999 minor units');
const ZNumber = z.int('must be a Z report number').positive('must be a Z report number');

export const TillSession = z.object({
  id: z.int().positive(),
  currency: CurrencyCode,
  floatMinor: Minor,
  /** Opened by the first payment with nobody having opened the till: the float is zero until declared. */
  implicit: z.boolean(),
  openedBy: z.string(),
  openedAt: Timestamp,
});
export type TillSession = z.infer<typeof TillSession>;

export const TillState = z.object({
  /** The session money goes to now; null when the till is closed (the next payment opens one). */
  open: TillSession.nullable(),
  /** The last Z report's number, if any. */
  lastZNumber: ZNumber.nullable(),
  /** The terminal's currency: a float or a count is typed in it. */
  currency: CurrencyCode,
});
export type TillState = z.infer<typeof TillState>;

export const CashCount = z.object({
  floatMinor: Minor,
  cashTakenMinor: Minor,
  cashRefundedMinor: Minor,
  /** float + cash taken − cash handed back. */
  expectedMinor: z.int(),
  countedMinor: Minor,
  /** counted − expected: negative when cash is missing. */
  varianceMinor: z.int(),
});
export type CashCount = z.infer<typeof CashCount>;

export const differenceKinds = ['gateway-only', 'journal-only', 'amount'] as const;

/** One thing the journal and the gateway disagree about, with what can be done about it. */
export const ReconciliationDifference = z.object({
  kind: z.enum(differenceKinds),
  /** Our clientReferenceInformation.transactionId, when known on either side. */
  transactionId: z.string().nullable(),
  /** The order, tab or split-tender session (clientReferenceInformation.code). */
  reference: z.string().nullable(),
  gatewayId: z.string().nullable(),
  /** The journal's kind of attempt (sale, capture, void…), when the journal has it. */
  attemptKind: z.string().nullable(),
  currency: CurrencyCode.nullable(),
  /** The amount the request asked for, on each side (a partial approval is matched on what was asked). */
  journalMinor: Minor.nullable(),
  gatewayMinor: Minor.nullable(),
  /** `•••• 1111` when either side knows the card's last four. */
  maskedPan: z.string().nullable(),
  at: Timestamp.nullable(),
  message: z.string(),
  /**
   * undo: an approval the journal lost, undone by transactionId (timeout reversal or void) with a
   * manager's approval; check: look it up in the Business Center.
   */
  action: z.enum(['undo', 'check']),
});
export type ReconciliationDifference = z.infer<typeof ReconciliationDifference>;

export const Reconciliation = z.object({
  /** The span searched: the session's opening to the moment of the check. */
  from: Timestamp,
  to: Timestamp,
  /** Records the gateway returned for the span, and journal attempts of the session that reached it. */
  gatewayCount: Minor,
  journalCount: Minor,
  /** Pairs that agree: approvals with equal amounts, declines on both sides, attempts undone on both sides. */
  matched: Minor,
  declinesMatched: Minor,
  undoneMatched: Minor,
  differences: z.array(ReconciliationDifference),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const ZReport = z.object({
  number: ZNumber,
  sessionId: z.int().positive(),
  storeName: z.string(),
  terminalId: z.string(),
  currency: CurrencyCode,
  openedAt: Timestamp,
  openedBy: z.string(),
  implicitOpen: z.boolean(),
  closedAt: Timestamp,
  closedBy: z.string(),
  approvedBy: z.string(),
  /** The day report's books over the session's own rows. */
  books: Books,
  cash: CashCount,
  reconciliation: Reconciliation,
});
export type ZReport = z.infer<typeof ZReport>;

export const ZReportSummary = ZReport.pick({ number: true, sessionId: true, currency: true, openedAt: true, closedAt: true, approvedBy: true }).extend({
  netMinor: z.int(),
  varianceMinor: z.int(),
  differences: Minor,
});
export type ZReportSummary = z.infer<typeof ZReportSummary>;

export const TillCloseResult = z.discriminatedUnion('kind', [
  /** The journal and the gateway disagree: nothing closed yet; resolve the differences or close accepting them. */
  z.object({ kind: z.literal('differences'), cash: CashCount, reconciliation: Reconciliation }),
  z.object({ kind: z.literal('closed'), report: ZReport }),
]);
export type TillCloseResult = z.infer<typeof TillCloseResult>;

export const OrphanUndo = z.object({
  transactionId: z.string(),
  /** undone: nothing of it stands at the gateway now; as recovery reports an undo. */
  result: RecoveryItem.shape.result,
  message: z.string(),
});
export type OrphanUndo = z.infer<typeof OrphanUndo>;

export const tillChannels = {
  'till.state': { args: NoArguments, result: TillState },
  /** Opens the till with the cash in the drawer; a session a payment opened implicitly takes the float now. */
  'till.open': { args: z.strictObject({ operatorId: OperatorId, floatMinor: CashMinor }), result: TillSession },
  /**
   * Closes the open session: a manager approves, the journal is reconciled with the gateway's records,
   * and, when they agree (or `acceptDifferences`), the Z report is stored under the next number.
   */
  'till.close': {
    args: z.strictObject({ operatorId: OperatorId, countedMinor: CashMinor, approval: ManagerApproval, acceptDifferences: z.boolean().optional() }),
    result: TillCloseResult,
  },
  /** Undoes an approval the gateway has and the journal lost (a gateway-only difference), with a manager's approval. */
  'till.undoOrphan': {
    args: z.strictObject({ idempotencyKey: IdempotencyKey, operatorId: OperatorId, transactionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a transactionId'), approval: ManagerApproval }),
    result: OrphanUndo,
  },
  'till.zReports': { args: NoArguments, result: z.array(ZReportSummary) },
  'till.zReport': { args: z.strictObject({ number: ZNumber }), result: ZReport },
  /** The Z report as CSV text, for the renderer to offer as a download. */
  'till.zReportCsv': { args: z.strictObject({ number: ZNumber }), result: z.object({ fileName: z.string(), csv: z.string() }) },
} as const satisfies ChannelTable;
