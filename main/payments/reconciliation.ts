/**
 * Reconciliation of a till session: the journal's attempts against the gateway's own records of the
 * same span (Transaction Search). Pure: the close fetches both sides and hands them in.
 *
 * Each gateway record is paired with the attempt it is, first by the gateway's id (the id the
 * journal stored from the answer), then by our `clientReferenceInformation.transactionId` (an
 * attempt whose answer was lost has no gateway id). Every attempt, its void, its refund and a
 * timeout reversal are separate records, each with its own amount, so they pair one to one.
 */
import type { Reconciliation, ReconciliationDifference } from '../../preload/channels/till';
import { currencyExponents, type CurrencyCode } from '../../preload/currency';
import type { AttemptRow } from './journal/records';

/** What reconciliation reads of a Transaction Search summary. */
export interface GatewayRecord {
  id: string;
  submitTimeUtc: string;
  code: string | null;
  transactionId: string | null;
  applications: { name: string; rCode: string | null; rFlag: string | null; reasonCode: string | null }[];
  amountMinor: number | null;
  currency: string | null;
  cardSuffix: string | null;
}

export interface ReconcileInput {
  /** The session's attempts. */
  attempts: readonly AttemptRow[];
  /** transactionIds of the session's attempts that an approved timeout reversal or void undid. */
  undone: ReadonlySet<string>;
  /** Every gateway record of the searched span. */
  records: readonly GatewayRecord[];
  /** An attempt of another session (or none): records of those belong to another Z report. */
  elsewhere(transactionId: string): AttemptRow | undefined;
  fromMs: number;
  toMs: number;
}

const approvedStatuses: ReadonlySet<string> = new Set(['approved', 'partially-approved']);

/** An application the gateway reports as done: rCode 1, or the SOK flag, or reason 100. */
const applicationSucceeded = (app: GatewayRecord['applications'][number]): boolean => app.rCode === '1' || app.rFlag === 'SOK' || app.reasonCode === '100';

/** A record whose every application succeeded moved (or held) money; one with a failed application did not. */
export function recordSucceeded(record: GatewayRecord): boolean {
  return record.applications.length > 0 && record.applications.every(applicationSucceeded);
}

/** A reversal or void record: an undo of another record, found under the original's transactionId. */
const isUndoRecord = (record: GatewayRecord): boolean => record.applications.some((app) => /reversal|void/i.test(app.name));

export function reconcile(input: ReconcileInput): Reconciliation {
  const byGatewayId = new Map<string, AttemptRow[]>();
  const byTransactionId = new Map<string, AttemptRow>();
  for (const row of input.attempts) {
    if (row.gatewayId !== null) byGatewayId.set(row.gatewayId, [...(byGatewayId.get(row.gatewayId) ?? []), row]);
    byTransactionId.set(row.transactionId, row);
  }
  const paired = new Set<string>();
  const differences: ReconciliationDifference[] = [];
  let matched = 0;
  let declinesMatched = 0;
  let undoneMatched = 0;
  let gatewayCount = 0;

  const pairs: [GatewayRecord, AttemptRow][] = [];
  const pairWith = (record: GatewayRecord, row: AttemptRow | undefined): boolean => {
    if (!row || paired.has(row.transactionId)) return false;
    paired.add(row.transactionId);
    pairs.push([record, row]);
    return true;
  };
  const ownRow = (record: GatewayRecord) => (record.transactionId === null ? undefined : byTransactionId.get(record.transactionId));
  // Both keys first; then the gateway id (a timeout reversal carries its original's transactionId,
  // an incremental its authorization's id); then the transactionId alone (an answer that was lost).
  let left = input.records.filter((record) => {
    const row = ownRow(record);
    return !(row && row.gatewayId === record.id && pairWith(record, row));
  });
  left = left.filter((record) => !pairWith(record, byGatewayId.get(record.id)?.find((row) => !paired.has(row.transactionId))));
  left = left.filter((record) => !pairWith(record, ownRow(record)));

  for (const record of left) {
    const row = ownRow(record);
    if (row && isUndoRecord(record) && input.undone.has(row.transactionId)) {
      // The undo of an attempt already paired, found under the original's transactionId.
      gatewayCount += 1;
      undoneMatched += 1;
      continue;
    }
    if (!row && record.transactionId !== null && input.elsewhere(record.transactionId)) continue;
    const at = Date.parse(record.submitTimeUtc);
    if (!row && !(at >= input.fromMs && at < input.toMs)) continue;
    gatewayCount += 1;
    if (!recordSucceeded(record)) {
      // A decline we have no attempt for moved no money: nothing to reconcile.
      declinesMatched += 1;
      continue;
    }
    differences.push(gatewayOnly(record, row));
  }

  for (const [record, row] of pairs) {
    gatewayCount += 1;
    const gatewayOk = recordSucceeded(record);
    const journalOk = approvedStatuses.has(row.status);
    if (gatewayOk && journalOk) {
      // Transaction Search reports the amount the request carried: a partial approval shows what was asked.
      const journalMinor = row.amountMinor;
      const sameAmount = record.amountMinor === null || record.amountMinor === journalMinor;
      const sameCurrency = record.currency === null || record.currency === row.currency;
      if (sameAmount && sameCurrency) matched += 1;
      else differences.push(difference('amount', record, row, `the gateway has ${record.amountMinor ?? '?'} ${record.currency ?? ''} where the journal has ${journalMinor} ${row.currency}`.replace(/ {2,}/g, ' ')));
    } else if (!gatewayOk && !journalOk) {
      declinesMatched += 1;
    } else if (gatewayOk) {
      if (input.undone.has(row.transactionId)) undoneMatched += 1;
      else differences.push(gatewayOnly(record, row));
    } else {
      differences.push(difference('journal-only', record, row, `the journal has this ${row.kind} approved; the gateway shows it did not go through`));
    }
  }

  for (const row of input.attempts) {
    if (paired.has(row.transactionId) || !approvedStatuses.has(row.status)) continue;
    differences.push(difference('journal-only', null, row, `the journal has this ${row.kind} approved; the gateway has no record of it for the session`));
  }

  return {
    from: new Date(input.fromMs).toISOString(),
    to: new Date(input.toMs).toISOString(),
    gatewayCount,
    journalCount: input.attempts.filter((row) => approvedStatuses.has(row.status) || row.status === 'declined').length,
    matched,
    declinesMatched,
    undoneMatched,
    differences,
  };
}

function gatewayOnly(record: GatewayRecord, row: AttemptRow | undefined): ReconciliationDifference {
  if (!row) {
    return difference('gateway-only', record, null, 'the gateway has an approved transaction this journal has no attempt for; look it up in the Business Center');
  }
  return difference('gateway-only', record, row, `the gateway approved this ${row.kind}, the journal has it ${row.status}: its answer was lost; undo it`);
}

function difference(kind: ReconciliationDifference['kind'], record: GatewayRecord | null, row: AttemptRow | null, message: string): ReconciliationDifference {
  const suffix = record?.cardSuffix;
  return {
    kind,
    transactionId: row?.transactionId ?? record?.transactionId ?? null,
    reference: row?.reference ?? record?.code ?? null,
    gatewayId: record?.id ?? row?.gatewayId ?? null,
    attemptKind: row?.kind ?? null,
    currency: row?.currency ?? knownCurrency(record?.currency ?? null),
    journalMinor: row ? row.amountMinor : null,
    gatewayMinor: record?.amountMinor ?? null,
    maskedPan: row?.maskedPan ?? (suffix ? `•••• ${suffix}` : null),
    at: isoTime(record ? Date.parse(record.submitTimeUtc) : (row?.createdAtMs ?? Number.NaN)),
    message,
    action: kind === 'gateway-only' && row ? 'undo' : 'check',
  };
}

const knownCurrency = (code: string | null): CurrencyCode | null => (code !== null && Object.hasOwn(currencyExponents, code) ? (code as CurrencyCode) : null);
const isoTime = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
