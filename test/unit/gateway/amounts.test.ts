import { describe, expect, it } from 'vitest';
import { fromGatewayAmount, toGatewayAmount } from '../../../main/gateway/amounts';
import type { CurrencyCode } from '../../../preload/currency';

describe('toGatewayAmount', () => {
  it.each<[number, CurrencyCode, string]>([
    [10221, 'USD', '102.21'],
    [0, 'USD', '0.00'],
    [5, 'EUR', '0.05'],
    [100000, 'GBP', '1000.00'],
    [500, 'JPY', '500'],
    [0, 'JPY', '0'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
  ])('%d %s → %s', (minor, currency, text) => {
    expect(toGatewayAmount(minor, currency)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (minor) => {
    expect(() => toGatewayAmount(minor, 'USD')).toThrow(RangeError);
  });
});

describe('fromGatewayAmount', () => {
  it.each<[string, CurrencyCode, number]>([
    ['102.21', 'USD', 10221],
    ['100.00', 'EUR', 10000],
    ['499.01', 'USD', 49901],
    ['0', 'USD', 0],
    ['0.00', 'USD', 0],
    ['102.2', 'USD', 10220],
    ['102.', 'USD', 10200],
    ['500', 'JPY', 500],
    ['500.00', 'JPY', 500],
    ['0.10', 'CHF', 10],
  ])('%s %s → %d', (text, currency, minor) => {
    expect(fromGatewayAmount(text, currency)).toBe(minor);
  });

  it.each<[string, CurrencyCode]>([
    ['1.234', 'USD'],
    ['500.5', 'JPY'],
    ['abc', 'USD'],
    ['-1.00', 'USD'],
    ['1e3', 'USD'],
    ['', 'USD'],
    ['99999999999999999', 'USD'],
  ])('%j %s is not an amount', (text, currency) => {
    expect(fromGatewayAmount(text, currency)).toBeUndefined();
  });

  it('round-trips every cent of a range without drift', () => {
    for (let minor = 0; minor < 20_000; minor += 7) expect(fromGatewayAmount(toGatewayAmount(minor, 'USD'), 'USD')).toBe(minor);
  });
});
