/**
 * EMV BER-TLV as chip and contactless readers hand it over: parse, rebuild without the tags the
 * gateway must never receive, and read the card's own PAN / expiry / name / track 2 equivalent.
 */
import { type Outcome, problem, success } from './reader-problem';

export interface TlvEntry {
  /** Upper-case hex, e.g. `9F26`. */
  tag: string;
  value: Buffer;
}

/** Tags the gateway's `pointOfSaleInformation.emv.tags` must not carry (its field notes). */
export const sensitiveEmvTags: ReadonlySet<string> = new Set(['56', '57', '5A', '5F20', '5F24', '99', '9F0B', '9F1F', '9F20', '9F6B']);

/** Parses a TLV string; constructed templates (70, 77, …) are opened and their children listed. */
export function parseTlv(bytes: Buffer): Outcome<TlvEntry[]> {
  const entries: TlvEntry[] = [];
  const failure = walk(bytes, entries, 0);
  return failure ? problem('bad-emv-data', failure) : success(entries);
}

function walk(bytes: Buffer, into: TlvEntry[], depth: number): string | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    const first = bytes[offset] ?? 0;
    if (first === 0x00 || first === 0xff) {
      offset += 1; // padding between objects is allowed
      continue;
    }
    const tagStart = offset;
    offset += 1;
    if ((first & 0x1f) === 0x1f) {
      while (offset < bytes.length && ((bytes[offset] ?? 0) & 0x80) !== 0) offset += 1;
      offset += 1;
    }
    if (offset > bytes.length || offset - tagStart > 3) return 'EMV data has a malformed tag';
    const tag = bytes.toString('hex', tagStart, offset).toUpperCase();
    let length = bytes[offset];
    if (length === undefined) return `EMV tag ${tag} has no length`;
    offset += 1;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 2 || offset + count > bytes.length) return `EMV tag ${tag} has a malformed length`;
      length = bytes.readUIntBE(offset, count);
      offset += count;
    }
    if (offset + length > bytes.length) return `EMV tag ${tag} runs past the end of the data`;
    const value = bytes.subarray(offset, offset + length);
    offset += length;
    if ((first & 0x20) !== 0 && depth < 4) {
      const failure = walk(value, into, depth + 1);
      if (failure) return failure;
    } else into.push({ tag, value });
  }
  return undefined;
}

export function encodeTlv(entries: readonly TlvEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const { tag, value } of entries) {
    const length =
      value.length < 0x80 ? Buffer.of(value.length) : value.length < 0x100 ? Buffer.of(0x81, value.length) : Buffer.of(0x82, value.length >> 8, value.length & 0xff);
    parts.push(Buffer.from(tag, 'hex'), length, value);
  }
  return Buffer.concat(parts);
}

/** The TLV hex for `pointOfSaleInformation.emv.tags`: everything but the sensitive tags. */
export function gatewayEmvTags(entries: readonly TlvEntry[]): string {
  return encodeTlv(entries.filter((entry) => !sensitiveEmvTags.has(entry.tag)))
    .toString('hex')
    .toUpperCase();
}

/** Tag 57 (packed digits, `D` separator, `F` pad) → `;PAN=YYMMSSS…?`. */
export function track2FromTag57(value: Buffer): string | undefined {
  const nibbles = value.toString('hex').toUpperCase().replace(/F+$/, '');
  if (!/^\d{12,19}D\d{7}\d*$/.test(nibbles)) return undefined;
  return `;${nibbles.replace('D', '=')}?`;
}

/** Tag 5A (packed digits, `F` pad) → PAN. */
export function panFromTag5A(value: Buffer): string | undefined {
  const digits = value.toString('hex').toUpperCase().replace(/F+$/, '');
  return /^\d{12,19}$/.test(digits) ? digits : undefined;
}

/** Tag 5F24 (`YYMMDD`, packed) → `YYMM`. */
export function yymmFromTag5F24(value: Buffer): string | undefined {
  const digits = value.toString('hex');
  return /^\d{6}$/.test(digits) ? digits.slice(0, 4) : undefined;
}
