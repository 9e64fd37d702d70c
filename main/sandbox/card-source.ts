/**
 * Where a request's card number comes from: keyed fields, magnetic-stripe track data, or EMV tags.
 *
 * Card-present requests carry `pointOfSaleInformation.trackData` (Track 1 `%B…^NAME^YYMM…?`,
 * Track 2 `;PAN=YYMM…?`, or both) or `pointOfSaleInformation.emv.tags` (BER-TLV hex with tag 5A,
 * 57 and 5F24) instead of `paymentInformation.card.number`.
 */
import { invalidField } from './gateway-error';
import { textAt } from './request-fields';

export interface CardData {
  pan: string;
  /** 1–12, when the request or the track carries it. */
  expirationMonth?: number;
  /** Four digits. */
  expirationYear?: number;
  source: 'keyed' | 'network-token' | 'track1' | 'track2' | 'emv';
}

const track1 = /%?B(\d{12,19})\^[^^]*\^(\d{2})(\d{2})/;
const track2 = /;?(\d{12,19})=(\d{2})(\d{2})/;

function fromYyMm(yy: string, mm: string): { expirationYear: number; expirationMonth: number } {
  return { expirationYear: 2000 + Number.parseInt(yy, 10), expirationMonth: Number.parseInt(mm, 10) };
}

/** Reads the PAN and expiry out of Track 1 or Track 2 data (Track 1 wins when both are present). */
export function cardFromTrackData(trackData: string): CardData | undefined {
  const one = track1.exec(trackData);
  if (one?.[1] && one[2] && one[3]) return { pan: one[1], ...fromYyMm(one[2], one[3]), source: 'track1' };
  const two = track2.exec(trackData);
  if (two?.[1] && two[2] && two[3]) return { pan: two[1], ...fromYyMm(two[2], two[3]), source: 'track2' };
  return undefined;
}

/** Primitive and constructed BER-TLV objects, flattened: tag (hex, upper case) → value (hex). */
export function parseTlv(hex: string): Map<string, string> {
  const tags = new Map<string, string>();
  const bytes = Buffer.from(hex, 'hex');
  const walk = (start: number, end: number): void => {
    let offset = start;
    while (offset < end) {
      const first = bytes[offset];
      if (first === undefined || first === 0x00 || first === 0xff) {
        offset += 1;
        continue;
      }
      let tagEnd = offset + 1;
      if ((first & 0x1f) === 0x1f) {
        while (tagEnd < end && ((bytes[tagEnd] ?? 0) & 0x80) !== 0) tagEnd += 1;
        tagEnd += 1;
      }
      const tag = bytes.subarray(offset, tagEnd).toString('hex').toUpperCase();
      let length = bytes[tagEnd] ?? 0;
      let valueStart = tagEnd + 1;
      if (length & 0x80) {
        const count = length & 0x7f;
        length = 0;
        for (let index = 0; index < count; index += 1) length = length * 256 + (bytes[valueStart + index] ?? 0);
        valueStart += count;
      }
      const valueEnd = valueStart + length;
      if (valueEnd > end) throw new Error('TLV length runs past the end of the data');
      if (first & 0x20) walk(valueStart, valueEnd);
      else tags.set(tag, bytes.subarray(valueStart, valueEnd).toString('hex').toUpperCase());
      offset = valueEnd;
    }
  };
  walk(0, bytes.length);
  return tags;
}

/** The card in EMV tags: 5A (PAN) with 5F24 (expiry YYMMDD), or 57 (Track 2 equivalent data). */
export function cardFromEmvTags(hex: string): CardData | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  let tags: Map<string, string>;
  try {
    tags = parseTlv(hex);
  } catch {
    return undefined;
  }
  const expiry = tags.get('5F24');
  const pan = tags.get('5A')?.replace(/F+$/, '');
  if (pan && /^\d{12,19}$/.test(pan)) {
    const card: CardData = { pan, source: 'emv' };
    if (expiry && /^\d{4}/.test(expiry)) Object.assign(card, fromYyMm(expiry.slice(0, 2), expiry.slice(2, 4)));
    return card;
  }
  const equivalent = tags.get('57')?.replace(/F+$/, '');
  const match = equivalent ? /^(\d{12,19})D(\d{2})(\d{2})/.exec(equivalent) : null;
  if (match?.[1] && match[2] && match[3]) return { pan: match[1], ...fromYyMm(match[2], match[3]), source: 'emv' };
  return undefined;
}

/**
 * The card a payment or credit request presents, or `undefined` when it presents none
 * (the caller then looks for a TMS token). Throws 400 INVALID_DATA for unreadable card data.
 */
export function cardOfRequest(body: unknown): CardData | undefined {
  const keyed = keyedCard(body, 'paymentInformation.card') ?? keyedCard(body, 'paymentInformation.tokenizedCard');
  if (keyed) return keyed;
  const trackData = textAt(body, 'pointOfSaleInformation.trackData');
  if (trackData !== undefined) {
    const card = cardFromTrackData(trackData);
    if (!card) throw invalidField('pointOfSaleInformation.trackData');
    return card;
  }
  const emv = textAt(body, 'pointOfSaleInformation.emv.tags');
  if (emv !== undefined) {
    const card = cardFromEmvTags(emv);
    if (!card) throw invalidField('pointOfSaleInformation.emv.tags');
    return card;
  }
  return undefined;
}

/** A keyed card number (or payment network token) under `prefix`, with its expiry fields. */
function keyedCard(body: unknown, prefix: 'paymentInformation.card' | 'paymentInformation.tokenizedCard'): CardData | undefined {
  const number = textAt(body, `${prefix}.number`);
  if (number === undefined) return undefined;
  const pan = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan)) throw invalidField(`${prefix}.number`);
  const card: CardData = { pan, source: prefix === 'paymentInformation.card' ? 'keyed' : 'network-token' };
  const month = textAt(body, `${prefix}.expirationMonth`);
  const year = textAt(body, `${prefix}.expirationYear`);
  if (month !== undefined) {
    if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) throw invalidField(`${prefix}.expirationMonth`);
    card.expirationMonth = Number.parseInt(month, 10);
  }
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year)) throw invalidField(`${prefix}.expirationYear`);
    card.expirationYear = Number.parseInt(year, 10);
  }
  return card;
}
