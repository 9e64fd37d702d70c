/**
 * Keeps card data out of the journal: only a masked card (`•••• 1111`) may be stored, and no
 * free-text field may carry something that looks like a card number.
 *
 * The schema checks the masked form too (a CHECK on every masked_pan column); these guards run
 * first so the caller gets a clear error instead of a constraint failure.
 */
import { JournalError } from './journal-error';

const maskedPanPattern = /^•••• \d{4}$/;
/** 13 or more digits in a row, allowing single spaces or dashes between them: a PAN or track data. */
const cardNumberPattern = /\d(?:[ -]?\d){12,}/;
/** The same, bounded to 13–19 digits not inside a longer run, for text that legitimately holds long ids. */
const embeddedPanPattern = /(?<!\d)\d(?:[ -]?\d){12,18}(?![ -]?\d)/g;

export function assertMaskedPan(value: string): void {
  if (cardNumberPattern.test(value)) throw new JournalError('CARD_DATA', 'maskedPan looks like a full card number; store only "•••• 1234"');
  if (!maskedPanPattern.test(value)) throw new JournalError('INVALID_VALUE', 'maskedPan must look like "•••• 1234"');
}

/** For names, notes, reasons and operator ids: none of them ever holds 13+ digits. */
export function assertNoCardNumber(field: string, value: string): void {
  if (cardNumberPattern.test(value)) throw new JournalError('CARD_DATA', `${field} contains what looks like a card number`);
}

/** Keys under which card data would sit in a result; none may appear in a stored result. */
const cardDataKeys = new Set(['number', 'pan', 'cardnumber', 'accountnumber', 'trackdata', 'track1', 'track2', 'securitycode', 'cvn', 'cvv', 'cvc', 'emvtags']);

/**
 * For stored JSON (idempotent results): no card-data keys anywhere, and no card-number-like run
 * in any string except under an id key (`gatewayId`, `instrumentIdentifierId`: ids are long digits).
 */
export function assertNoCardDataInJson(field: string, value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (!/(?:^id|Id|ID|_id|Ids)$/.test(key) && cardNumberPattern.test(value)) throw new JournalError('CARD_DATA', `${field}: ${key || 'a value'} looks like a card number`);
  } else if (Array.isArray(value)) {
    for (const item of value) assertNoCardDataInJson(field, item, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) {
      if (cardDataKeys.has(name.toLowerCase())) throw new JournalError('CARD_DATA', `${field}: "${name}" is card data and is never stored`);
      assertNoCardDataInJson(field, item, name);
    }
  }
}

/**
 * A gateway response kept for support: it must be stored whatever it says, so card-number-like
 * runs are blanked rather than refused.
 */
export function redactCardNumbers(text: string): string {
  return text.replace(embeddedPanPattern, (run) => run.replace(/\d/g, '•'));
}
