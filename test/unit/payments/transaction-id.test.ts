import { describe, expect, it } from 'vitest';
import { newTransactionId } from '../../../main/payments/payment-context';

describe('newTransactionId', () => {
  it('makes ids the gateway accepts, unique, and never with a card-number-like run of 13 digits', () => {
    const ids = Array.from({ length: 10_000 }, () => newTransactionId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[A-Za-z0-9_.:-]{1,50}$/.test(id))).toEqual([]);
    expect(ids.filter((id) => /\d{13}/.test(id))).toEqual([]);
  });
});
