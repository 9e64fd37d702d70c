/** Money as the screens show it: integer minor units in, "$12.34" / "¥500" out. No floating point. */
import { currencyExponents, formatMinorUnits, parseDecimalAmount, type CurrencyCode } from '../../preload/currency';

const symbols: Record<CurrencyCode, string> = {
  USD: '$',
  CAD: 'CA$',
  EUR: '€',
  GBP: '£',
  AUD: 'A$',
  CHF: 'CHF\u00a0',
  JPY: '¥',
};

/** 123456 USD → "$1,234.56"; 500 JPY → "¥500"; -250 USD → "-$2.50". */
export function formatMoney(minor: number, currency: CurrencyCode): string {
  const plain = formatMinorUnits(minor, currency);
  const sign = plain.startsWith('-') ? '-' : '';
  const [whole = '0', fraction] = plain.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${symbols[currency]}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** The most digits an amount can have (the absolute ceiling is 99,999,999 minor units). */
export const maxAmountDigits = 8;

/**
 * What the keypad's digits are worth: typed as minor units, so "1234" is 12.34 in USD and
 * 1,234 in JPY.
 */
export function minorOfDigits(digits: string): number {
  return digits === '' ? 0 : Number(digits);
}

/** Digits for a pasted or prefilled amount: a plain decimal amount, or nothing when the text is not one. */
export function digitsOfText(text: string, currency: CurrencyCode): string | undefined {
  const parsed = parseDecimalAmount(text, currency);
  if (!parsed.ok || parsed.minor > 99_999_999) return undefined;
  return parsed.minor === 0 ? '' : String(parsed.minor);
}

export type AmountCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether an amount may be submitted: more than zero and at most the limit. `limitName` says what
 * the limit is ("the maximum per transaction", "the balance due") so the refusal says why.
 */
export function checkAmount(minor: number, limit: { minor: number; name: string }, currency: CurrencyCode): AmountCheck {
  if (minor <= 0) return { ok: false, reason: 'Enter an amount more than zero.' };
  if (minor > limit.minor) return { ok: false, reason: `${formatMoney(minor, currency)} is over ${limit.name} (${formatMoney(limit.minor, currency)}).` };
  return { ok: true };
}

export function decimalsOf(currency: CurrencyCode): number {
  return currencyExponents[currency];
}
