/**
 * What the payment flows get when a card is presented: a `CardRead` that is safe to show and to
 * send to the renderer, with an opaque handle to the sensitive part kept in main.
 */
import { type CardBrand, brandOf, maskPan, passesLuhn } from '../card-number';
import { type CardExpiry, type Clock, isExpired, parseTrackExpiry } from './card-expiry';
import { type SwipedTracks, displayName, parseSwipeLine, parseTrack2 } from './magstripe-tracks';
import { gatewayEmvTags, panFromTag5A, parseTlv, track2FromTag57, yymmFromTag5F24 } from './emv-tlv';
import type { ReaderMessage } from './pinpad-messages';
import { type Outcome, problem, success } from './reader-problem';
import type { CardHandle, EntryMode, SensitiveCardData, SensitiveCardStore } from './sensitive-card-store';

export type { CardHandle, EntryMode } from './sensitive-card-store';

export interface CardRead {
  entryMode: EntryMode;
  /** `•••• 1111` */
  maskedPan: string;
  brand: CardBrand;
  expiry: CardExpiry;
  cardholderName?: string;
  handle: CardHandle;
}

export interface CardReadContext {
  store: SensitiveCardStore;
  clock: Clock;
}

/** What a reading established about a card before the shared checks. */
export interface CardFacts {
  entryMode: EntryMode;
  pan: string;
  yymm: string;
  name?: string;
  trackData?: string;
  emvTags?: string;
  cvn?: string;
}

/** One line from a stripe reader → a card, or the problem that stops it. */
export function cardFromSwipeLine(line: string, context: CardReadContext): Outcome<CardRead> {
  const tracks = parseSwipeLine(line);
  if (!tracks.ok) return tracks;
  const facts = factsFromTracks(tracks.value, 'swiped');
  return facts.ok ? admitCard(facts.value, context) : facts;
}

/** A PIN pad's card-data message → a card: tracks for a swipe, TLV (and its track 2 equivalent) for chip and tap. */
export function cardFromReaderMessage(message: Extract<ReaderMessage, { type: 'card-data' }>, context: CardReadContext): Outcome<CardRead> {
  if (message.entryMode === 'swiped') {
    const tracks = parseSwipeLine(`${message.track1 ?? ''}${message.track2 ?? ''}`);
    if (!tracks.ok) return tracks;
    const facts = factsFromTracks(tracks.value, 'swiped');
    return facts.ok ? admitCard(facts.value, context) : facts;
  }
  const facts = factsFromEmv(message);
  return facts.ok ? admitCard(facts.value, context) : facts;
}

function factsFromTracks(tracks: SwipedTracks, entryMode: EntryMode): Outcome<CardFacts> {
  const { track1, track2 } = tracks;
  if (track1 && track2 && (track1.pan !== track2.pan || track1.yymm !== track2.yymm)) {
    return problem('track-mismatch', 'Track 1 and track 2 disagree on the card number or expiry: swipe again');
  }
  const pan = track2?.pan ?? track1?.pan ?? '';
  const yymm = track2?.yymm ?? track1?.yymm ?? '';
  const facts: CardFacts = { entryMode, pan, yymm, trackData: `${track1?.raw ?? ''}${track2?.raw ?? ''}` };
  const name = track1 ? displayName(track1.name) : undefined;
  if (name) facts.name = name;
  return success(facts);
}

function factsFromEmv(message: Extract<ReaderMessage, { type: 'card-data' }>): Outcome<CardFacts> {
  const tlv = parseTlv(Buffer.from(message.emvTags ?? '', 'hex'));
  if (!tlv.ok) return tlv;
  const tag = (name: string) => tlv.value.find((entry) => entry.tag === name)?.value;
  const tag57 = tag('57');
  const track2Raw = message.track2 ?? (tag57 ? track2FromTag57(tag57) : undefined);
  const track2 = track2Raw ? parseTrack2(track2Raw) : undefined;
  if (track2 && !track2.ok) return track2;
  const tag5A = tag('5A');
  const tag5F24 = tag('5F24');
  const pan = track2?.value.pan ?? (tag5A ? panFromTag5A(tag5A) : undefined);
  const yymm = track2?.value.yymm ?? (tag5F24 ? yymmFromTag5F24(tag5F24) : undefined);
  if (!pan || !yymm) return problem('bad-emv-data', 'The chip data has no usable card number or expiry (tags 57, 5A, 5F24)');
  const chipPan = tag5A ? panFromTag5A(tag5A) : undefined;
  if (chipPan && chipPan !== pan) return problem('track-mismatch', 'The chip\'s card number (5A) disagrees with its track 2 equivalent');
  const facts: CardFacts = { entryMode: message.entryMode, pan, yymm, emvTags: gatewayEmvTags(tlv.value) };
  if (track2) facts.trackData = track2.value.raw;
  const nameTag = tag('5F20');
  const name = nameTag ? displayName(nameTag.toString('latin1')) : undefined;
  if (name) facts.name = name;
  for (const entry of tlv.value) entry.value.fill(0);
  return success(facts);
}

/** The checks every entry mode shares, then the split into what is shown and what is kept. */
export function admitCard(facts: CardFacts, context: CardReadContext): Outcome<CardRead> {
  if (!passesLuhn(facts.pan)) return problem('bad-luhn', 'The card number fails its check digit (Luhn): read it again or key it');
  const expiry = parseTrackExpiry(facts.yymm);
  if (!expiry) return problem('malformed-track', 'The expiry date on the card is not a valid month');
  if (isExpired(expiry, context.clock)) {
    return problem('expired-card', `The card expired at the end of ${String(expiry.month).padStart(2, '0')}/${expiry.year}`);
  }
  const sensitive: SensitiveCardData = { entryMode: facts.entryMode, pan: facts.pan, expiry };
  if (facts.trackData) sensitive.trackData = facts.trackData;
  if (facts.emvTags) sensitive.emvTags = facts.emvTags;
  if (facts.cvn) sensitive.cvn = facts.cvn;
  const read: CardRead = {
    entryMode: facts.entryMode,
    maskedPan: maskPan(facts.pan),
    brand: brandOf(facts.pan),
    expiry,
    handle: context.store.put(sensitive),
  };
  if (facts.name) read.cardholderName = facts.name;
  return success(read);
}
