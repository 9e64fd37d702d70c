/**
 * `POST /tss/v2/searches` (Transaction Search) and `GET /tss/v2/searches/{searchId}` (a saved
 * search run again): every transaction the sandbox remembers — payments, declines, captures,
 * refunds, credits, reversals, voids, incremental authorizations — filtered by the query
 * language (`query-language.ts`), sorted, and paged.
 */
import { randomUUID } from 'node:crypto';
import { jsonObject } from './attempt-guard';
import { invalidField, missingField, notFound } from './gateway-error';
import { formatAmount } from './money';
import { parseQuery, withinRange, type QueryNode, type SearchField } from './query-language';
import { link, utcTimestamp } from './response-parts';
import type { Reply, RouteHandler, SandboxContext } from './sandbox-context';
import { applicationsOf } from './transaction-applications';
import type { LedgerEntry } from './transaction-ledger';
import { gatewayStatus, rootOf } from './transaction-view';

/** The documented page size limit. */
const maxSearchLimit = 2500;
const defaultLimit = 20;
const defaultSort = 'submitTimeUtc:desc';
/** Saved searches the sandbox keeps, newest last; older ones are forgotten first. */
const maxSavedSearches = 100;

interface SearchRequest {
  query: string;
  offset: number;
  limit: number;
  sort: string;
  name?: string;
  timezone?: string;
}

type SortKey = { field: 'submitTimeUtc' | 'id'; descending: boolean };

/** What a summary is listed under: an incremental authorization carries its authorization's id, as the gateway's do. */
function summaryId(entry: LedgerEntry): string {
  return entry.kind === 'incremental' && entry.parentId !== undefined ? entry.parentId : entry.id;
}

/** `submitTimeUtc` shows whole seconds; searches compare what they show. */
function submittedSecondMs(entry: LedgerEntry): number {
  return Math.floor(entry.submittedAt.getTime() / 1000) * 1000;
}

function fieldValue(entry: LedgerEntry, field: SearchField, merchantId: string): string | undefined {
  switch (field) {
    case 'code':
      return entry.clientReferenceCode;
    case 'transactionId':
      return entry.clientTransactionId;
    case 'id':
      return summaryId(entry);
    case 'reconciliationId':
      return entry.reconciliationId;
    case 'merchantId':
      return merchantId;
  }
}

function matches(node: QueryNode, entry: LedgerEntry, merchantId: string): boolean {
  switch (node.kind) {
    case 'and':
      return node.terms.every((term) => matches(term, entry, merchantId));
    case 'or':
      return node.terms.some((term) => matches(term, entry, merchantId));
    case 'equals':
      return fieldValue(entry, node.field, merchantId) === node.value;
    case 'submitted':
      return withinRange(node, submittedSecondMs(entry));
  }
}

function integerField(body: Record<string, unknown>, field: 'offset' | 'limit', fallback: number, max: number): number {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0 || number > max) throw invalidField(field, `must be a whole number from 0 to ${max}`);
  return number;
}

function optionalText(body: Record<string, unknown>, field: 'name' | 'timezone' | 'sort'): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  return value;
}

function sortKeys(sort: string): SortKey[] {
  return sort.split(',').map((part) => {
    const match = /^\s*(submitTimeUtc|id):(asc|desc)\s*$/.exec(part);
    if (!match) throw invalidField('sort', `${JSON.stringify(part)} is not submitTimeUtc:asc|desc or id:asc|desc`);
    return { field: match[1] as SortKey['field'], descending: match[2] === 'desc' };
  });
}

function compareBy(keys: readonly SortKey[]): (a: LedgerEntry, b: LedgerEntry) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = key.field === 'id' ? summaryId(a).localeCompare(summaryId(b)) : submittedSecondMs(a) - submittedSecondMs(b);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  };
}

function readRequest(raw: unknown): SearchRequest {
  const body = jsonObject(raw);
  const query = body.query;
  if (query === undefined || query === null || query === '') throw missingField('query');
  if (typeof query !== 'string') throw invalidField('query', 'must be a string');
  if (body.save !== undefined && typeof body.save !== 'boolean') throw invalidField('save', 'must be true or false');
  const name = optionalText(body, 'name');
  const timezone = optionalText(body, 'timezone');
  if (timezone !== undefined && !isTimeZone(timezone)) throw invalidField('timezone', 'must be a TZ database time zone such as America/Chicago');
  return {
    query,
    offset: integerField(body, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: integerField(body, 'limit', defaultLimit, maxSearchLimit),
    sort: optionalText(body, 'sort') ?? defaultSort,
    ...(name !== undefined ? { name } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The transactions a query can match: a top-level id clause narrows to one family, anything else scans. */
function candidates(node: QueryNode, context: SandboxContext): Iterable<LedgerEntry> {
  const clauses = node.kind === 'and' ? node.terms : [node];
  const byId = clauses.find((clause) => clause.kind === 'equals' && clause.field === 'id');
  if (byId?.kind !== 'equals') return context.ledger.all();
  const entry = context.ledger.get(byId.value);
  return entry ? [entry, ...context.ledger.children(entry.id, 'incremental')] : [];
}

/**
 * What the request carried, and for an approved authorization or sale what the issuer approved
 * (less than asked when partially approved; before any incremental authorization, which has its own summary).
 */
function amountDetails(entry: LedgerEntry): Record<string, string> {
  const details: Record<string, string> = { totalAmount: formatAmount(entry.requestedMinor, entry.currency), currency: entry.currency };
  if ((entry.kind === 'authorization' || entry.kind === 'sale') && entry.status !== 'DECLINED') {
    const increments = entry.increments.reduce((sum, increment) => sum + increment, 0);
    details.authorizedAmount = formatAmount(entry.amountMinor - increments, entry.currency);
  }
  return details;
}

function summary(entry: LedgerEntry, context: SandboxContext, merchantId: string): Record<string, unknown> {
  const root = rootOf(entry, context);
  const cardSuffix = entry.cardSuffix ?? root.cardSuffix;
  const cardType = entry.cardType ?? root.cardType;
  const id = summaryId(entry);
  return {
    id,
    submitTimeUtc: utcTimestamp(entry.submittedAt),
    merchantId,
    status: gatewayStatus(entry, context.ledger.stateOf(entry)),
    applicationInformation: { applications: applicationsOf(entry).map(({ name, reasonCode, rCode, rFlag, reconciliationId }) => ({ name, reasonCode, rCode, rFlag, reconciliationId })) },
    clientReferenceInformation: {
      code: entry.clientReferenceCode,
      ...(entry.clientTransactionId !== undefined ? { transactionId: entry.clientTransactionId } : {}),
      applicationName: 'REST API',
    },
    ...(entry.decline ? { errorInformation: { reason: entry.decline.reason } } : {}),
    orderInformation: { amountDetails: amountDetails(entry) },
    ...(cardSuffix !== undefined
      ? { paymentInformation: { card: { suffix: cardSuffix, ...(cardType !== undefined ? { type: cardType } : {}) }, paymentType: { type: 'credit card' } } }
      : {}),
    ...(entry.approvalCode !== undefined ? { processorInformation: { approvalCode: entry.approvalCode } } : {}),
    _links: { transactionDetail: link('GET', `/tss/v2/transactions/${id}`) },
  };
}

function run(request: SearchRequest, searchId: string, save: boolean, context: SandboxContext, merchantId: string): Reply {
  const now = context.now();
  const node = parseQuery(request.query, now, request.timezone);
  const keys = sortKeys(request.sort);
  const found: LedgerEntry[] = [];
  for (const entry of candidates(node, context)) if (matches(node, entry, merchantId)) found.push(entry);
  found.sort(compareBy(keys));
  const page = found.slice(request.offset, request.offset + request.limit);
  return {
    status: 201,
    body: {
      searchId,
      save,
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.timezone !== undefined ? { timezone: request.timezone } : {}),
      query: request.query,
      offset: request.offset,
      limit: request.limit,
      sort: request.sort,
      count: page.length,
      totalCount: found.length,
      submitTimeUtc: utcTimestamp(now),
      ...(page.length > 0 ? { _embedded: { transactionSummaries: page.map((entry) => summary(entry, context, merchantId)) } } : {}),
      _links: { self: link('GET', `/tss/v2/searches/${searchId}`) },
    },
  };
}

/** The two search routes, sharing this sandbox's saved searches. */
export function transactionSearch(merchantId: string): { create: RouteHandler; get: RouteHandler } {
  const saved = new Map<string, SearchRequest>();
  return {
    create: ({ body }, context) => {
      const request = readRequest(body);
      const save = jsonObject(body).save === true;
      const searchId = randomUUID();
      const reply = run(request, searchId, save, context, merchantId);
      if (save) {
        saved.set(searchId, request);
        if (saved.size > maxSavedSearches) saved.delete(saved.keys().next().value ?? '');
      }
      return reply;
    },
    get: ({ params }, context) => {
      const request = saved.get(params.id ?? '');
      if (!request) throw notFound(`No saved search has id ${params.id ?? ''}.`);
      return { ...run(request, params.id ?? '', true, context, merchantId), status: 200 };
    },
  };
}
