import { describe, expect, it } from 'vitest';
import {
  validateAuthorize,
  validateCapture,
  validateChargeStoredCard,
  validateForceCapture,
  validateIncrement,
  validateReversal,
  validateTimeoutVoid,
  validateVerifyCard,
  type InputPolicy,
} from '../../../main/gateway/inputs';
import {
  authorizationBody,
  captureBody,
  forcedCaptureBody,
  incrementBody,
  reversalBody,
  serializeBody,
  storeCardBody,
  storedCardChargeBody,
  verifyCardBody,
  voidBody,
  type JsonBody,
} from '../../../main/gateway/request-bodies';

const policy: InputPolicy = { now: () => new Date('2026-11-21T12:00:00Z'), maxAmountMinor: 10_000_000 };
const reference = { code: 'TC50171_3', transactionId: 'T-0001' };
const card = { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', securityCode: '123' };

function json(body: JsonBody): unknown {
  return JSON.parse(serializeBody(body).toString('utf8'));
}

describe('storing a card with a CIT and TMS', () => {
  /** The request in ../shared/reference/cit-tms-token-example.txt, byte for byte. */
  const referenceExample =
    '{ "processingInformation": { "actionList": [ "TOKEN_CREATE" ], "actionTokenTypes": [ "instrumentIdentifier" ] }, "paymentInformation": { "card": { "number": "4111111111111111", "expirationMonth": "12", "expirationYear": "2031", "securityCode": "123" } }, "orderInformation": { "amountDetails": { "totalAmount": "102.21", "currency": "USD" }, "billTo": { "firstName": "John", "lastName": "Doe", "address1": "1 Market St", "locality": "san francisco", "administrativeArea": "CA", "postalCode": "94105", "country": "US", "email": "", "phoneNumber": "4158880000" } } }';

  it('sends exactly the reference example, plus the client reference every request carries', () => {
    const example = JSON.parse(referenceExample) as { orderInformation: { billTo: Record<string, string> } };
    const valid = validateAuthorize({ reference, amount: '102.21', currency: 'USD', card, billTo: example.orderInformation.billTo }, policy);
    const { clientReferenceInformation, ...rest } = json(storeCardBody(valid)) as Record<string, unknown>;
    expect(clientReferenceInformation).toEqual({ code: 'TC50171_3', transactionId: 'T-0001' });
    expect(JSON.stringify(rest)).toBe(JSON.stringify(example));
  });
});

describe('authorization bodies', () => {
  it('marks a final authorization and a pre-authorization', () => {
    const final = validateAuthorize({ reference, amount: 100, currency: 'USD', card, authorizationKind: 'final' }, policy);
    const pre = validateAuthorize({ reference, amount: 100, currency: 'USD', card, authorizationKind: 'pre' }, policy);
    expect(json(authorizationBody(final, { capture: false }))).toMatchObject({ processingInformation: { authorizationOptions: { authIndicator: '1' } } });
    expect(json(authorizationBody(pre, { capture: false }))).toMatchObject({ processingInformation: { authorizationOptions: { authIndicator: '0' } } });
  });

  it('opens a lodging tab with the lodging data incremental authorizations need', () => {
    const valid = validateAuthorize(
      {
        reference,
        amount: 45000,
        currency: 'USD',
        card,
        authorizationKind: 'pre',
        lodging: { checkInDate: '2026-11-21', checkOutDate: '2026-11-23', dailyRateMinor: 20000, nights: 2, guestName: 'John Doe' },
      },
      policy,
    );
    expect(json(authorizationBody(valid, { capture: false }))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      processingInformation: { industryDataType: 'lodging', authorizationOptions: { authIndicator: '0' } },
      paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', securityCode: '123' } },
      orderInformation: { amountDetails: { totalAmount: '450.00', currency: 'USD' } },
      travelInformation: {
        lodging: { checkInDate: '112126', checkOutDate: '112326', room: [{ dailyRate: '200.00', numberOfNights: 2 }], guestName: 'John Doe' },
      },
    });
  });

  it('sends a swiped card as a retail card-present sale with partial authorization allowed', () => {
    const valid = validateAuthorize(
      {
        reference,
        amount: 10000,
        currency: 'USD',
        partialAuthorization: true,
        pointOfSale: { entryMode: 'swiped', terminalCapability: 2, terminalId: 'T1', trackData: ';4111111111111111=31121019761186800000?' },
      },
      policy,
    );
    expect(json(authorizationBody(valid, { capture: true }))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      processingInformation: { commerceIndicator: 'retail', capture: true, authorizationOptions: { partialAuthIndicator: true } },
      orderInformation: { amountDetails: { totalAmount: '100.00', currency: 'USD' } },
      pointOfSaleInformation: { entryMode: 'swiped', terminalCapability: 2, terminalId: 'T1', trackData: ';4111111111111111=31121019761186800000?' },
    });
  });

  it('sends the EMV tags of a chip read', () => {
    const valid = validateAuthorize(
      {
        reference,
        amount: 10000,
        currency: 'EUR',
        pointOfSale: { entryMode: 'contact', terminalCapability: 4, trackData: ';4111111111111111=31121019761186800000?', emvTags: '9F3303204000950500000000009F3704518823719F100706011103A08000' },
      },
      policy,
    );
    expect(json(authorizationBody(valid, { capture: false }))).toMatchObject({
      processingInformation: { commerceIndicator: 'retail' },
      pointOfSaleInformation: { entryMode: 'contact', terminalCapability: 4, emv: { tags: '9F3303204000950500000000009F3704518823719F100706011103A08000' } },
    });
  });

  it('verifies a card for zero', () => {
    const valid = validateVerifyCard({ reference, currency: 'USD', card }, policy);
    expect(json(verifyCardBody(valid))).toMatchObject({ orderInformation: { amountDetails: { totalAmount: '0.00', currency: 'USD' } } });
  });

  it('forces a capture of a verbal authorization', () => {
    const valid = validateForceCapture({ reference, amount: 10000, currency: 'USD', card, verbalAuthCode: 'ABC123' }, policy);
    expect(json(forcedCaptureBody(valid))).toMatchObject({ processingInformation: { authorizationOptions: { authType: 'verbal', verbalAuthCode: 'ABC123' } } });
  });
});

describe('forced capture bodies', () => {
  const forced = { reference, amount: 10000, currency: 'USD', card: { ...card, type: '001' }, verbalAuthCode: 'ABC123' } as const;
  const authorizationOnly = {
    clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
    processingInformation: { authorizationOptions: { authType: 'verbal', verbalAuthCode: 'ABC123' } },
    paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', securityCode: '123', type: '001' } },
    orderInformation: { amountDetails: { totalAmount: '100.00', currency: 'USD' } },
  };

  it('only authorizes by default, like the guide example, and when capture is false', () => {
    expect(json(forcedCaptureBody(validateForceCapture(forced, policy)))).toEqual(authorizationOnly);
    expect(json(forcedCaptureBody(validateForceCapture({ ...forced, capture: false }, policy)))).toEqual(authorizationOnly);
  });

  it('captures in the same request when capture is true', () => {
    const body = json(forcedCaptureBody(validateForceCapture({ ...forced, capture: true }, policy)));
    expect(body).toEqual({
      ...authorizationOnly,
      processingInformation: { capture: true, authorizationOptions: { authType: 'verbal', verbalAuthCode: 'ABC123' } },
    });
  });

  it('keeps a card-present forced capture retail when captured', () => {
    const valid = validateForceCapture(
      {
        reference,
        amount: 10000,
        currency: 'USD',
        verbalAuthCode: 'ABC123',
        capture: true,
        pointOfSale: { entryMode: 'swiped', terminalCapability: 2, trackData: ';4111111111111111=31121019761186800000?' },
      },
      policy,
    );
    expect(json(forcedCaptureBody(valid))).toMatchObject({
      processingInformation: { commerceIndicator: 'retail', capture: true, authorizationOptions: { authType: 'verbal', verbalAuthCode: 'ABC123' } },
    });
  });

  it('refuses a capture flag that is not a boolean, naming the field', () => {
    expect(() => validateForceCapture({ ...forced, capture: 'yes' }, policy)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ field: 'capture' })] }));
  });
});

describe('merchant-initiated charge of a stored card', () => {
  const mit = {
    reference,
    amount: 2500,
    currency: 'USD',
    instrumentIdentifierId: '7010000000016241111',
    expirationMonth: '12',
    expirationYear: '2031',
    previousTransactionId: '123456789619999',
    reason: '2',
  } as const;
  const initiator = { type: 'merchant', storedCredentialUsed: true, merchantInitiatedTransaction: { reason: '2', previousTransactionId: '123456789619999' } };
  const authorizationOnly = {
    clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
    processingInformation: { commerceIndicator: 'internet', authorizationOptions: { initiator } },
    paymentInformation: { card: { expirationMonth: '12', expirationYear: '2031' }, instrumentIdentifier: { id: '7010000000016241111' } },
    orderInformation: { amountDetails: { totalAmount: '25.00', currency: 'USD' } },
  };

  it('only authorizes by default, and when capture is false', () => {
    expect(json(storedCardChargeBody(validateChargeStoredCard(mit, policy)))).toEqual(authorizationOnly);
    expect(json(storedCardChargeBody(validateChargeStoredCard({ ...mit, capture: false }, policy)))).toEqual(authorizationOnly);
  });

  it('captures in the same request when capture is true', () => {
    expect(json(storedCardChargeBody(validateChargeStoredCard({ ...mit, capture: true }, policy)))).toEqual({
      ...authorizationOnly,
      processingInformation: { commerceIndicator: 'internet', capture: true, authorizationOptions: { initiator } },
    });
  });

  it('refuses a capture flag that is not a boolean, naming the field', () => {
    expect(() => validateChargeStoredCard({ ...mit, capture: 1 }, policy)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ field: 'capture' })] }));
  });

  it('carries the instrument identifier and the initiator fields of the MIT sections', () => {
    const valid = validateChargeStoredCard(
      {
        reference,
        amount: '102.21',
        currency: 'USD',
        instrumentIdentifierId: '7010000000016241111',
        expirationMonth: '12',
        expirationYear: '2031',
        previousTransactionId: '123456789619999',
        originalAuthorizedAmountMinor: 10221,
      },
      policy,
    );
    expect(json(storedCardChargeBody(valid))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      processingInformation: {
        commerceIndicator: 'internet',
        authorizationOptions: {
          initiator: {
            type: 'merchant',
            storedCredentialUsed: true,
            merchantInitiatedTransaction: { reason: '10', previousTransactionId: '123456789619999', originalAuthorizedAmount: '102.21' },
          },
        },
      },
      paymentInformation: { card: { expirationMonth: '12', expirationYear: '2031' }, instrumentIdentifier: { id: '7010000000016241111' } },
      orderInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
    });
  });
});

describe('follow-on bodies', () => {
  it('increments by an additional amount', () => {
    const valid = validateIncrement({ paymentId: '6461731521426399003473', reference, additionalAmount: 5000, currency: 'USD', durationNights: 3 }, policy);
    expect(json(incrementBody(valid))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      processingInformation: { authorizationOptions: { initiator: { storedCredentialUsed: true } } },
      orderInformation: { amountDetails: { additionalAmount: '50.00', currency: 'USD' } },
      travelInformation: { duration: '3' },
    });
  });

  it('numbers multiple partial captures', () => {
    const valid = validateCapture({ paymentId: 'p1', reference, amount: 10221, currency: 'USD', sequence: { number: 2, total: 3 } }, policy);
    expect(json(captureBody(valid))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      processingInformation: { captureOptions: { captureSequenceNumber: 2, totalCaptureCount: 3 } },
      orderInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
    });
  });

  it('reverses the authorized amount', () => {
    const valid = validateReversal({ paymentId: 'p1', reference, amount: 10000, currency: 'USD' }, policy);
    expect(json(reversalBody(valid))).toEqual({
      clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' },
      reversalInformation: { amountDetails: { totalAmount: '100.00' } },
      orderInformation: { amountDetails: { currency: 'USD' } },
    });
  });

  it('voids by the original attempt transaction id', () => {
    expect(json(voidBody(validateTimeoutVoid({ reference })))).toEqual({ clientReferenceInformation: { code: 'TC50171_3', transactionId: 'T-0001' } });
  });
});

describe('serializeBody', () => {
  it('drops unset members and the empty objects they leave', () => {
    const body: JsonBody = { a: undefined, b: { c: undefined, d: { e: undefined } }, f: [1, { g: undefined }], h: 'x' };
    expect(serializeBody(body).toString('utf8')).toBe('{"f":[1,{}],"h":"x"}');
  });

  it('writes the same bytes for the same input', () => {
    const valid = validateAuthorize({ reference, amount: 100, currency: 'USD', card }, policy);
    expect(serializeBody(authorizationBody(valid, { capture: false })).equals(serializeBody(authorizationBody(valid, { capture: false })))).toBe(true);
  });
});
