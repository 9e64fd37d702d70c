/**
 * Shape checks on what callers hand the journal, run before any SQL so a bad value gets an error
 * that names the field (the schema's CHECKs stay as the last line of defence).
 */
import { currencyExponents, type CurrencyCode } from '../../../preload/currency';
import { assertMaskedPan, assertNoCardNumber } from './card-data';
import { JournalError } from './journal-error';
import { entryModes, type CardSummary } from './records';

/**
 * Machine-made identifiers (references, transactionIds, gateway and instrument ids): printable
 * ASCII without spaces. Not scanned for card numbers: gateway ids are 22 digits, TMS ids 19.
 */
export function checkId(field: string, value: string, maxLength = 50): void {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value) || value.length > maxLength) {
    throw new JournalError('INVALID_VALUE', `${field} must be 1 to ${maxLength} printable characters without spaces`);
  }
}

/** Text a person typed or a gateway wrote (names, notes, reasons): never a card number. */
export function checkText(field: string, value: string, maxLength: number, { required = false } = {}): void {
  if (typeof value !== 'string' || value.length > maxLength || (required && value.trim().length === 0)) {
    throw new JournalError('INVALID_VALUE', `${field} must be ${required ? '1' : '0'} to ${maxLength} characters`);
  }
  assertNoCardNumber(field, value);
}

/** Integer minor units: no fractions, nothing unsafe, never negative (and above zero where asked). */
export function checkAmount(field: string, value: number, { positive = false } = {}): void {
  if (!Number.isSafeInteger(value) || value < (positive ? 1 : 0)) {
    throw new JournalError('INVALID_VALUE', `${field} must be ${positive ? 'a positive' : 'a non-negative'} integer number of minor units, got ${String(value)}`);
  }
}

export function checkCurrency(value: string): asserts value is CurrencyCode {
  if (!Object.hasOwn(currencyExponents, value)) throw new JournalError('INVALID_VALUE', `unknown currency ${String(value)}`);
}

export function checkOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) throw new JournalError('INVALID_VALUE', `${field} must be one of ${allowed.join(', ')}`);
}

export function checkTime(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new JournalError('INVALID_VALUE', `${field} must be milliseconds since the epoch`);
}

/** HMAC-SHA256 in hex: a fixed shape that can never be mistaken for (or be) a PAN. */
export function checkFingerprint(value: string): void {
  if (!/^[0-9a-f]{64}$/.test(value)) throw new JournalError('INVALID_VALUE', 'card fingerprint must be a keyed hash: 64 lowercase hex digits');
}

export function checkCard(card: CardSummary): void {
  assertMaskedPan(card.maskedPan);
  checkText('card brand', card.brand, 20, { required: true });
  checkOneOf('entryMode', card.entryMode, entryModes);
  if (card.fingerprint !== undefined) checkFingerprint(card.fingerprint);
}
