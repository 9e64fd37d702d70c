/**
 * What each gateway operation accepts, checked before anything is signed or sent.
 *
 * Shapes are zod schemas (strict: a misspelt field is an error, not silently dropped); the rules
 * that need the currency, the clock or the configured maximum run after the shape. Every problem
 * names its field, so the flows and the renderer can point at it.
 */
import { z } from 'zod';
import { currencyCodes, parseDecimalAmount, type CurrencyCode } from '../../preload/currency';
import type { FieldProblem } from '../../preload/contract';
import { fieldProblems, TerminalError } from '../errors';
import { toGatewayAmount } from './amounts';
import { passesLuhn } from '../card-number';
import { cardFromTrackData, isExpired } from './cards';

/** Bad operation input: nothing was sent. Crosses IPC as INVALID_ARGUMENT with the fields. */
export class GatewayInputError extends TerminalError {
  constructor(readonly problems: FieldProblem[]) {
    super('INVALID_ARGUMENT', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    this.name = 'GatewayInputError';
  }
}

export interface InputPolicy {
  now: () => Date;
  /** Largest single amount the terminal will send, in minor units of the request's currency. */
  maxAmountMinor: number;
}

/** Gateway ids end up in URL paths, so only path-safe characters. */
const GatewayId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a gateway transaction id (letters, digits, - or _)');

const Reference = z.strictObject({
  /** The order or tab reference: clientReferenceInformation.code. */
  code: z.string().min(1).max(50),
  /** Unique per attempt, so an attempt with an unknown outcome can be reversed or voided by it. */
  transactionId: z.string().regex(/^[A-Za-z0-9_.:-]{1,50}$/, 'must be 1 to 50 letters, digits or . _ : -'),
});

/** Integer minor units (10221), or the decimal text an operator typed ("102.21"). */
const Amount = z.union([z.number(), z.string()], { error: 'must be integer minor units or a decimal amount' });
const Currency = z.enum(currencyCodes, { error: `unknown currency: use one of ${currencyCodes.join(', ')}` });

const KeyedCard = z.strictObject({
  number: z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits'),
  expirationMonth: z.string().regex(/^(0?[1-9]|1[0-2])$/, 'must be a month, 1 to 12'),
  expirationYear: z.string().regex(/^\d{4}$/, 'must be a four-digit year'),
  securityCode: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
  /** Card type code, e.g. "001" Visa. */
  type: z.string().regex(/^\d{3}$/, 'must be a three-digit card type code').optional(),
});

const entryModes = ['keyed', 'swiped', 'contact', 'contactless', 'msd'] as const;

const PointOfSale = z.strictObject({
  entryMode: z.enum(entryModes),
  /** 1 stripe only, 2 stripe + keyed, 3 keyed only, 4 chip, 5 contactless only. */
  terminalCapability: z.int().min(1).max(5),
  terminalId: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits').optional(),
  trackData: z.string().min(1).max(200).optional(),
  /** EMV TLV data as hex. */
  emvTags: z.string().regex(/^(?:[0-9A-Fa-f]{2}){1,999}$/, 'must be hex TLV data').optional(),
  /** Chip read failed and the card was swiped or keyed instead. */
  fallback: z.boolean().optional(),
  /** Approved offline by the terminal and forwarded later (storeAndForwardIndicator "Y"); reporting-only at the processor. */
  storeAndForward: z.boolean().optional(),
});

const BillTo = z.strictObject({
  firstName: z.string().max(60).optional(),
  lastName: z.string().max(60).optional(),
  company: z.string().max(60).optional(),
  address1: z.string().max(60).optional(),
  address2: z.string().max(60).optional(),
  locality: z.string().max(50).optional(),
  administrativeArea: z.string().max(20).optional(),
  postalCode: z.string().max(10).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  phoneNumber: z.string().max(15).optional(),
});

const IsoDate = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });

const Lodging = z.strictObject({
  checkInDate: IsoDate,
  checkOutDate: IsoDate,
  /** Nightly rate in minor units of the request's currency. */
  dailyRateMinor: z.int().min(0).optional(),
  nights: z.int().min(1).max(999).optional(),
  guestName: z.string().max(40).optional(),
  hotelName: z.string().max(40).optional(),
});

const commerceIndicators = ['retail', 'internet', 'moto'] as const;

const paymentFields = {
  reference: Reference,
  amount: Amount,
  currency: Currency,
  card: KeyedCard.optional(),
  pointOfSale: PointOfSale.optional(),
  billTo: BillTo.optional(),
  commerceIndicator: z.enum(commerceIndicators).optional(),
};

const AuthorizeShape = z.strictObject({
  ...paymentFields,
  /** `final` (authIndicator 1) when the amount is known, `pre` (0) when it may grow. */
  authorizationKind: z.enum(['final', 'pre']).optional(),
  partialAuthorization: z.boolean().optional(),
  lodging: Lodging.optional(),
});

const { amount: _verificationAmount, ...verifyFields } = paymentFields;
const VerifyCardShape = z.strictObject(verifyFields);

/** Also capture in the same request (`processingInformation.capture`); by default only authorize, as the guide's examples do. */
const Capture = z.boolean().optional();

const ForceCaptureShape = z.strictObject({
  ...paymentFields,
  verbalAuthCode: z.string().regex(/^[A-Za-z0-9]{1,6}$/, 'must be the 1 to 6 character code the issuer gave'),
  capture: Capture,
});

/** Reasons from the guide's MIT sections: 1 resubmission … 10 unscheduled credential on file. */
const mitReasons = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

const ChargeStoredCardShape = z.strictObject({
  reference: Reference,
  amount: Amount,
  currency: Currency,
  instrumentIdentifierId: z.string().regex(/^[A-Za-z0-9]{12,32}$/, 'must be a TMS instrument identifier'),
  expirationMonth: KeyedCard.shape.expirationMonth,
  expirationYear: KeyedCard.shape.expirationYear,
  billTo: BillTo.optional(),
  /** processorInformation.transactionId (network transaction id) of the customer-initiated original. */
  previousTransactionId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be the network transaction id of the original'),
  reason: z.enum(mitReasons).optional(),
  /** Discover and Diners need the original authorized amount, in minor units. */
  originalAuthorizedAmountMinor: z.int().min(0).optional(),
  capture: Capture,
});

const IncrementShape = z.strictObject({
  paymentId: GatewayId,
  reference: Reference,
  additionalAmount: Amount,
  currency: Currency,
  /** Nights the stay now runs, sent as travelInformation.duration. */
  durationNights: z.int().min(1).max(99).optional(),
});

const CaptureShape = z.strictObject({
  paymentId: GatewayId,
  reference: Reference,
  amount: Amount,
  currency: Currency,
  /** The nth of a planned number of partial captures of one authorization. */
  sequence: z.strictObject({ number: z.int().min(1).max(99), total: z.int().min(1).max(99) }).optional(),
});

const ReversalShape = z.strictObject({ paymentId: GatewayId, reference: Reference, amount: Amount, currency: Currency });

const VoidShape = z.strictObject({ target: z.enum(['capture', 'sale', 'refund', 'credit']), id: GatewayId, reference: Reference });

const RefundShape = z.strictObject({
  target: z.enum(['capture', 'sale']),
  id: GatewayId,
  reference: Reference,
  amount: Amount,
  currency: Currency,
});

const CreditShape = z.strictObject(paymentFields);

/** The original attempt's reference: the gateway finds it by `transactionId`. */
const TimeoutReversalShape = z.strictObject({ reference: Reference, amount: Amount, currency: Currency });
const TimeoutVoidShape = z.strictObject({ reference: Reference });
const LookupShape = z.strictObject({ id: GatewayId });

/** The Transaction Search API's page size limit. */
export const maxSearchLimit = 2500;

/** Transaction Search: a query in the gateway's query language (build it with `search-query.ts`), paging and order. */
const SearchShape = z.strictObject({
  query: z.string().min(1).max(2000),
  offset: z.int().min(0).optional(),
  limit: z.int().min(1).max(maxSearchLimit).optional(),
  /** Comma-separated `field:asc|desc`, e.g. `submitTimeUtc:asc` (the default) or `id:asc`. */
  sort: z.string().regex(/^[A-Za-z.]+:(?:asc|desc)(?:,[A-Za-z.]+:(?:asc|desc))*$/, 'must be field:asc or field:desc, comma-separated').optional(),
});

export type AuthorizeInput = z.input<typeof AuthorizeShape>;
export type VerifyCardInput = z.input<typeof VerifyCardShape>;
export type ForceCaptureInput = z.input<typeof ForceCaptureShape>;
export type ChargeStoredCardInput = z.input<typeof ChargeStoredCardShape>;
export type IncrementInput = z.input<typeof IncrementShape>;
export type CaptureInput = z.input<typeof CaptureShape>;
export type ReversalInput = z.input<typeof ReversalShape>;
export type VoidInput = z.input<typeof VoidShape>;
export type RefundInput = z.input<typeof RefundShape>;
export type CreditInput = z.input<typeof CreditShape>;
export type TimeoutReversalInput = z.input<typeof TimeoutReversalShape>;
export type TimeoutVoidInput = z.input<typeof TimeoutVoidShape>;
export type LookupInput = z.input<typeof LookupShape>;
export type TransactionSearchInput = z.input<typeof SearchShape>;
export type Reference = z.output<typeof Reference>;
export type KeyedCard = z.output<typeof KeyedCard>;
export type PointOfSale = z.output<typeof PointOfSale>;
export type BillTo = z.output<typeof BillTo>;
export type Lodging = z.output<typeof Lodging>;

/** A validated amount: the string the gateway gets and the minor units the program keeps. */
export interface Money {
  minor: number;
  currency: CurrencyCode;
  gateway: string;
}

type WithMoney<T> = Omit<T, 'amount' | 'currency'> & { money: Money };

export type ValidAuthorize = WithMoney<z.output<typeof AuthorizeShape>>;
export type ValidVerifyCard = z.output<typeof VerifyCardShape> & { money: Money };
export type ValidForceCapture = WithMoney<z.output<typeof ForceCaptureShape>>;
export type ValidChargeStoredCard = WithMoney<z.output<typeof ChargeStoredCardShape>>;
export type ValidIncrement = Omit<z.output<typeof IncrementShape>, 'additionalAmount' | 'currency'> & { additional: Money };
export type ValidCapture = WithMoney<z.output<typeof CaptureShape>>;
export type ValidReversal = WithMoney<z.output<typeof ReversalShape>>;
export type ValidVoid = z.output<typeof VoidShape>;
export type ValidRefund = WithMoney<z.output<typeof RefundShape>>;
export type ValidCredit = WithMoney<z.output<typeof CreditShape>>;
export type ValidTimeoutReversal = WithMoney<z.output<typeof TimeoutReversalShape>>;
export type ValidTimeoutVoid = z.output<typeof TimeoutVoidShape>;
export type ValidLookup = z.output<typeof LookupShape>;
export type ValidSearch = z.output<typeof SearchShape>;

/** Collects problems across all checks, so one error names every bad field at once. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new GatewayInputError(this.list);
  }
}

function shapeOf<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new GatewayInputError(fieldProblems(parsed.error));
  return parsed.data;
}

/** A positive amount within the maximum; only card verification (which takes no amount) is for zero. */
function moneyOf(problems: Problems, field: string, amount: number | string, currency: CurrencyCode, policy: InputPolicy): Money {
  const minor = minorUnitsOf(problems, field, amount, currency);
  if (minor === undefined) return { minor: 0, currency, gateway: '' };
  if (minor === 0) problems.add(field, 'must be more than zero (a zero amount is only for card verification)');
  if (minor > policy.maxAmountMinor) {
    problems.add(field, `is over the maximum of ${toGatewayAmount(policy.maxAmountMinor, currency)} ${currency}`);
  }
  return { minor, currency, gateway: toGatewayAmount(minor, currency) };
}

function minorUnitsOf(problems: Problems, field: string, amount: number | string, currency: CurrencyCode): number | undefined {
  if (typeof amount === 'number') {
    if (!Number.isSafeInteger(amount)) return void problems.add(field, `must be a whole number of minor units, got ${amount}`);
    if (amount < 0) return void problems.add(field, 'must not be negative');
    return amount;
  }
  if (amount.trim().startsWith('-')) return void problems.add(field, 'must not be negative');
  const parsed = parseDecimalAmount(amount, currency);
  if (!parsed.ok) return void problems.add(field, `${JSON.stringify(amount)}: ${parsed.reason}`);
  return parsed.minor;
}

interface CardSource {
  card?: KeyedCard | undefined;
  pointOfSale?: PointOfSale | undefined;
}

/** A card must be there, keyed or read, and be Luhn-valid and unexpired. */
function checkCard(problems: Problems, source: CardSource, now: Date): void {
  const { card, pointOfSale } = source;
  const read = pointOfSale !== undefined && pointOfSale.entryMode !== 'keyed';
  if (read && pointOfSale.trackData === undefined) {
    problems.add('pointOfSale.trackData', `is required when the card is ${pointOfSale.entryMode === 'swiped' ? 'swiped' : 'read'}`);
  }
  if ((pointOfSale?.entryMode === 'contact' || pointOfSale?.entryMode === 'contactless') && pointOfSale.emvTags === undefined) {
    problems.add('pointOfSale.emvTags', 'is required for a chip read');
  }
  if (card !== undefined) {
    checkPanAndExpiry(problems, 'card', card.number, Number(card.expirationMonth), Number(card.expirationYear), now);
    return;
  }
  if (!read) return problems.add('card', 'is required: key the card or read it');
  if (pointOfSale.trackData === undefined) return;
  const fromTrack = cardFromTrackData(pointOfSale.trackData);
  if (fromTrack === undefined) return problems.add('pointOfSale.trackData', 'has no readable card number and expiry');
  checkPanAndExpiry(problems, 'pointOfSale.trackData', fromTrack.pan, fromTrack.expirationMonth, fromTrack.expirationYear, now);
}

function checkPanAndExpiry(problems: Problems, field: string, pan: string, month: number, year: number, now: Date): void {
  if (!passesLuhn(pan)) problems.add(field === 'card' ? 'card.number' : field, 'is not a valid card number (check digit)');
  if (isExpired(month, year, now)) problems.add(field === 'card' ? 'card.expirationYear' : field, `card expired ${String(month).padStart(2, '0')}/${year}`);
}

function checkLodging(problems: Problems, lodging: Lodging | undefined): void {
  if (lodging !== undefined && lodging.checkOutDate < lodging.checkInDate) problems.add('lodging.checkOutDate', 'must not be before check-in');
}

export function validateAuthorize(input: unknown, policy: InputPolicy): ValidAuthorize {
  const { amount, currency, ...rest } = shapeOf(AuthorizeShape, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  checkCard(problems, rest, policy.now());
  checkLodging(problems, rest.lodging);
  if (rest.lodging !== undefined && rest.authorizationKind === 'final') {
    problems.add('authorizationKind', 'a lodging tab is a pre-authorization: it may grow by incremental authorizations');
  }
  problems.throwIfAny();
  return { ...rest, money };
}

export function validateVerifyCard(input: unknown, policy: InputPolicy): ValidVerifyCard {
  const valid = shapeOf(VerifyCardShape, input);
  const problems = new Problems();
  checkCard(problems, valid, policy.now());
  problems.throwIfAny();
  return { ...valid, money: { minor: 0, currency: valid.currency, gateway: toGatewayAmount(0, valid.currency) } };
}

export function validateForceCapture(input: unknown, policy: InputPolicy): ValidForceCapture {
  const { amount, currency, ...rest } = shapeOf(ForceCaptureShape, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  checkCard(problems, rest, policy.now());
  problems.throwIfAny();
  return { ...rest, money };
}

export function validateChargeStoredCard(input: unknown, policy: InputPolicy): ValidChargeStoredCard {
  const { amount, currency, ...rest } = shapeOf(ChargeStoredCardShape, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  if (isExpired(Number(rest.expirationMonth), Number(rest.expirationYear), policy.now())) {
    problems.add('expirationYear', `card expired ${rest.expirationMonth.padStart(2, '0')}/${rest.expirationYear}`);
  }
  problems.throwIfAny();
  return { ...rest, money };
}

export function validateIncrement(input: unknown, policy: InputPolicy): ValidIncrement {
  const { additionalAmount, currency, ...rest } = shapeOf(IncrementShape, input);
  const problems = new Problems();
  const additional = moneyOf(problems, 'additionalAmount', additionalAmount, currency, policy);
  problems.throwIfAny();
  return { ...rest, additional };
}

export function validateCapture(input: unknown, policy: InputPolicy): ValidCapture {
  const { amount, currency, ...rest } = shapeOf(CaptureShape, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  if (rest.sequence !== undefined && rest.sequence.number > rest.sequence.total) problems.add('sequence.number', 'must not exceed sequence.total');
  problems.throwIfAny();
  return { ...rest, money };
}

export function validateReversal(input: unknown, policy: InputPolicy): ValidReversal {
  return withPositiveAmount(ReversalShape, input, policy);
}

export function validateVoid(input: unknown): ValidVoid {
  return shapeOf(VoidShape, input);
}

export function validateRefund(input: unknown, policy: InputPolicy): ValidRefund {
  return withPositiveAmount(RefundShape, input, policy);
}

export function validateCredit(input: unknown, policy: InputPolicy): ValidCredit {
  const { amount, currency, ...rest } = shapeOf(CreditShape, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  checkCard(problems, rest, policy.now());
  problems.throwIfAny();
  return { ...rest, money };
}

export function validateTimeoutReversal(input: unknown, policy: InputPolicy): ValidTimeoutReversal {
  return withPositiveAmount(TimeoutReversalShape, input, policy);
}

export function validateTimeoutVoid(input: unknown): ValidTimeoutVoid {
  return shapeOf(TimeoutVoidShape, input);
}

export function validateLookup(input: unknown): ValidLookup {
  return shapeOf(LookupShape, input);
}

export function validateSearch(input: unknown): ValidSearch {
  return shapeOf(SearchShape, input);
}

function withPositiveAmount<S extends z.ZodType<{ amount: number | string; currency: CurrencyCode }>>(
  schema: S,
  input: unknown,
  policy: InputPolicy,
): WithMoney<z.output<S>>  {
  const { amount, currency, ...rest } = shapeOf(schema, input);
  const problems = new Problems();
  const money = moneyOf(problems, 'amount', amount, currency, policy);
  problems.throwIfAny();
  return { ...rest, money } as WithMoney<z.output<S>>;
}
