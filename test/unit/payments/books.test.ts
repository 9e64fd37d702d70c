import { describe, expect, it } from 'vitest';
import { booksOf } from '../../../main/payments/books';
import type { AttemptKind, AttemptStatus, BookAttemptRow, BookRows, CashTenderBookRow } from '../../../main/payments/journal/records';
import type { CurrencyCode } from '../../../preload/currency';

function attempt(kind: AttemptKind, approvedMinor: number | null, fields: Partial<BookAttemptRow> = {}): BookAttemptRow {
  const status: AttemptStatus = fields.status ?? (approvedMinor === null ? 'declined' : 'approved');
  return {
    kind,
    status,
    currency: 'USD',
    amountMinor: approvedMinor ?? 1000,
    approvedMinor,
    cardBrand: 'visa',
    operatorId: 'op-1',
    offline: false,
    voided: null,
    ...fields,
  };
}

function voidOf(voided: BookAttemptRow, fields: Partial<BookAttemptRow> = {}): BookAttemptRow {
  const approvedMinor = voided.approvedMinor ?? 0;
  return attempt('void', approvedMinor, {
    cardBrand: voided.cardBrand,
    currency: voided.currency,
    operatorId: 'mgr-1',
    voided: { kind: voided.kind, approvedMinor, operatorId: voided.operatorId, offline: voided.offline },
    ...fields,
  });
}

const cash = (amountMinor: number, operatorId = 'op-1', currency: CurrencyCode = 'USD'): CashTenderBookRow => ({ currency, amountMinor, operatorId });

function usd(rows: Partial<BookRows>) {
  const books = booksOf({ attempts: rows.attempts ?? [], cashTenders: rows.cashTenders ?? [] });
  const [first] = books.currencies;
  if (!first || books.currencies.length !== 1) throw new Error(`expected one currency, got ${books.currencies.map((line) => line.currency).join(', ')}`);
  return first;
}

describe('takings: the money that will settle', () => {
  it.each([
    ['an approved sale', attempt('sale', 1234), 'sale', 1234],
    ['a forwarded offline sale', attempt('sale', 2000, { offline: true }), 'offline-sale', 2000],
    ['a capture', attempt('capture', 7500), 'capture', 7500],
    ['a forced capture (voice authorization)', attempt('forced-capture', 100_030), 'forced-capture', 100_030],
    ['a late charge (MIT)', attempt('mit', 4500), 'late-charge', 4500],
    ['a refund', attempt('refund', 500), 'refund', -500],
    ['a credit', attempt('credit', 800), 'credit', -800],
  ] as const)('books %s as %s', (_name, row, kind, netMinor) => {
    const books = usd({ attempts: [row] });
    expect(books.netMinor).toBe(netMinor);
    expect(books.card).toEqual({ count: 1, voidedCount: 0, grossMinor: netMinor, voidedMinor: 0, netMinor });
    expect(books.byKind).toEqual([{ key: kind, count: 1, voidedCount: 0, grossMinor: netMinor, voidedMinor: 0, netMinor }]);
    expect(books.holds).toEqual([]);
  });

  it.each([
    ['a sale', attempt('sale', 2500)],
    ['a capture', attempt('capture', 7500)],
    ['a forced capture', attempt('forced-capture', 3000)],
    ['a late charge', attempt('mit', 4500)],
    ['a forwarded offline sale', attempt('sale', 2000, { offline: true })],
  ])('a void of %s takes it back out', (_name, row) => {
    const books = usd({ attempts: [row, voidOf(row)] });
    expect(books.netMinor).toBe(0);
    expect(books.card).toMatchObject({ count: 1, voidedCount: 1, grossMinor: row.approvedMinor, voidedMinor: row.approvedMinor, netMinor: 0 });
  });

  it('a void of a refund puts the refund back', () => {
    const sale = attempt('sale', 3000);
    const refund = attempt('refund', 1000);
    const books = usd({ attempts: [sale, refund, voidOf(refund)] });
    expect(books.netMinor).toBe(3000);
    expect(books.byKind).toEqual([
      { key: 'sale', count: 1, voidedCount: 0, grossMinor: 3000, voidedMinor: 0, netMinor: 3000 },
      { key: 'refund', count: 1, voidedCount: 1, grossMinor: -1000, voidedMinor: -1000, netMinor: 0 },
    ]);
  });

  it('a void alone in the scope (its sale in another) still takes the money out', () => {
    const sale = attempt('sale', 2500);
    expect(usd({ attempts: [voidOf(sale)] }).netMinor).toBe(-2500);
  });

  it('books a void against the voided movement: its kind, brand and operator, not the manager who voided it', () => {
    const sale = attempt('sale', 2500, { operatorId: 'cashier-2', cardBrand: 'mastercard' });
    const books = usd({ attempts: [sale, voidOf(sale)] });
    expect(books.byOperator).toEqual([{ key: 'cashier-2', count: 1, voidedCount: 1, grossMinor: 2500, voidedMinor: 2500, netMinor: 0 }]);
    expect(books.byBrand).toEqual([{ key: 'mastercard', count: 1, voidedCount: 1, grossMinor: 2500, voidedMinor: 2500, netMinor: 0 }]);
  });

  it('ignores a void that did not go through, and voids of anything that moved no money', () => {
    const sale = attempt('sale', 2500);
    const declinedVoid = voidOf(sale, { status: 'declined', approvedMinor: null });
    const pendingVoid = voidOf(sale, { status: 'pending', approvedMinor: null });
    const books = usd({ attempts: [sale, declinedVoid, pendingVoid] });
    expect(books.netMinor).toBe(2500);
    expect(books.declines).toBe(1);
    expect(books.inDoubt).toBe(1);
  });

  it('counts nothing for declined, failed, invalid, unresolved or resolved (undone) attempts', () => {
    const books = usd({
      attempts: [
        attempt('sale', null),
        attempt('sale', null, { status: 'failed' }),
        attempt('sale', null, { status: 'invalid' }),
        attempt('sale', null, { status: 'pending' }),
        attempt('capture', null, { status: 'unknown' }),
        attempt('sale', null, { status: 'resolved' }),
        attempt('timeout-reversal', 1000),
        attempt('timeout-void', 1000),
        attempt('verify', 0),
      ],
    });
    expect(books).toMatchObject({ netMinor: 0, byKind: [], byBrand: [], byOperator: [], holds: [], declines: 1, inDoubt: 2 });
  });
});

describe('holds: never takings', () => {
  it('shows authorizations, partial approvals, increments and releases apart', () => {
    const books = usd({
      attempts: [
        attempt('authorize', 40_000),
        attempt('incremental', 5_000),
        attempt('incremental', 20_000),
        attempt('authorize', 3_000),
        attempt('reversal', 3_000),
        attempt('sale', 6_000, { status: 'partially-approved' }),
        attempt('authorize', 2_000, { status: 'partially-approved' }),
      ],
    });
    expect(books.netMinor).toBe(0);
    expect(books.holds).toEqual([
      { kind: 'authorization', count: 2, amountMinor: 43_000 },
      { kind: 'partial-approval', count: 2, amountMinor: 8_000 },
      { kind: 'incremental', count: 2, amountMinor: 25_000 },
      { kind: 'release', count: 1, amountMinor: 3_000 },
    ]);
  });

  it('a partial approval counts once, as its capture', () => {
    const partial = attempt('sale', 6_000, { status: 'partially-approved' });
    const books = usd({ attempts: [partial, attempt('capture', 6_000)], cashTenders: [cash(4_000)] });
    expect(books.netMinor).toBe(10_000);
    expect(books.card.netMinor).toBe(6_000);
    expect(books.cash).toEqual({ count: 1, amountMinor: 4_000 });
    expect(books.holds).toEqual([{ kind: 'partial-approval', count: 1, amountMinor: 6_000 }]);
  });

  it('a pre-auth counts as its capture only, whatever was held, increased or released', () => {
    const books = usd({ attempts: [attempt('authorize', 8_000), attempt('incremental', 1_000), attempt('capture', 7_500), attempt('reversal', 1_500)] });
    expect(books.netMinor).toBe(7_500);
  });
});

describe('breakdowns', () => {
  it('splits card takings by brand, kind and operator, cash by operator only, and every breakdown adds up', () => {
    const books = usd({
      attempts: [
        attempt('sale', 1_234, { cardBrand: 'visa', operatorId: 'ann' }),
        attempt('capture', 70_000, { cardBrand: 'mastercard', operatorId: 'bob' }),
        attempt('sale', 500, { cardBrand: null, operatorId: 'ann' }),
        attempt('refund', 200, { cardBrand: 'visa', operatorId: 'bob' }),
      ],
      cashTenders: [cash(4_000, 'ann')],
    });
    expect(books.byBrand.map((line) => [line.key, line.netMinor])).toEqual([['mastercard', 70_000], ['unknown', 500], ['visa', 1_034]]);
    expect(books.byKind.map((line) => [line.key, line.count, line.netMinor])).toEqual([['sale', 2, 1_734], ['capture', 1, 70_000], ['refund', 1, -200]]);
    expect(books.byOperator).toEqual([
      { key: 'ann', count: 3, voidedCount: 0, grossMinor: 5_734, voidedMinor: 0, netMinor: 5_734 },
      { key: 'bob', count: 2, voidedCount: 0, grossMinor: 69_800, voidedMinor: 0, netMinor: 69_800 },
    ]);
    const sum = (lines: { netMinor: number }[]) => lines.reduce((total, line) => total + line.netMinor, 0);
    expect(sum(books.byBrand)).toBe(books.card.netMinor);
    expect(sum(books.byKind)).toBe(books.card.netMinor);
    expect(sum(books.byOperator)).toBe(books.netMinor);
    expect(books.netMinor).toBe(books.card.netMinor + books.cash.amountMinor);
  });

  it('keeps currencies apart, in alphabetical order', () => {
    const books = booksOf({
      attempts: [attempt('sale', 1_000, { currency: 'USD' }), attempt('sale', 500, { currency: 'JPY' }), attempt('refund', 100, { currency: 'EUR' }), attempt('sale', 2_000, { currency: 'USD' })],
      cashTenders: [cash(300, 'op-1', 'JPY')],
    });
    expect(books.currencies.map((line) => [line.currency, line.netMinor, line.card.netMinor, line.cash.amountMinor])).toEqual([
      ['EUR', -100, -100, 0],
      ['JPY', 800, 500, 300],
      ['USD', 3_000, 3_000, 0],
    ]);
  });

  it('is empty for no rows', () => {
    expect(booksOf({ attempts: [], cashTenders: [] })).toEqual({ currencies: [] });
  });
});
