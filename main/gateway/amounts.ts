/**
 * Amounts at the gateway boundary: integer minor units in, decimal strings out, and back.
 *
 * Pure string arithmetic on purpose: a binary float cannot hold 102.21, and one cent lost in a
 * rounding is a cent charged wrongly.
 */
import { currencyExponents, formatMinorUnits, type CurrencyCode } from '../../preload/currency';

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(currencyExponents, value);
}

/** 10221 USD → "102.21", 500 JPY → "500". Only non-negative safe integers are amounts. */
export function toGatewayAmount(minor: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`gateway amounts are non-negative integer minor units, got ${minor}`);
  return formatMinorUnits(minor, currency);
}

/**
 * "102.21" USD → 10221; "0" → 0; "500.00" JPY → 500. Digits beyond the currency's exponent are
 * accepted only when they are zeros (some responses pad); anything else is `undefined`.
 */
export function fromGatewayAmount(text: string, currency: CurrencyCode): number | undefined {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  const exponent = currencyExponents[currency];
  if (/[^0]/.test(fraction.slice(exponent))) return undefined;
  const minor = Number(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}
