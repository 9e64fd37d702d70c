import { describe, expect, it } from 'vitest';
import { validateAuthorize, type InputPolicy } from '../../../main/gateway/inputs';
import { authorizationBody, serializeBody } from '../../../main/gateway/request-bodies';

const policy: InputPolicy = { now: () => new Date('2026-11-21T12:00:00Z'), maxAmountMinor: 10_000_000 };
const swiped = {
  reference: { code: 'SALE-1', transactionId: 'T-0001' },
  amount: 2500,
  currency: 'USD' as const,
  pointOfSale: { entryMode: 'swiped' as const, terminalCapability: 2, terminalId: 'T1', trackData: ';4111111111111111=31121010000000000000?' },
};

describe('store-and-forward in the sale body', () => {
  it('sends pointOfSaleInformation.storeAndForwardIndicator "Y" only for a forwarded sale', () => {
    const forwarded = JSON.parse(serializeBody(authorizationBody(validateAuthorize({ ...swiped, pointOfSale: { ...swiped.pointOfSale, storeAndForward: true } }, policy), { capture: true })).toString()) as {
      pointOfSaleInformation: Record<string, unknown>;
      processingInformation: Record<string, unknown>;
    };
    expect(forwarded.pointOfSaleInformation).toMatchObject({ entryMode: 'swiped', storeAndForwardIndicator: 'Y' });
    expect(forwarded.processingInformation).toMatchObject({ capture: true });
    const online = serializeBody(authorizationBody(validateAuthorize(swiped, policy), { capture: true })).toString();
    expect(online).not.toContain('storeAndForwardIndicator');
  });
});
