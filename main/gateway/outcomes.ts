/**
 * What came of a gateway request, as the one union the payment flows switch on.
 *
 * Every HTTP exchange maps to exactly one outcome, and nothing here throws: a transport failure,
 * a 5xx or a body that does not match the schema is an `unknown-outcome`, keeping the raw body for
 * the journal, and saying whether the request may have reached the gateway (then the flow must
 * reverse or void it by its transactionId).
 */
import type { CurrencyCode } from '../../preload/currency';
import { fromGatewayAmount, isCurrencyCode } from './amounts';
import { ErrorResponse, PaymentResponse, SearchResponse, TransactionResponse, type PaymentStatus, type TransactionSummaryResponse } from './responses';
import type { Exchange } from './transport';

export interface Approved {
  kind: 'approved';
  httpStatus: number;
  /** The gateway's id: follow-on requests (capture, reversal, refund, void) name it. */
  id: string;
  status: PaymentStatus;
  /** The authorized, captured, reversed, voided, refunded or credited amount, when the response states it. */
  amountMinor?: number;
  currency?: CurrencyCode;
  approvalCode?: string;
  /** processorInformation.transactionId: the previousTransactionId of a later MIT. */
  networkTransactionId?: string;
  reconciliationId?: string;
  instrumentIdentifier?: { id: string; isNew?: boolean };
  submitTimeUtc?: string;
}

export interface PartiallyApproved {
  kind: 'partially-approved';
  httpStatus: number;
  id: string;
  currency: CurrencyCode;
  requestedMinor: number;
  authorizedMinor: number;
  /** What is still to pay: requested − authorized, for a second card or an adjusted total. */
  remainingMinor: number;
  /** The card's balance after this authorization, when the issuer returns it. */
  cardBalanceMinor?: number;
  approvalCode?: string;
  networkTransactionId?: string;
}

export interface Declined {
  kind: 'declined';
  httpStatus: number;
  id?: string;
  status: PaymentStatus;
  reason: string;
  message?: string;
  /** Response insights: 01 the issuer will never approve … 04 generic; 97–99 unclassified. */
  category?: { code: string; name?: string };
  /** False for category 01: never send this card for this payment again. */
  retryAllowed: boolean;
}

export interface FieldError {
  field: string;
  reason: string;
}

export interface InvalidRequest {
  kind: 'invalid-request';
  httpStatus: number;
  /** MISSING_FIELD, INVALID_DATA, DUPLICATE_REQUEST, NOT_FOUND, … */
  reason: string;
  message?: string;
  fields: FieldError[];
}

export interface AuthenticationFailed {
  kind: 'authentication-failed';
  /** Absent when the credentials could not even be read. */
  httpStatus?: number;
  message: string;
}

export type UnknownCause =
  | 'connect-timeout'
  | 'connect-failed'
  | 'timeout'
  | 'connection-reset'
  | 'server-error'
  | 'malformed-response'
  | 'unexpected-status';

export interface UnknownOutcome {
  kind: 'unknown-outcome';
  cause: UnknownCause;
  /** True when the whole request was handed to the network: the gateway may have acted on it. */
  requestSent: boolean;
  message: string;
  httpStatus?: number;
  /** The response exactly as received, for the journal and for support. */
  rawBody?: string;
}

export type GatewayFailure = InvalidRequest | AuthenticationFailed | UnknownOutcome;
export type GatewayOutcome = Approved | PartiallyApproved | Declined | GatewayFailure;

export interface FoundTransaction {
  kind: 'found';
  id: string;
  status?: string;
  submitTimeUtc?: string;
  clientReference?: { code?: string; transactionId?: string };
  currency?: CurrencyCode;
  totalMinor?: number;
  authorizedMinor?: number;
  /** The lookup's whole body, parsed: the transaction search API returns far more than the flows read. */
  details: TransactionResponse;
}

export type TransactionLookup = FoundTransaction | GatewayFailure;

/** One service the gateway ran for a transaction: `ics_auth`, `ics_bill`, `ics_auth_reversal`, `ics_void`, `ics_credit`, `ics_incremental_auth`, … */
export interface TransactionApplication {
  name: string;
  /** `1` succeeded, `0` declined, `-1` error. */
  rCode: string | null;
  /** One word: `SOK`, `DCARDREFUSED`, … */
  rFlag: string | null;
  /** The gateway's three-digit reason code, `100` when it succeeded. */
  reasonCode: string | null;
}

/** A transaction as the Transaction Search API summarizes it. */
export interface TransactionSummary {
  /** The gateway's id; an incremental authorization carries its authorization's id. */
  id: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  submitTimeUtc: string;
  /** clientReferenceInformation.code: the order, tab or session. */
  code: string | null;
  /** clientReferenceInformation.transactionId, when the gateway returns it (the sandbox does). */
  transactionId: string | null;
  applications: TransactionApplication[];
  /** orderInformation.amountDetails.totalAmount: the amount the request carried. */
  amountMinor: number | null;
  currency: CurrencyCode | null;
  cardSuffix: string | null;
  /** Three-digit card type code, e.g. `001` Visa. */
  cardType: string | null;
  /** orderInformation.amountDetails.authorizedAmount, when the gateway returns it: what a partial approval approved. */
  authorizedMinor?: number;
  /** The transaction's status, when the gateway returns it. */
  status?: string;
}

export interface TransactionsFound {
  kind: 'found';
  /** Every transaction the query matches; `transactions` is the page from `offset`. */
  totalCount: number;
  offset: number;
  limit: number;
  transactions: TransactionSummary[];
}

export type TransactionSearchOutcome = TransactionsFound | (InvalidRequest & { message: string }) | AuthenticationFailed | UnknownOutcome;

/** What the request said, which the response may leave out. */
export interface RequestContext {
  currency?: CurrencyCode;
  requestedMinor?: number;
}

const approvedStatuses = new Set<PaymentStatus>(['AUTHORIZED', 'AUTHORIZED_PENDING_REVIEW', 'PENDING', 'TRANSMITTED', 'COMPLETED', 'REVERSED', 'VOIDED', 'CANCELLED']);
const declinedStatuses = new Set<PaymentStatus>(['DECLINED', 'AUTHORIZED_RISK_DECLINED', 'FAILED']);

export function paymentOutcome(exchange: Exchange, context: RequestContext): GatewayOutcome {
  if (exchange.kind === 'failure') return { kind: 'unknown-outcome', cause: exchange.cause, requestSent: exchange.requestSent, message: exchange.message };
  const { status: httpStatus, body } = exchange;
  if (httpStatus >= 200 && httpStatus < 300) {
    const parsed = PaymentResponse.safeParse(parseJson(body));
    if (!parsed.success) return malformed(httpStatus, body, parsed.error.issues[0]?.path.join('.') ?? '');
    return successOutcome(httpStatus, parsed.data, body, context);
  }
  return failureOutcome(httpStatus, body);
}

export function lookupOutcome(exchange: Exchange): TransactionLookup {
  if (exchange.kind === 'failure') return { kind: 'unknown-outcome', cause: exchange.cause, requestSent: exchange.requestSent, message: exchange.message };
  const { status: httpStatus, body } = exchange;
  if (httpStatus !== 200) return failureOutcome(httpStatus, body);
  const parsed = TransactionResponse.safeParse(parseJson(body));
  if (!parsed.success) return malformed(httpStatus, body, parsed.error.issues[0]?.path.join('.') ?? '');
  const details = parsed.data;
  const amounts = details.orderInformation?.amountDetails;
  const currency = currencyOf(amounts?.currency);
  const found: FoundTransaction = { kind: 'found', id: details.id, details };
  const status = details.status ?? details.applicationInformation?.status;
  if (status !== undefined) found.status = status;
  if (details.submitTimeUTC !== undefined) found.submitTimeUtc = details.submitTimeUTC;
  if (details.clientReferenceInformation !== undefined) found.clientReference = details.clientReferenceInformation;
  if (currency !== undefined) {
    found.currency = currency;
    const total = amounts?.totalAmount === undefined ? undefined : fromGatewayAmount(amounts.totalAmount, currency);
    const authorized = amounts?.authorizedAmount === undefined ? undefined : fromGatewayAmount(amounts.authorizedAmount, currency);
    if (total !== undefined) found.totalMinor = total;
    if (authorized !== undefined) found.authorizedMinor = authorized;
  }
  return found;
}

/** The page the request asked for: what the response leaves out. */
export interface SearchPage {
  offset: number;
  limit: number;
}

export function searchOutcome(exchange: Exchange, page: SearchPage): TransactionSearchOutcome {
  if (exchange.kind === 'failure') return { kind: 'unknown-outcome', cause: exchange.cause, requestSent: exchange.requestSent, message: exchange.message };
  const { status: httpStatus, body } = exchange;
  if (httpStatus !== 200 && httpStatus !== 201) {
    const failure = failureOutcome(httpStatus, body);
    return failure.kind === 'invalid-request' ? { ...failure, message: failure.message ?? `the gateway refused the search (${failure.reason})` } : failure;
  }
  const parsed = SearchResponse.safeParse(parseJson(body));
  if (!parsed.success) return malformed(httpStatus, body, parsed.error.issues[0]?.path.join('.') ?? '');
  const summaries = parsed.data._embedded?.transactionSummaries ?? [];
  const transactions: TransactionSummary[] = [];
  for (const [index, summary] of summaries.entries()) {
    const transaction = transactionSummary(summary);
    if (transaction === undefined) return malformed(httpStatus, body, `_embedded.transactionSummaries.${index}.orderInformation.amountDetails`);
    transactions.push(transaction);
  }
  const offset = parsed.data.offset ?? page.offset;
  return { kind: 'found', totalCount: parsed.data.totalCount ?? offset + transactions.length, offset, limit: parsed.data.limit ?? page.limit, transactions };
}

/** `undefined` when the amount cannot be read in its currency. */
function transactionSummary(summary: TransactionSummaryResponse): TransactionSummary | undefined {
  const amounts = summary.orderInformation?.amountDetails;
  const currency = currencyOf(amounts?.currency) ?? null;
  let amountMinor: number | null = null;
  let authorizedMinor: number | undefined;
  if (currency !== null) {
    const total = amounts?.totalAmount === undefined ? null : fromGatewayAmount(amounts.totalAmount, currency);
    const authorized = amounts?.authorizedAmount === undefined ? null : fromGatewayAmount(amounts.authorizedAmount, currency);
    if (total === undefined || authorized === undefined) return undefined;
    amountMinor = total;
    authorizedMinor = authorized ?? undefined;
  }
  const card = summary.paymentInformation?.card;
  const result: TransactionSummary = {
    id: summary.id,
    submitTimeUtc: summary.submitTimeUtc,
    code: summary.clientReferenceInformation?.code ?? null,
    transactionId: summary.clientReferenceInformation?.transactionId ?? null,
    applications: (summary.applicationInformation?.applications ?? []).map((application) => ({
      name: application.name,
      rCode: application.rCode ?? null,
      rFlag: application.rFlag ?? null,
      reasonCode: application.reasonCode ?? null,
    })),
    amountMinor,
    currency,
    cardSuffix: card?.suffix ?? null,
    cardType: card?.type ?? null,
  };
  if (authorizedMinor !== undefined) result.authorizedMinor = authorizedMinor;
  if (summary.status !== undefined) result.status = summary.status;
  return result;
}

function successOutcome(httpStatus: number, response: PaymentResponse, body: string, context: RequestContext): GatewayOutcome {
  const { status } = response;
  if (status === 'INVALID_REQUEST') return invalidRequest(httpStatus, response, 'INVALID_REQUEST');
  if (declinedStatuses.has(status)) return declined(httpStatus, response);
  if (response.id === undefined) return malformed(httpStatus, body, 'id');
  const currency = context.currency ?? currencyOf(firstCurrency(response));
  if (status === 'PARTIAL_AUTHORIZED') return partiallyApproved(httpStatus, response, response.id, currency, context, body);
  if (!approvedStatuses.has(status)) return malformed(httpStatus, body, 'status');
  return approved(httpStatus, response, response.id, currency, body);
}

function approved(httpStatus: number, response: PaymentResponse, id: string, currency: CurrencyCode | undefined, body: string): Approved | UnknownOutcome {
  const result: Approved = { kind: 'approved', httpStatus, id, status: response.status };
  const amountText = approvedAmountText(response);
  if (amountText !== undefined && currency !== undefined) {
    const minor = fromGatewayAmount(amountText, currency);
    if (minor === undefined) return malformed(httpStatus, body, 'amount');
    result.amountMinor = minor;
  }
  if (currency !== undefined) result.currency = currency;
  const processor = response.processorInformation;
  if (processor?.approvalCode !== undefined) result.approvalCode = processor.approvalCode;
  const networkTransactionId = processor?.transactionId ?? processor?.networkTransactionId;
  if (networkTransactionId !== undefined) result.networkTransactionId = networkTransactionId;
  if (response.reconciliationId !== undefined) result.reconciliationId = response.reconciliationId;
  if (response.submitTimeUtc !== undefined) result.submitTimeUtc = response.submitTimeUtc;
  const instrument = response.tokenInformation?.instrumentIdentifier ?? response.paymentInformation?.instrumentIdentifier;
  if (instrument !== undefined) {
    const isNew = response.tokenInformation?.instrumentidentifierNew;
    result.instrumentIdentifier = isNew === undefined ? { id: instrument.id } : { id: instrument.id, isNew };
  }
  return result;
}

function approvedAmountText(response: PaymentResponse): string | undefined {
  return (
    response.reversalAmountDetails?.reversedAmount ??
    response.voidAmountDetails?.voidAmount ??
    response.refundAmountDetails?.refundAmount ??
    response.creditAmountDetails?.creditAmount ??
    response.orderInformation?.amountDetails?.authorizedAmount ??
    response.orderInformation?.amountDetails?.totalAmount
  );
}

function partiallyApproved(
  httpStatus: number,
  response: PaymentResponse,
  id: string,
  currency: CurrencyCode | undefined,
  context: RequestContext,
  body: string,
): PartiallyApproved | UnknownOutcome {
  const amounts = response.orderInformation?.amountDetails;
  if (currency === undefined || amounts?.authorizedAmount === undefined) return malformed(httpStatus, body, 'orderInformation.amountDetails.authorizedAmount');
  const authorizedMinor = fromGatewayAmount(amounts.authorizedAmount, currency);
  const requestedMinor = context.requestedMinor ?? (amounts.totalAmount === undefined ? undefined : fromGatewayAmount(amounts.totalAmount, currency));
  if (authorizedMinor === undefined || requestedMinor === undefined || authorizedMinor > requestedMinor) {
    return malformed(httpStatus, body, 'orderInformation.amountDetails');
  }
  const result: PartiallyApproved = {
    kind: 'partially-approved',
    httpStatus,
    id,
    currency,
    requestedMinor,
    authorizedMinor,
    remainingMinor: requestedMinor - authorizedMinor,
  };
  const balance = response.paymentInformation?.accountFeatures?.balanceAmount;
  const balanceMinor = balance === undefined ? undefined : fromGatewayAmount(balance, currency);
  if (balanceMinor !== undefined) result.cardBalanceMinor = balanceMinor;
  const processor = response.processorInformation;
  if (processor?.approvalCode !== undefined) result.approvalCode = processor.approvalCode;
  const networkTransactionId = processor?.transactionId ?? processor?.networkTransactionId;
  if (networkTransactionId !== undefined) result.networkTransactionId = networkTransactionId;
  return result;
}

function declined(httpStatus: number, response: PaymentResponse): Declined {
  const insights = response.paymentInsightsInformation?.responseInsights;
  const result: Declined = {
    kind: 'declined',
    httpStatus,
    status: response.status,
    reason: response.errorInformation?.reason ?? response.reason ?? response.status,
    retryAllowed: insights?.categoryCode !== '01',
  };
  if (response.id !== undefined) result.id = response.id;
  const message = response.errorInformation?.message ?? response.message;
  if (message !== undefined) result.message = message;
  if (insights?.categoryCode !== undefined) {
    result.category = insights.category === undefined ? { code: insights.categoryCode } : { code: insights.categoryCode, name: insights.category };
  }
  return result;
}

function failureOutcome(httpStatus: number, body: string): GatewayFailure {
  if (httpStatus === 401 || httpStatus === 403) {
    const parsed = ErrorResponse.safeParse(parseJson(body));
    const message = parsed.success ? (parsed.data.message ?? parsed.data.errorInformation?.message) : undefined;
    return { kind: 'authentication-failed', httpStatus, message: message ?? 'the gateway refused the request signature' };
  }
  if (httpStatus === 400 || httpStatus === 404) {
    const parsed = ErrorResponse.safeParse(parseJson(body));
    return invalidRequest(httpStatus, parsed.success ? parsed.data : {}, httpStatus === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST');
  }
  const cause: UnknownCause = httpStatus >= 500 ? 'server-error' : 'unexpected-status';
  return { kind: 'unknown-outcome', cause, requestSent: true, httpStatus, rawBody: body, message: `the gateway answered HTTP ${httpStatus}` };
}

function invalidRequest(httpStatus: number, response: ErrorResponse, fallbackReason: string): InvalidRequest {
  const details = response.details ?? response.errorInformation?.details ?? [];
  const result: InvalidRequest = {
    kind: 'invalid-request',
    httpStatus,
    reason: response.reason ?? response.errorInformation?.reason ?? fallbackReason,
    fields: details.map((detail) => ({ field: detail.field ?? '', reason: detail.reason ?? '' })),
  };
  const message = response.message ?? response.errorInformation?.message;
  if (message !== undefined) result.message = message;
  return result;
}

function malformed(httpStatus: number, body: string, where: string): UnknownOutcome {
  return {
    kind: 'unknown-outcome',
    cause: 'malformed-response',
    requestSent: true,
    httpStatus,
    rawBody: body,
    message: `HTTP ${httpStatus} response does not match the gateway schema${where === '' ? '' : ` at ${where}`}`,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstCurrency(response: PaymentResponse): string | undefined {
  return (
    response.orderInformation?.amountDetails?.currency ??
    response.reversalAmountDetails?.currency ??
    response.voidAmountDetails?.currency ??
    response.refundAmountDetails?.currency ??
    response.creditAmountDetails?.currency
  );
}

/** Responses spell currencies in either case ("usd" in several guide examples). */
function currencyOf(text: string | undefined): CurrencyCode | undefined {
  const upper = text?.toUpperCase();
  return upper !== undefined && isCurrencyCode(upper) ? upper : undefined;
}
