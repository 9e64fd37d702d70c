/**
 * Validated operation inputs → the gateway's JSON request bodies, field for field as the
 * payments developer guide and the SDK's request models name them.
 *
 * Fields are written in a fixed order so the same input always yields the same bytes.
 */
import { toGatewayAmount } from './amounts';
import type {
  BillTo,
  KeyedCard,
  Lodging,
  Money,
  PointOfSale,
  Reference,
  ValidAuthorize,
  ValidCapture,
  ValidChargeStoredCard,
  ValidCredit,
  ValidForceCapture,
  ValidIncrement,
  ValidRefund,
  ValidReversal,
  ValidSearch,
  ValidTimeoutReversal,
  ValidTimeoutVoid,
  ValidVerifyCard,
  ValidVoid,
} from './inputs';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonBody = { [key: string]: JsonValue | undefined };

function clientReference(reference: Reference): JsonBody {
  return { code: reference.code, transactionId: reference.transactionId };
}

function amountDetails(money: Money): JsonBody {
  return { totalAmount: money.gateway, currency: money.currency };
}

function cardFields(card: KeyedCard): JsonBody {
  return {
    number: card.number,
    expirationMonth: card.expirationMonth.padStart(2, '0'),
    expirationYear: card.expirationYear,
    securityCode: card.securityCode,
    type: card.type,
  };
}

function pointOfSaleFields(pos: PointOfSale): JsonBody {
  const emv = pos.emvTags === undefined && pos.fallback === undefined ? undefined : { tags: pos.emvTags, fallback: pos.fallback };
  const storeAndForwardIndicator = pos.storeAndForward === true ? 'Y' : undefined;
  return { entryMode: pos.entryMode, terminalCapability: pos.terminalCapability, terminalId: pos.terminalId, trackData: pos.trackData, emv, storeAndForwardIndicator };
}

function orderFields(money: Money, billTo: BillTo | undefined): JsonBody {
  return { amountDetails: amountDetails(money), billTo: billTo === undefined ? undefined : { ...billTo } };
}

/** "2026-11-21" → "112126": the MMDDYY the lodging fields use. */
function lodgingDate(isoDate: string): string {
  return `${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}${isoDate.slice(2, 4)}`;
}

function lodgingFields(lodging: Lodging, money: Money): JsonBody {
  const room =
    lodging.dailyRateMinor === undefined && lodging.nights === undefined
      ? undefined
      : [
          {
            dailyRate: lodging.dailyRateMinor === undefined ? undefined : toGatewayAmount(lodging.dailyRateMinor, money.currency),
            numberOfNights: lodging.nights,
          },
        ];
  return {
    checkInDate: lodgingDate(lodging.checkInDate),
    checkOutDate: lodgingDate(lodging.checkOutDate),
    room,
    guestName: lodging.guestName,
    name: lodging.hotelName,
  };
}

interface CardPayment {
  reference: Reference;
  money: Money;
  card?: KeyedCard | undefined;
  pointOfSale?: PointOfSale | undefined;
  billTo?: BillTo | undefined;
  commerceIndicator?: string | undefined;
}

/** Card-present requests are retail unless the caller says otherwise. */
function commerceIndicatorOf(payment: CardPayment): string | undefined {
  return payment.commerceIndicator ?? (payment.pointOfSale === undefined ? undefined : 'retail');
}

function cardPaymentBody(payment: CardPayment, processing: JsonBody): JsonBody {
  return {
    clientReferenceInformation: clientReference(payment.reference),
    processingInformation: { commerceIndicator: commerceIndicatorOf(payment), ...processing },
    paymentInformation: payment.card === undefined ? undefined : { card: cardFields(payment.card) },
    orderInformation: orderFields(payment.money, payment.billTo),
    pointOfSaleInformation: payment.pointOfSale === undefined ? undefined : pointOfSaleFields(payment.pointOfSale),
  };
}

/** Only `true` is written: without it the gateway authorizes and does not capture, as in the guide's examples. */
function captureFlag(capture: boolean | undefined): true | undefined {
  return capture === true ? true : undefined;
}

function authorizationOptions(input: ValidAuthorize): JsonBody | undefined {
  const authIndicator = input.authorizationKind === undefined ? undefined : input.authorizationKind === 'final' ? '1' : '0';
  if (authIndicator === undefined && input.partialAuthorization === undefined) return undefined;
  return { authIndicator, partialAuthIndicator: input.partialAuthorization };
}

export function authorizationBody(input: ValidAuthorize, options: { capture: boolean }): JsonBody {
  const body = cardPaymentBody(input, {
    capture: captureFlag(options.capture),
    industryDataType: input.lodging === undefined ? undefined : 'lodging',
    authorizationOptions: authorizationOptions(input),
  });
  if (input.lodging !== undefined) body.travelInformation = { lodging: lodgingFields(input.lodging, input.money) };
  return body;
}

/** A CIT that also stores the PAN in TMS, as in the guide's "Storing Customer Credentials with a CIT and TMS". */
export function storeCardBody(input: ValidAuthorize): JsonBody {
  const body = authorizationBody(input, { capture: false });
  body.processingInformation = { actionList: ['TOKEN_CREATE'], actionTokenTypes: ['instrumentIdentifier'], ...(body.processingInformation as JsonBody) };
  return body;
}

export function verifyCardBody(input: ValidVerifyCard): JsonBody {
  return cardPaymentBody(input, {});
}

/** A verbal authorization code obtained by phone, as in the guide's forced captures. */
export function forcedCaptureBody(input: ValidForceCapture): JsonBody {
  return cardPaymentBody(input, {
    capture: captureFlag(input.capture),
    authorizationOptions: { authType: 'verbal', verbalAuthCode: input.verbalAuthCode },
  });
}

/** An MIT with a TMS instrument identifier: the initiator fields tie it to the customer-initiated original. */
export function storedCardChargeBody(input: ValidChargeStoredCard): JsonBody {
  const originalAmount =
    input.originalAuthorizedAmountMinor === undefined ? undefined : toGatewayAmount(input.originalAuthorizedAmountMinor, input.money.currency);
  return {
    clientReferenceInformation: clientReference(input.reference),
    processingInformation: {
      commerceIndicator: 'internet',
      capture: captureFlag(input.capture),
      authorizationOptions: {
        initiator: {
          type: 'merchant',
          storedCredentialUsed: true,
          merchantInitiatedTransaction: {
            reason: input.reason ?? '10',
            previousTransactionId: input.previousTransactionId,
            originalAuthorizedAmount: originalAmount,
          },
        },
      },
    },
    paymentInformation: {
      card: { expirationMonth: input.expirationMonth.padStart(2, '0'), expirationYear: input.expirationYear },
      instrumentIdentifier: { id: input.instrumentIdentifierId },
    },
    orderInformation: orderFields(input.money, input.billTo),
  };
}

export function incrementBody(input: ValidIncrement): JsonBody {
  return {
    clientReferenceInformation: clientReference(input.reference),
    processingInformation: { authorizationOptions: { initiator: { storedCredentialUsed: true } } },
    orderInformation: { amountDetails: { additionalAmount: input.additional.gateway, currency: input.additional.currency } },
    travelInformation: input.durationNights === undefined ? undefined : { duration: String(input.durationNights) },
  };
}

export function captureBody(input: ValidCapture): JsonBody {
  const sequence = input.sequence;
  return {
    clientReferenceInformation: clientReference(input.reference),
    processingInformation:
      sequence === undefined ? undefined : { captureOptions: { captureSequenceNumber: sequence.number, totalCaptureCount: sequence.total } },
    orderInformation: { amountDetails: amountDetails(input.money) },
  };
}

export function reversalBody(input: ValidReversal | ValidTimeoutReversal): JsonBody {
  return {
    clientReferenceInformation: clientReference(input.reference),
    reversalInformation: { amountDetails: { totalAmount: input.money.gateway } },
    orderInformation: { amountDetails: { currency: input.money.currency } },
  };
}

export function voidBody(input: ValidVoid | ValidTimeoutVoid): JsonBody {
  return { clientReferenceInformation: clientReference(input.reference) };
}

export function refundBody(input: ValidRefund): JsonBody {
  return { clientReferenceInformation: clientReference(input.reference), orderInformation: { amountDetails: amountDetails(input.money) } };
}

export function creditBody(input: ValidCredit): JsonBody {
  return cardPaymentBody(input, {});
}

/** A Transaction Search: `sort` and `offset` always present, `limit` only when asked (the gateway's default is 20). */
export function searchBody(input: ValidSearch, defaults: { sort: string }): JsonBody {
  return { query: input.query, sort: input.sort ?? defaults.sort, offset: input.offset ?? 0, limit: input.limit };
}

/**
 * JSON without the `undefined` members and without the empty objects they leave behind, so a
 * request carries only what was set. Pruned first, because JSON.stringify with a replacer
 * function runs several times slower.
 */
export function serializeBody(body: JsonBody): Buffer {
  return Buffer.from(JSON.stringify(pruned(body) ?? {}), 'utf8');
}

function pruned(value: JsonValue | undefined): JsonValue | undefined {
  if (typeof value !== 'object' || value === null) return value;
  // An emptied array element stays in place, so positions keep their meaning.
  if (Array.isArray(value)) return value.map((item) => pruned(item) ?? (item === undefined ? null : {}));
  let result: { [key: string]: JsonValue } | undefined;
  for (const key in value) {
    const member = pruned(value[key]);
    if (member === undefined) continue;
    result ??= {};
    result[key] = member;
  }
  return result;
}
