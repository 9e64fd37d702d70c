/**
 * The Visa Acceptance REST client: one function per gateway operation, each validating its input
 * (a `GatewayInputError` naming the fields, before anything is sent), signing the exact body bytes
 * with HTTP Signature, sending them once, and mapping whatever happens to a `GatewayOutcome`.
 */
import type { CurrencyCode } from '../../preload/currency';
import { hasBody, signRequest, type HttpMethod, type SigningCredentials } from './http-signature';
import {
  GatewayInputError,
  validateAuthorize,
  validateCapture,
  validateChargeStoredCard,
  validateCredit,
  validateForceCapture,
  validateIncrement,
  validateLookup,
  validateRefund,
  validateReversal,
  validateSearch,
  validateTimeoutReversal,
  validateTimeoutVoid,
  validateVerifyCard,
  validateVoid,
  type AuthorizeInput,
  type CaptureInput,
  type ChargeStoredCardInput,
  type CreditInput,
  type ForceCaptureInput,
  type IncrementInput,
  type InputPolicy,
  type LookupInput,
  type RefundInput,
  type ReversalInput,
  type TimeoutReversalInput,
  type TimeoutVoidInput,
  type TransactionSearchInput,
  type VerifyCardInput,
  type VoidInput,
} from './inputs';
import {
  lookupOutcome,
  paymentOutcome,
  searchOutcome,
  type AuthenticationFailed,
  type GatewayOutcome,
  type RequestContext,
  type TransactionLookup,
  type TransactionSearchOutcome,
} from './outcomes';
import {
  authorizationBody,
  captureBody,
  creditBody,
  forcedCaptureBody,
  incrementBody,
  refundBody,
  reversalBody,
  searchBody,
  serializeBody,
  storeCardBody,
  storedCardChargeBody,
  verifyCardBody,
  voidBody,
  type JsonBody,
} from './request-bodies';
import { createTransport, type Exchange, type OutgoingRequest, type Timeouts, type Transport } from './transport';

export interface GatewayClientOptions {
  /** From `resolveBaseUrl`: scheme, host, optional port and path prefix, no trailing slash. */
  baseUrl: string;
  /** Read per request, so a credential change in the keychain applies to the next request. */
  credentials: () => Promise<SigningCredentials> | SigningCredentials;
  /** Signs the `date` header and judges card expiry. */
  clock?: () => Date;
  timeouts: Timeouts;
  /** Largest amount any single request may carry, in minor units. */
  maxAmountMinor?: number;
  /** PEM of a certificate authority to trust besides the system's (the sandbox's own). */
  caCertificatePem?: string;
  /** Replaces the HTTP transport, e.g. to measure the client's own overhead without I/O. */
  transport?: Transport;
}

/** A request exactly as the caller wrote it: for the guide's examples and for proving credentials. */
export interface RawRequest {
  method: HttpMethod;
  /** Below the base URL, e.g. `/pts/v2/payments`. */
  path: string;
  body?: unknown;
  currency?: CurrencyCode;
}

/**
 * Every operation resolves to an outcome, whatever the gateway or the network does; it rejects
 * only with a `GatewayInputError`, when its input is bad and nothing was sent.
 */
export interface GatewayClient {
  authorize(input: AuthorizeInput): Promise<GatewayOutcome>;
  /** Authorization and capture in one request (`processingInformation.capture: true`). */
  sale(input: AuthorizeInput): Promise<GatewayOutcome>;
  /** Zero-amount authorization: is the card good? It cannot be captured. */
  verifyCard(input: VerifyCardInput): Promise<GatewayOutcome>;
  /** Forced capture of an authorization the issuer gave by phone (`authType: verbal`); captured too when `capture` is true. */
  forceCapture(input: ForceCaptureInput): Promise<GatewayOutcome>;
  /** A customer-initiated authorization that also stores the PAN as a TMS instrument identifier. */
  authorizeAndStoreCard(input: AuthorizeInput): Promise<GatewayOutcome>;
  /** A merchant-initiated charge of a stored instrument identifier; captured too when `capture` is true. */
  chargeStoredCard(input: ChargeStoredCardInput): Promise<GatewayOutcome>;
  incrementAuthorization(input: IncrementInput): Promise<GatewayOutcome>;
  capture(input: CaptureInput): Promise<GatewayOutcome>;
  reverseAuthorization(input: ReversalInput): Promise<GatewayOutcome>;
  voidTransaction(input: VoidInput): Promise<GatewayOutcome>;
  refund(input: RefundInput): Promise<GatewayOutcome>;
  /** A stand-alone credit, linked to no earlier payment. */
  credit(input: CreditInput): Promise<GatewayOutcome>;
  /** Reverses an authorization whose response never came, found by its transactionId. */
  timeoutReversal(input: TimeoutReversalInput): Promise<GatewayOutcome>;
  /** Voids a capture, sale, refund or credit whose response never came, found by its transactionId. */
  timeoutVoid(input: TimeoutVoidInput): Promise<GatewayOutcome>;
  getTransaction(input: LookupInput): Promise<TransactionLookup>;
  /** One page of a Transaction Search (`POST /tss/v2/searches`); `searchAllTransactions` pages through a whole query. */
  searchTransactions(input: TransactionSearchInput): Promise<TransactionSearchOutcome>;
  /** Signs and sends a caller-built request; the response maps like any payment response. */
  send(request: RawRequest): Promise<GatewayOutcome>;
  close(): void;
}

const defaultMaxAmountMinor = 99_999_999;
/** What the gateway assumes when a search names no limit or sort. */
const defaultSearchLimit = 20;
const defaultSearchSort = 'submitTimeUtc:asc';

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const base = new URL(options.baseUrl);
  const host = base.host;
  const basePath = base.pathname.replace(/\/+$/, '');
  const clock = options.clock ?? (() => new Date());
  const policy: InputPolicy = { now: clock, maxAmountMinor: options.maxAmountMinor ?? defaultMaxAmountMinor };
  const transport = options.transport ?? createTransport(options);

  async function exchange(method: HttpMethod, path: string, body: Buffer | undefined): Promise<Exchange | AuthenticationFailed> {
    const credentials = await readCredentials(options.credentials);
    if ('kind' in credentials) return credentials;
    const fullPath = basePath + path;
    const signed = signRequest({ method, path: fullPath, host, body, date: clock() }, credentials);
    const headers: Record<string, string> = { ...signed, accept: 'application/hal+json', 'user-agent': 'Counter' } as Record<string, string>;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    const outgoing: OutgoingRequest = body === undefined ? { method, path: fullPath, headers } : { method, path: fullPath, headers, body };
    return transport.exchange(outgoing);
  }

  async function payment(method: HttpMethod, path: string, body: JsonBody, context: RequestContext): Promise<GatewayOutcome> {
    const result = await exchange(method, path, serializeBody(body));
    return isOutcome(result) ? result : paymentOutcome(result, context);
  }

  const post = (path: string, body: JsonBody, context: RequestContext): Promise<GatewayOutcome> => payment('POST', path, body, context);
  const money = (valid: { money: { minor: number; currency: CurrencyCode } }): RequestContext => ({
    currency: valid.money.currency,
    requestedMinor: valid.money.minor,
  });

  return {
    async authorize(input) {
      const valid = validateAuthorize(input, policy);
      return post('/pts/v2/payments', authorizationBody(valid, { capture: false }), money(valid));
    },
    async sale(input) {
      const valid = validateAuthorize(input, policy);
      return post('/pts/v2/payments', authorizationBody(valid, { capture: true }), money(valid));
    },
    async verifyCard(input) {
      const valid = validateVerifyCard(input, policy);
      return post('/pts/v2/payments', verifyCardBody(valid), money(valid));
    },
    async forceCapture(input) {
      const valid = validateForceCapture(input, policy);
      return post('/pts/v2/payments', forcedCaptureBody(valid), money(valid));
    },
    async authorizeAndStoreCard(input) {
      const valid = validateAuthorize(input, policy);
      return post('/pts/v2/payments', storeCardBody(valid), money(valid));
    },
    async chargeStoredCard(input) {
      const valid = validateChargeStoredCard(input, policy);
      return post('/pts/v2/payments', storedCardChargeBody(valid), money(valid));
    },
    async incrementAuthorization(input) {
      const valid = validateIncrement(input, policy);
      return payment('PATCH', `/pts/v2/payments/${valid.paymentId}`, incrementBody(valid), { currency: valid.additional.currency });
    },
    async capture(input) {
      const valid = validateCapture(input, policy);
      return post(`/pts/v2/payments/${valid.paymentId}/captures`, captureBody(valid), money(valid));
    },
    async reverseAuthorization(input) {
      const valid = validateReversal(input, policy);
      return post(`/pts/v2/payments/${valid.paymentId}/reversals`, reversalBody(valid), money(valid));
    },
    async voidTransaction(input) {
      const valid = validateVoid(input);
      return post(`${voidableCollections[valid.target]}/${valid.id}/voids`, voidBody(valid), {});
    },
    async refund(input) {
      const valid = validateRefund(input, policy);
      return post(`${refundableCollections[valid.target]}/${valid.id}/refunds`, refundBody(valid), money(valid));
    },
    async credit(input) {
      const valid = validateCredit(input, policy);
      return post('/pts/v2/credits', creditBody(valid), money(valid));
    },
    async timeoutReversal(input) {
      const valid = validateTimeoutReversal(input, policy);
      return post('/pts/v2/reversals', reversalBody(valid), money(valid));
    },
    async timeoutVoid(input) {
      const valid = validateTimeoutVoid(input);
      return post('/pts/v2/voids', voidBody(valid), {});
    },
    async getTransaction(input) {
      const valid = validateLookup(input);
      const result = await exchange('GET', `/tss/v2/transactions/${valid.id}`, undefined);
      return isOutcome(result) ? result : lookupOutcome(result);
    },
    async searchTransactions(input) {
      const valid = validateSearch(input);
      const result = await exchange('POST', '/tss/v2/searches', serializeBody(searchBody(valid, { sort: defaultSearchSort })));
      return isOutcome(result) ? result : searchOutcome(result, { offset: valid.offset ?? 0, limit: valid.limit ?? defaultSearchLimit });
    },
    async send(request) {
      if (!/^\/[\x21-\x7e]*$/.test(request.path)) throw new GatewayInputError([{ field: 'path', message: 'must start with / and hold no spaces' }]);
      const body = hasBody(request.method) ? Buffer.from(JSON.stringify(request.body ?? {}), 'utf8') : undefined;
      const result = await exchange(request.method, request.path, body);
      return isOutcome(result) ? result : paymentOutcome(result, request.currency === undefined ? {} : { currency: request.currency });
    },
    close: () => transport.close(),
  };
}

/** Where each kind of transaction lives: a sale is a payment, a capture a capture, and so on. */
const voidableCollections = {
  capture: '/pts/v2/captures',
  sale: '/pts/v2/payments',
  refund: '/pts/v2/refunds',
  credit: '/pts/v2/credits',
} as const;

const refundableCollections = { capture: '/pts/v2/captures', sale: '/pts/v2/payments' } as const;

function isOutcome(result: Exchange | AuthenticationFailed): result is AuthenticationFailed {
  return result.kind === 'authentication-failed';
}

/** Credentials objects already found header-safe: a keychain-backed source usually returns the same one. */
const usableCredentials = new WeakSet<SigningCredentials>();

/** Header-safe credentials, or the authentication failure that stops the request before it is signed. */
async function readCredentials(read: GatewayClientOptions['credentials']): Promise<SigningCredentials | AuthenticationFailed> {
  let credentials: SigningCredentials;
  try {
    credentials = await read();
  } catch (error) {
    return { kind: 'authentication-failed', message: `credentials unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (usableCredentials.has(credentials)) return credentials;
  const printable = /^[\x21-\x7e]{1,128}$/;
  if (!printable.test(credentials.merchantId) || !printable.test(credentials.keyId) || credentials.keyId.includes('"')) {
    return { kind: 'authentication-failed', message: 'credentials unusable: merchant id and key id must be printable ASCII' };
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials.sharedSecretBase64)) {
    return { kind: 'authentication-failed', message: 'credentials unusable: the shared secret is not base64' };
  }
  usableCredentials.add(credentials);
  return credentials;
}
