/**
 * Cards and outcomes: the guide's test cards, Luhn failures, debit/prepaid partial
 * authorizations, amount-triggered declines, card-present track and EMV data, TMS tokens and
 * merchant-initiated transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCards } from '../../../main/sandbox/card-catalog';
import { amountTriggers } from '../../../main/sandbox/decline-triggers';
import { startSandboxGateway, type SandboxGateway } from '../../../main/sandbox/gateway-server';
import { authorizationBody, send, usd } from './signed-request';

let sandbox: SandboxGateway;

beforeAll(async () => {
  sandbox = await startSandboxGateway();
});

afterAll(async () => {
  await sandbox.close();
});

const pay = (body: unknown) => send(sandbox, 'POST', '/pts/v2/payments', body);

function cardPresent(pointOfSaleInformation: Record<string, unknown>, amount = '12.50'): Record<string, unknown> {
  return {
    clientReferenceInformation: { code: 'lane-1' },
    processingInformation: { commerceIndicator: 'retail' },
    pointOfSaleInformation: { terminalId: 'T0001', terminalCapability: 4, ...pointOfSaleInformation },
    ...usd(amount),
  };
}

describe('sandbox gateway cards', () => {
  it('approves every test card the guide lists (and the sandbox’s Diners cards) with its card type', async () => {
    const expectedTypes: Record<string, string> = {
      '378282246310005': '003',
      '6011111111111117': '004',
      '3566111111111113': '007',
      '50339619890917': '042',
      '586824160825533338': '042',
      '6759411100000008': '024',
      '6759560045005727054': '024',
      '5641821111166669': '024',
      '2222420000001113': '002',
      '2222630000001125': '002',
      '5555555555554444': '002',
      '135412345678911': '040',
      '4111111111111111': '001',
      '38000000000006': '005',
      '30569309025904': '005',
    };
    for (const [number, type] of Object.entries(expectedTypes)) {
      const reply = await pay(authorizationBody('10.00', {}, number));
      expect({ number, status: reply.body.status, type: reply.body.paymentInformation?.card?.type }).toEqual({ number, status: 'AUTHORIZED', type });
    }
    expect(testCards.filter((card) => card.source === 'guide')).toHaveLength(13);
  });

  it('approves a Luhn-valid number in a brand’s BIN range that is not a listed test card', async () => {
    expect((await pay(authorizationBody('10.00', {}, '4242424242424242'))).body.status).toBe('AUTHORIZED');
  });

  it('authorizes payment network tokens (tokenizedCard) and itemized orders (lineItems)', async () => {
    const token = await pay({ ...usd('100'), paymentInformation: { tokenizedCard: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', transactionType: '1', cryptogram: 'qE5juRwDzAUFBAkEHuWW9PiBkWv=' } } });
    expect(token.body).toMatchObject({ status: 'AUTHORIZED', orderInformation: { amountDetails: { authorizedAmount: '100.00' } } });
    const itemized = await pay({
      paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031' } },
      orderInformation: { amountDetails: { currency: 'USD' }, lineItems: [{ unitPrice: '10.00' }, { unitPrice: '5.99', quantity: '3' }, { unitPrice: '29.99', quantity: '3' }] },
    });
    expect(itemized.body.orderInformation.amountDetails.authorizedAmount).toBe('117.94');
    const badItem = await pay({ paymentInformation: { card: { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031' } }, orderInformation: { amountDetails: { currency: 'USD' }, lineItems: [{ quantity: '2' }] } });
    expect(badItem.body.details).toEqual([{ field: 'orderInformation.lineItems[0].unitPrice', reason: 'MISSING_FIELD' }]);
  });

  it('refuses a Luhn-invalid card number with field details', async () => {
    const reply = await pay(authorizationBody('10.00', {}, '4111111111111112'));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'INVALID_DATA', details: [{ field: 'paymentInformation.card.number', reason: 'INVALID_DATA' }] });
    expect(JSON.stringify(reply.body)).not.toContain('4111111111111112');
  });

  it('partially authorizes a debit card with partialAuthIndicator true, and the rest can go on another card', async () => {
    const reply = await pay(authorizationBody('1000.00', { processingInformation: { authorizationOptions: { partialAuthIndicator: 'true' } } }, '4005510000000005'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'PARTIAL_AUTHORIZED',
      orderInformation: { amountDetails: { totalAmount: '1000.00', authorizedAmount: '499.01', currency: 'USD' } },
      paymentInformation: { accountFeatures: { balanceAmount: '0.00' } },
    });
    const capture = await send(sandbox, 'POST', `/pts/v2/payments/${reply.body.id}/captures`, usd('499.01'));
    expect(capture.status).toBe(201);
  });

  it('partial approval of a sale is not captured', async () => {
    const reply = await pay(authorizationBody('30.00', { processingInformation: { capture: true, authorizationOptions: { partialAuthIndicator: true } } }, '5105105105105100'));
    expect(reply.body).toMatchObject({ status: 'PARTIAL_AUTHORIZED', orderInformation: { amountDetails: { authorizedAmount: '25.00' } } });
    expect(sandbox.transactions().find((t) => t.id === reply.body.id)).toMatchObject({ kind: 'authorization', capturedMinor: 0 });
  });

  it('declines a debit card over its balance when partial authorization is off', async () => {
    const reply = await pay(authorizationBody('501.00', { processingInformation: { authorizationOptions: { partialAuthIndicator: 'false' } } }, '4005510000000005'));
    expect(reply.body).toMatchObject({ status: 'DECLINED', errorInformation: { reason: 'INSUFFICIENT_FUND' }, paymentInsightsInformation: { responseInsights: { categoryCode: '02' } } });
    const withinBalance = await pay(authorizationBody('4.00', {}, '4222222222222220'));
    expect(withinBalance.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { accountFeatures: { balanceAmount: '1.00' } } });
  });

  it('declines on the trigger amounts with response-insight categories 01–04', async () => {
    const categories = new Set<string>();
    for (const [cents, decline] of amountTriggers) {
      const amount = `1000.${String(cents).padStart(2, '0')}`;
      const reply = await pay(authorizationBody(amount));
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        status: 'DECLINED',
        errorInformation: { reason: decline.reason },
        paymentInsightsInformation: { responseInsights: { categoryCode: decline.categoryCode, category: decline.category } },
        processorInformation: { responseCode: decline.responseCode },
      });
      categories.add(reply.body.paymentInsightsInformation.responseInsights.categoryCode);
    }
    expect([...categories].sort()).toEqual(['01', '02', '03', '04']);
    expect((await pay(authorizationBody('999.01'))).body.status).toBe('AUTHORIZED');
    expect(sandbox.transactions().find((t) => t.requestedMinor === 100001)?.state).toBe('declined');
  });

  it('answers "call issuer" at .30, and the voice authorization then goes through as a verbal forced capture', async () => {
    const declined = await pay(authorizationBody('1250.30'));
    expect(declined.body).toMatchObject({ status: 'DECLINED', errorInformation: { reason: 'CONTACT_PROCESSOR' }, processorInformation: { responseCode: '01' } });
    const verbal = await pay(authorizationBody('1250.30', { processingInformation: { capture: true, authorizationOptions: { authType: 'verbal', verbalAuthCode: '654321' } } }));
    expect(verbal.body).toMatchObject({ status: 'AUTHORIZED', processorInformation: { approvalCode: '654321' } });
    const missingCode = await pay(authorizationBody('10.00', { processingInformation: { authorizationOptions: { authType: 'verbal' } } }));
    expect(missingCode.body.details).toEqual([{ field: 'processingInformation.authorizationOptions.verbalAuthCode', reason: 'MISSING_FIELD' }]);
  });

  it('answers 502 SERVER_ERROR at .99 and records nothing', async () => {
    const before = sandbox.transactions().length;
    const reply = await pay(authorizationBody('1000.99'));
    expect(reply).toMatchObject({ status: 502, body: { status: 'SERVER_ERROR' } });
    expect(sandbox.transactions().length).toBe(before);
  });

  it('reads the card from Track 1, Track 2, and both', async () => {
    const track1 = await pay(cardPresent({ entryMode: 'swiped', trackData: '%B5555555555554444^SMITH/JOHN ^3112101976110000868000000?' }));
    expect(track1.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { card: { type: '002' } }, pointOfSaleInformation: { terminalId: 'T0001' } });
    const track2 = await pay(cardPresent({ entryMode: 'swiped', trackData: ';378282246310005=31121019761186800000?' }));
    expect(track2.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { card: { type: '003' } } });
    const both = await pay(cardPresent({ entryMode: 'swiped', trackData: '%B4111111111111111^SMITH/JOHN ^3112101976110000868000000?;4111111111111111=31121019761186800000?' }));
    expect(both.body.status).toBe('AUTHORIZED');
    expect(sandbox.transactions().find((t) => t.id === track2.body.id)?.cardSuffix).toBe('0005');
  });

  it('declines an expired swiped card and refuses unreadable or Luhn-invalid track data', async () => {
    const expired = await pay(cardPresent({ entryMode: 'swiped', trackData: '%B4111111111111111^SMITH/JOHN ^1612101976110000868000000?' }));
    expect(expired.body.errorInformation.reason).toBe('EXPIRED_CARD');
    const garbage = await pay(cardPresent({ entryMode: 'swiped', trackData: 'not a track' }));
    expect(garbage.body.details).toEqual([{ field: 'pointOfSaleInformation.trackData', reason: 'INVALID_DATA' }]);
    const badLuhn = await pay(cardPresent({ entryMode: 'swiped', trackData: ';4111111111111112=31121019761186800000?' }));
    expect(badLuhn.body.details).toEqual([{ field: 'pointOfSaleInformation.trackData', reason: 'INVALID_DATA' }]);
  });

  it('reads the card from EMV tags (5A + 5F24, or 57 Track 2 equivalent)', async () => {
    const panAndExpiry = '5A0841111111111111115F2403311231' + '9F02060000000012509F2701809F100706010A03A00000';
    const emv = await pay(cardPresent({ entryMode: 'contact', emv: { tags: panAndExpiry } }));
    expect(emv.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { card: { type: '001' } } });
    const track2Equivalent = '57115555555555554444D31122011143878089';
    const contactless = await pay(cardPresent({ entryMode: 'contactless', emv: { tags: `9F2608C2C12B098F3DA6E3${track2Equivalent}` } }));
    expect(contactless.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { card: { type: '002' } } });
    const unreadable = await pay(cardPresent({ entryMode: 'contact', emv: { tags: '9F0206000000001250' } }));
    expect(unreadable.body.details).toEqual([{ field: 'pointOfSaleInformation.emv.tags', reason: 'INVALID_DATA' }]);
  });

  it('TMS TOKEN_CREATE: the guide’s example card answers exactly as the example, and ids are stable per card', async () => {
    const request = authorizationBody('102.21', { processingInformation: { actionList: ['TOKEN_CREATE'], actionTokenTypes: ['instrumentIdentifier'] } });
    const first = await pay(request);
    expect(first.body.tokenInformation).toEqual({ instrumentidentifierNew: false, instrumentIdentifier: { state: 'ACTIVE', id: '7010000000016241111' } });
    expect(Object.keys(first.body)).toEqual([
      '_links',
      'clientReferenceInformation',
      'id',
      'orderInformation',
      'paymentAccountInformation',
      'paymentInformation',
      'pointOfSaleInformation',
      'processorInformation',
      'reconciliationId',
      'status',
      'submitTimeUtc',
      'tokenInformation',
    ]);
    expect(Object.keys(first.body.processorInformation)).toEqual(['paymentAccountReferenceNumber', 'approvalCode', 'networkTransactionId', 'transactionId', 'responseCode', 'avs']);

    const other = authorizationBody('20.00', { processingInformation: { actionList: ['TOKEN_CREATE'], actionTokenTypes: ['instrumentIdentifier'] } }, '5555555555554444');
    const created = await pay(other);
    expect(created.body.tokenInformation).toEqual({ instrumentidentifierNew: true, instrumentIdentifier: { state: 'ACTIVE', id: expect.stringMatching(/^\d{19}$/) } });
    const again = await pay(other);
    expect(again.body.tokenInformation).toEqual({ ...created.body.tokenInformation, instrumentidentifierNew: false });
  });

  it('MIT with a stored instrument identifier and the initiator fields is approved', async () => {
    const stored = await pay(authorizationBody('20.00', { processingInformation: { actionList: ['TOKEN_CREATE'], actionTokenTypes: ['instrumentIdentifier'], authorizationOptions: { initiator: { type: 'customer', credentialStoredOnFile: true } } } }, '378282246310005'));
    const instrumentId: string = stored.body.tokenInformation.instrumentIdentifier.id;
    const mit = await pay({
      ...usd('20.00'),
      processingInformation: {
        commerceIndicator: 'recurring',
        authorizationOptions: { initiator: { type: 'merchant', storedCredentialUsed: true, merchantInitiatedTransaction: { reason: '7', previousTransactionID: stored.body.processorInformation.networkTransactionId } } },
      },
      paymentInformation: { card: { expirationMonth: '12', expirationYear: '2031' }, instrumentIdentifier: { id: instrumentId } },
    });
    expect(mit.body).toMatchObject({ status: 'AUTHORIZED', paymentInformation: { card: { type: '003' } } });
  });

  it('MIT with an unknown instrument identifier is refused with field details', async () => {
    const reply = await pay({ ...usd('20.00'), processingInformation: { commerceIndicator: 'recurring', authorizationOptions: { initiator: { type: 'merchant', storedCredentialUsed: true } } }, paymentInformation: { instrumentIdentifier: { id: '7099999999999999999' } } });
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual([{ field: 'paymentInformation.instrumentIdentifier.id', reason: 'INVALID_DATA' }]);
  });

  it('MIT without the initiator fields is refused with field details', async () => {
    const withPan = await pay(authorizationBody('20.00', { processingInformation: { commerceIndicator: 'recurring' } }));
    expect(withPan.status).toBe(400);
    expect(withPan.body).toMatchObject({ reason: 'MISSING_FIELD' });
    expect(withPan.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'processingInformation.authorizationOptions.initiator.type',
      'processingInformation.authorizationOptions.initiator.storedCredentialUsed',
      'processingInformation.authorizationOptions.initiator.merchantInitiatedTransaction.previousTransactionID',
    ]);
    const noPrevious = await pay(authorizationBody('20.00', { processingInformation: { authorizationOptions: { initiator: { type: 'merchant', storedCredentialUsed: 'true' } } } }));
    expect(noPrevious.body.details).toEqual([{ field: 'processingInformation.authorizationOptions.initiator.merchantInitiatedTransaction.previousTransactionID', reason: 'MISSING_FIELD' }]);
    const okPan = await pay(
      authorizationBody('20.00', {
        processingInformation: {
          commerceIndicator: 'recurring',
          authorizationOptions: { initiator: { type: 'merchant', storedCredentialUsed: 'true', merchantInitiatedTransaction: { previousTransactionId: '123456789619999' } } },
        },
      }),
    );
    expect(okPan.body.status).toBe('AUTHORIZED');
  });
});
