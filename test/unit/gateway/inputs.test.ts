import { describe, expect, it } from 'vitest';
import {
  GatewayInputError,
  validateAuthorize,
  validateCapture,
  validateChargeStoredCard,
  validateIncrement,
  validateVerifyCard,
  validateVoid,
  type AuthorizeInput,
  type InputPolicy,
} from '../../../main/gateway/inputs';
import { TerminalError } from '../../../main/errors';

const policy: InputPolicy = { now: () => new Date('2026-11-21T12:00:00Z'), maxAmountMinor: 500_000 };
const reference = { code: 'ORDER-1', transactionId: 'T-0001' };
const card = { number: '4111111111111111', expirationMonth: '12', expirationYear: '2031', securityCode: '123' };
const sale: AuthorizeInput = { reference, amount: 10221, currency: 'USD', card };

function problemsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayInputError);
    expect(error).toBeInstanceOf(TerminalError);
    return (error as GatewayInputError).problems;
  }
  throw new Error('expected a GatewayInputError');
}

describe('amount validation', () => {
  it.each<[unknown, string, RegExp]>([
    ['abc', 'USD', /"abc": use digits only/],
    ['1.234', 'USD', /USD has at most 2 decimals/],
    ['5.5', 'JPY', /JPY has no decimals/],
    [-100, 'USD', /must not be negative/],
    ['-1.00', 'USD', /must not be negative/],
    [0, 'USD', /must be more than zero/],
    ['0.00', 'USD', /must be more than zero/],
    [12.5, 'USD', /whole number of minor units/],
    [500_001, 'USD', /over the maximum of 5000.00 USD/],
    ['5000.01', 'USD', /over the maximum/],
    [true, 'USD', /integer minor units or a decimal amount/],
  ])('amount %j in %s is refused, naming the field', (amount, currency, message) => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, amount, currency }, policy));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('amount');
    expect(problems[0]?.message).toMatch(message);
  });

  it('reads integer minor units and operator text the same way', () => {
    expect(validateAuthorize({ ...sale, amount: 10221 }, policy).money).toEqual({ minor: 10221, currency: 'USD', gateway: '102.21' });
    expect(validateAuthorize({ ...sale, amount: '102.21' }, policy).money).toEqual({ minor: 10221, currency: 'USD', gateway: '102.21' });
    expect(validateAuthorize({ ...sale, amount: 500, currency: 'JPY' }, policy).money.gateway).toBe('500');
  });

  it('allows exactly the maximum', () => {
    expect(validateAuthorize({ ...sale, amount: 500_000 }, policy).money.minor).toBe(500_000);
  });

  it('allows zero only for card verification', () => {
    const { amount: _amount, ...verification } = sale;
    expect(validateVerifyCard(verification, policy).money).toEqual({ minor: 0, currency: 'USD', gateway: '0.00' });
    expect(problemsOf(() => validateIncrement({ paymentId: 'p1', reference, additionalAmount: 0, currency: 'USD' }, policy))).toEqual([
      { field: 'additionalAmount', message: 'must be more than zero (a zero amount is only for card verification)' },
    ]);
  });

  it('refuses an unknown currency', () => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, currency: 'XYZ' as 'USD' }, policy));
    expect(problems[0]?.field).toBe('currency');
    expect(problems[0]?.message).toMatch(/unknown currency/);
  });
});

describe('card validation', () => {
  it('refuses a missing card', () => {
    const { card: _card, ...noCard } = sale;
    expect(problemsOf(() => validateAuthorize(noCard, policy))).toEqual([{ field: 'card', message: 'is required: key the card or read it' }]);
  });

  it('refuses an expired card against the injected clock', () => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, card: { ...card, expirationMonth: '10', expirationYear: '2026' } }, policy));
    expect(problems).toEqual([{ field: 'card.expirationYear', message: 'card expired 10/2026' }]);
    const later: InputPolicy = { ...policy, now: () => new Date('2032-01-01T00:00:00Z') };
    expect(problemsOf(() => validateAuthorize(sale, later))[0]?.message).toBe('card expired 12/2031');
  });

  it('refuses a card number that fails the Luhn check', () => {
    expect(problemsOf(() => validateAuthorize({ ...sale, card: { ...card, number: '4111111111111112' } }, policy))).toEqual([
      { field: 'card.number', message: 'is not a valid card number (check digit)' },
    ]);
  });

  it('checks the card inside swiped track data', () => {
    const swiped = { entryMode: 'swiped' as const, terminalCapability: 2, trackData: ';4111111111111112=31121019761186800000?' };
    const { card: _card, ...noCard } = sale;
    expect(problemsOf(() => validateAuthorize({ ...noCard, pointOfSale: swiped }, policy))).toEqual([
      { field: 'pointOfSale.trackData', message: 'is not a valid card number (check digit)' },
    ]);
    const good = validateAuthorize({ ...noCard, pointOfSale: { ...swiped, trackData: ';4111111111111111=31121019761186800000?' } }, policy);
    expect(good.pointOfSale?.entryMode).toBe('swiped');
  });

  it('needs EMV tags for a chip read', () => {
    const { card: _card, ...noCard } = sale;
    const chip = { entryMode: 'contact' as const, terminalCapability: 4, trackData: ';4111111111111111=31121019761186800000?' };
    expect(problemsOf(() => validateAuthorize({ ...noCard, pointOfSale: chip }, policy))).toEqual([
      { field: 'pointOfSale.emvTags', message: 'is required for a chip read' },
    ]);
  });

  it('names every bad field at once', () => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, amount: 'abc', card: { ...card, number: '4111111111111112', expirationYear: '2020' } }, policy));
    expect(problems.map((p) => p.field)).toEqual(['amount', 'card.number', 'card.expirationYear']);
  });

  it('reports shape problems with their paths', () => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, card: { ...card, expirationMonth: '13', number: '4111 1111' } }, policy));
    expect(problems.map((p) => p.field).sort()).toEqual(['card.expirationMonth', 'card.number']);
  });

  it('refuses fields it does not know, rather than dropping them', () => {
    const problems = problemsOf(() => validateAuthorize({ ...sale, cvv: '123' }, policy));
    expect(problems[0]?.field).toBe('cvv');
  });
});

describe('other operations', () => {
  it('keeps a transaction id out of a URL path unless it is path-safe', () => {
    expect(problemsOf(() => validateVoid({ target: 'sale', id: '../payments', reference }))[0]?.field).toBe('id');
  });

  it('needs a transaction id on every attempt', () => {
    expect(problemsOf(() => validateVoid({ target: 'capture', id: 'abc', reference: { code: 'x' } }))[0]?.field).toBe('reference.transactionId');
  });

  it('keeps a capture sequence in order', () => {
    const input = { paymentId: 'p1', reference, amount: 100, currency: 'USD' as const, sequence: { number: 3, total: 2 } };
    expect(problemsOf(() => validateCapture(input, policy))).toEqual([{ field: 'sequence.number', message: 'must not exceed sequence.total' }]);
  });

  it('refuses a lodging tab sent as a final authorization', () => {
    const lodging = { checkInDate: '2026-11-21', checkOutDate: '2026-11-23' };
    expect(problemsOf(() => validateAuthorize({ ...sale, lodging, authorizationKind: 'final' }, policy))[0]?.field).toBe('authorizationKind');
    expect(problemsOf(() => validateAuthorize({ ...sale, lodging: { ...lodging, checkOutDate: '2026-11-20' } }, policy))[0]?.field).toBe(
      'lodging.checkOutDate',
    );
  });

  it('refuses an MIT without the original network transaction id', () => {
    const mit = { reference, amount: 100, currency: 'USD', instrumentIdentifierId: '7010000000016241111', expirationMonth: '12', expirationYear: '2031' };
    expect(problemsOf(() => validateChargeStoredCard(mit, policy))[0]?.field).toBe('previousTransactionId');
  });
});
