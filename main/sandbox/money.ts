/**
 * Amounts at the sandbox's boundary: gateway strings ("102.21") ⇄ integer minor units.
 *
 * No floating point anywhere: strings are split on the decimal point and read as digits.
 */

/** ISO 4217 codes the sandbox accepts, with their minor-unit exponent where it is not 2. */
const exponents = new Map<string, number>([
  ...['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].map((code) => [code, 0] as const),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((code) => [code, 3] as const),
  ...[
    'AED', 'ARS', 'AUD', 'BGN', 'BRL', 'CAD', 'CHF', 'CNY', 'COP', 'CZK', 'DKK', 'EGP', 'EUR', 'GBP', 'HKD', 'HUF', 'IDR', 'ILS', 'INR',
    'MXN', 'MYR', 'NOK', 'NZD', 'PEN', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RUB', 'SAR', 'SEK', 'SGD', 'THB', 'TRY', 'TWD', 'UAH', 'USD', 'ZAR',
  ].map((code) => [code, 2] as const),
]);

/** The minor-unit exponent of a currency (case-insensitive), or `undefined` when the sandbox does not know it. */
export function currencyExponent(currency: string): number | undefined {
  return exponents.get(currency.toUpperCase());
}

/**
 * Reads `"102.21"` as 10221 for a 2-decimal currency. `undefined` when the text is not a
 * non-negative decimal, or has more significant decimals than the currency allows.
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return undefined;
  const match = /^(\d{1,12})(?:\.(\d{0,12}))?$/.exec(text.trim());
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) return undefined;
  const minor = whole + fraction.padEnd(exponent, '0').slice(0, exponent);
  return Number.parseInt(minor, 10);
}

/** 10221 → `"102.21"` for a 2-decimal currency, `"10221"` for JPY. */
export function formatAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
