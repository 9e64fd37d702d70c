/**
 * Currencies the terminal accepts, with their ISO 4217 minor-unit exponents.
 *
 * Shared by main (gateway amount strings) and the renderer (display), so both agree on where the
 * decimal point goes. Amounts everywhere else are integers in minor units.
 */
export const currencyExponents = {
  USD: 2,
  CAD: 2,
  EUR: 2,
  GBP: 2,
  AUD: 2,
  CHF: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof currencyExponents;

export const currencyCodes = Object.keys(currencyExponents) as [CurrencyCode, ...CurrencyCode[]];

/** Renders integer minor units as a plain decimal string: 12345 USD → "123.45", 500 JPY → "500". */
export function formatMinorUnits(minor: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount must be an integer number of minor units, got ${minor}`);
  const exponent = currencyExponents[currency];
  const digits = Math.abs(minor).toString();
  const sign = minor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * Reads an operator-typed decimal amount ("12.5", "1,000.00") into minor units, without floating
 * point. Returns an error message naming what is wrong instead of guessing.
 */
export function parseDecimalAmount(text: string, currency: CurrencyCode): { ok: true; minor: number } | { ok: false; reason: string } {
  const exponent = currencyExponents[currency];
  const plain = text.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (!match) return { ok: false, reason: 'use digits only, with an optional decimal point' };
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    return { ok: false, reason: exponent === 0 ? `${currency} has no decimals` : `${currency} has at most ${exponent} decimals` };
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'is too large' };
  return { ok: true, minor };
}
