/**
 * Reading a request's amount and currency into minor units, with the gateway's field errors.
 */
import { invalidField, missingField } from './gateway-error';
import { currencyExponent, parseAmount } from './money';
import { fieldAt, textAt } from './request-fields';

export const currencyPath = 'orderInformation.amountDetails.currency';
export const totalAmountPath = 'orderInformation.amountDetails.totalAmount';

/** The request's currency; `fallback` (the original transaction's) when it has none. */
export function currencyOf(body: unknown, fallback?: string): string {
  const currency = textAt(body, currencyPath) ?? fallback;
  if (currency === undefined) throw missingField(currencyPath);
  if (!/^[A-Za-z]{3}$/.test(currency) || currencyExponent(currency) === undefined) throw invalidField(currencyPath, 'unknown currency');
  return currency;
}

/** An amount field in minor units of `currency`. */
export function amountOf(body: unknown, path: string, currency: string): number {
  const text = textAt(body, path);
  if (text === undefined) throw missingField(path);
  const minor = parseAmount(text, currency);
  if (minor === undefined) throw invalidField(path, `not an amount in ${currency.toUpperCase()}`);
  return minor;
}

export function sameCurrency(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * An order's amount: `totalAmount`, or, when the request itemizes instead, the sum of its
 * `lineItems` (each `totalAmount`, else `unitPrice` × `quantity`).
 */
export function orderAmountOf(body: unknown, currency: string): number {
  const items = fieldAt(body, 'orderInformation.lineItems');
  if (textAt(body, totalAmountPath) !== undefined || !Array.isArray(items) || items.length === 0) return amountOf(body, totalAmountPath, currency);
  let total = 0;
  items.forEach((item: unknown, index) => {
    const path = `orderInformation.lineItems[${index}]`;
    const itemTotal = textAt(item, 'totalAmount');
    if (itemTotal !== undefined) {
      const minor = parseAmount(itemTotal, currency);
      if (minor === undefined) throw invalidField(`${path}.totalAmount`);
      total += minor;
      return;
    }
    const unitText = textAt(item, 'unitPrice');
    if (unitText === undefined) throw missingField(`${path}.unitPrice`);
    const unit = parseAmount(unitText, currency);
    if (unit === undefined) throw invalidField(`${path}.unitPrice`);
    const quantity = textAt(item, 'quantity') ?? '1';
    if (!/^\d{1,9}$/.test(quantity) || Number(quantity) < 1) throw invalidField(`${path}.quantity`);
    total += unit * Number.parseInt(quantity, 10);
    if (!Number.isSafeInteger(total)) throw invalidField(`${path}.quantity`, 'the order total is too large');
  });
  return total;
}
