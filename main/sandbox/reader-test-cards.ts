/**
 * The payments guide's test cards as a reader presents them: stripe tracks and chip TLV.
 *
 * The numbers are the guide's ("Test Card Numbers"); the rest (name, expiry 12/2031, service
 * code, EMV terminal data) is what a plausible card and reader would send. The sandbox gateway
 * keeps its own catalog; this one belongs to the reader simulator.
 */
import { track1Lrc, track2Lrc } from '../reader/magstripe-tracks';
import { encodeTlv, type TlvEntry } from '../reader/emv-tlv';

export interface ReaderTestCard {
  pan: string;
  label: string;
  /** `SURNAME/GIVEN` as on the stripe. */
  name: string;
  /** `YYMM` */
  yymm: string;
  aid: string;
}

const card = (pan: string, label: string, aid: string): ReaderTestCard => ({ pan, label, name: 'DOE/JOHN', yymm: '3112', aid });

/** Every card number in the guide's test card list, then the sandbox's balance cards for partial approvals. */
export const readerTestCards: readonly ReaderTestCard[] = [
  card('4111111111111111', 'Visa', 'A0000000031010'),
  card('5555555555554444', 'Mastercard', 'A0000000041010'),
  card('2222420000001113', 'Mastercard (2-series)', 'A0000000041010'),
  card('2222630000001125', 'Mastercard (2-series)', 'A0000000041010'),
  card('378282246310005', 'American Express', 'A00000002501'),
  card('6011111111111117', 'Discover', 'A0000001523010'),
  card('3566111111111113', 'JCB', 'A0000000651010'),
  card('50339619890917', 'Maestro (International)', 'A0000000043060'),
  card('586824160825533338', 'Maestro (International)', 'A0000000043060'),
  card('6759411100000008', 'Maestro (UK Domestic)', 'A0000000050001'),
  card('6759560045005727054', 'Maestro (UK Domestic)', 'A0000000050001'),
  card('5641821111166669', 'Maestro (UK Domestic)', 'A0000000050001'),
  card('135412345678911', 'UATP', 'A0000000291010'),
  card('4005510000000005', 'Visa debit (balance 499.01)', 'A0000000031010'),
  card('5105105105105100', 'Mastercard prepaid (balance 25.00)', 'A0000000041010'),
  card('4222222222222220', 'Visa prepaid (balance 5.00)', 'A0000000031010'),
  card('6011000999900008', 'Discover prepaid (balance 60.00)', 'A0000001523010'),
];

export function findReaderTestCard(pan: string): ReaderTestCard | undefined {
  return readerTestCards.find((candidate) => candidate.pan === pan);
}

/** A guide card by number; throws for a number that is not one (a typo in a test or a button). */
export function readerTestCard(pan: string): ReaderTestCard {
  const card = findReaderTestCard(pan);
  if (!card) throw new Error(`Not a test card from the payments guide: ${pan.slice(-4)}`);
  return card;
}

export interface TrackOptions {
  serviceCode?: string;
}

/** `%B…^NAME^YYMMSSS…?` within Track 1's 79 characters. */
export function track1Of(card: ReaderTestCard, options: TrackOptions = {}): string {
  const head = `%B${card.pan}^${card.name}^${card.yymm}${options.serviceCode ?? '101'}`;
  const discretionary = '1000000000000000000000000000'.slice(0, Math.max(0, 78 - head.length - 12));
  return `${head}${discretionary}?`;
}

/** `;PAN=YYMMSSS…?` within Track 2's 40 characters. */
export function track2Of(card: ReaderTestCard, options: TrackOptions = {}): string {
  const head = `;${card.pan}=${card.yymm}${options.serviceCode ?? '101'}`;
  const discretionary = '10000000000'.slice(0, Math.max(0, 39 - head.length));
  return `${head}${discretionary}?`;
}

/** What a serial-mode stripe reader prints for a swipe (without the line end). */
export function swipeLineOf(card: ReaderTestCard, options: { tracks?: 'both' | '1' | '2'; lrc?: boolean } = {}): string {
  const tracks = options.tracks ?? 'both';
  const one = track1Of(card);
  const two = track2Of(card);
  const withLrc = (track: string, lrc: string) => (options.lrc ? track + lrc : track);
  return `${tracks === '2' ? '' : withLrc(one, track1Lrc(one))}${tracks === '1' ? '' : withLrc(two, track2Lrc(two))}`;
}

const hex = (value: string) => Buffer.from(value, 'hex');
const packedDigits = (digits: string) => hex(digits.length % 2 === 0 ? digits : `${digits}F`);

/** The TLV a chip or contactless kernel hands over after a (simulated) online-request cryptogram. */
export function emvTagsOf(card: ReaderTestCard, mode: 'inserted' | 'tapped', amountMinor = 1000): string {
  const track2 = track2Of(card, { serviceCode: '201' }).slice(1, -1).replace('=', 'D');
  const entries: TlvEntry[] = [
    { tag: '57', value: packedDigits(track2) },
    { tag: '5A', value: packedDigits(card.pan) },
    { tag: '5F24', value: hex(`${card.yymm}31`) },
    { tag: '5F20', value: Buffer.from(card.name.padEnd(26, ' ').trimEnd(), 'latin1') },
    { tag: '5F34', value: hex('01') },
    { tag: '82', value: hex(mode === 'tapped' ? '2000' : '1C00') },
    { tag: '84', value: hex(card.aid) },
    { tag: '95', value: hex('0000008000') },
    { tag: '9A', value: hex('261121') },
    { tag: '9C', value: hex('00') },
    { tag: '9F02', value: hex(String(amountMinor).padStart(12, '0')) },
    { tag: '5F2A', value: hex('0840') },
    { tag: '9F1A', value: hex('0840') },
    { tag: '9F10', value: hex('06010A03A00000') },
    { tag: '9F26', value: hex('3F1C6E0D2B6A5C11') },
    { tag: '9F27', value: hex('80') },
    { tag: '9F33', value: hex('E0F8C8') },
    { tag: '9F34', value: hex(mode === 'tapped' ? '1F0302' : '1E0300') },
    { tag: '9F35', value: hex('22') },
    { tag: '9F36', value: hex('0001') },
    { tag: '9F37', value: hex('9A5B1C2D') },
  ];
  return encodeTlv(entries).toString('hex').toUpperCase();
}
