import { describe, expect, it } from 'vitest';
import { formatMinorUnits, parseDecimalAmount } from '../../../preload/currency';

describe('formatMinorUnits', () => {
  it.each([
    [10221, 'USD', '102.21'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [500, 'JPY', '500'],
    [-1999, 'GBP', '-19.99'],
    [99_999_999, 'USD', '999999.99'],
  ] as const)('%i %s → %s', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });

  it('refuses a fractional number of minor units', () => {
    expect(() => formatMinorUnits(10.5, 'USD')).toThrow(RangeError);
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['102.21', 'USD', 10221],
    ['1,000', 'USD', 100000],
    ['12.5', 'USD', 1250],
    ['7.', 'EUR', 700],
    ['500', 'JPY', 500],
  ] as const)('%s %s → %i', (text, currency, minor) => {
    expect(parseDecimalAmount(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['abc', 'USD', 'use digits only, with an optional decimal point'],
    ['1.234', 'USD', 'USD has at most 2 decimals'],
    ['-5', 'USD', 'use digits only, with an optional decimal point'],
    ['5.5', 'JPY', 'JPY has no decimals'],
    ['', 'USD', 'use digits only, with an optional decimal point'],
    ['99999999999999999999', 'USD', 'is too large'],
  ] as const)('refuses %j in %s: %s', (text, currency, reason) => {
    expect(parseDecimalAmount(text, currency)).toEqual({ ok: false, reason });
  });
});
