/**
 * Gateway amount strings ⇄ integer minor units, without floating point.
 */
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatAmount, parseAmount } from '../../../main/sandbox/money';

describe('sandbox money', () => {
  it('reads amounts into minor units by the currency’s exponent', () => {
    expect(parseAmount('102.21', 'USD')).toBe(10221);
    expect(parseAmount('100', 'usd')).toBe(10000);
    expect(parseAmount('0.1', 'EUR')).toBe(10);
    expect(parseAmount('1.50', 'USD')).toBe(150);
    expect(parseAmount('1.500', 'USD')).toBe(150);
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
    expect(parseAmount('0.07', 'USD')).toBe(7);
    expect(parseAmount('9007199254.99', 'USD')).toBe(900719925499);
  });

  it('refuses what is not an amount in that currency', () => {
    for (const text of ['abc', '1.234', '-5.00', '', '1,00', '1e3', '.5', '1.2.3', ' ']) expect(parseAmount(text, 'USD'), text).toBeUndefined();
    expect(parseAmount('15.5', 'JPY')).toBeUndefined();
    expect(parseAmount('1.00', 'XYZ')).toBeUndefined();
  });

  it('formats minor units for the gateway', () => {
    expect(formatAmount(10221, 'USD')).toBe('102.21');
    expect(formatAmount(7, 'USD')).toBe('0.07');
    expect(formatAmount(0, 'USD')).toBe('0.00');
    expect(formatAmount(1500, 'JPY')).toBe('1500');
    expect(formatAmount(1234, 'KWD')).toBe('1.234');
    expect(currencyExponent('jpy')).toBe(0);
  });
});
