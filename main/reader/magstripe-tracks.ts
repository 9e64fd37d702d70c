/**
 * ISO/IEC 7813 Track 1 (`%B…^NAME^YYMM…?`) and Track 2 (`;PAN=YYMM…?`) as a serial-mode
 * magnetic-stripe reader prints them: ASCII, either or both tracks on one line, each optionally
 * followed by its LRC character.
 */
import { type Outcome, problem, success } from './reader-problem';

export interface Track1 {
  /** With sentinels, without LRC: the form `pointOfSaleInformation.trackData` takes. */
  raw: string;
  pan: string;
  /** As encoded, `SURNAME/GIVEN`. */
  name: string;
  yymm: string;
  serviceCode: string;
}

export interface Track2 {
  raw: string;
  pan: string;
  yymm: string;
  serviceCode: string;
}

export interface SwipedTracks {
  track1?: Track1;
  track2?: Track2;
}

const track1Max = 79;
const track2Max = 40;

/** Track 1 LRC: XOR of the 6-bit characters (ASCII − 0x20) from `%` through `?`, printed + 0x20. */
export function track1Lrc(track: string): string {
  let lrc = 0;
  for (let index = 0; index < track.length; index += 1) lrc ^= (track.charCodeAt(index) - 0x20) & 0x3f;
  return String.fromCharCode(lrc + 0x20);
}

/** Track 2 LRC: XOR of the 4-bit characters (ASCII − 0x30) from `;` through `?`, printed + 0x30. */
export function track2Lrc(track: string): string {
  let lrc = 0;
  for (let index = 0; index < track.length; index += 1) lrc ^= (track.charCodeAt(index) - 0x30) & 0x0f;
  return String.fromCharCode(lrc + 0x30);
}

/** One line from the reader (CR/LF already removed) → its tracks, or the first problem found. */
export function parseSwipeLine(line: string): Outcome<SwipedTracks> {
  if (line.length === 0) return problem('truncated-track', 'The reader sent an empty swipe');
  if (line[0] !== '%' && line[0] !== ';') return parseWithoutSentinels(line);
  const tracks: SwipedTracks = {};
  let rest = line;
  let unreadable = 0;
  if (rest.startsWith('%')) {
    const end = rest.indexOf('?');
    if (end < 0) return problem('truncated-track', 'Track 1 has no end sentinel: the swipe was cut short');
    const raw = rest.slice(0, end + 1);
    rest = rest.slice(end + 1);
    // The LRC may be any 6-bit character, ';' included, so it is only taken when it checks out.
    const lrc = track1Lrc(raw);
    if (rest.length > 0 && rest[0] === lrc && (lrc !== ';' || rest.length === 1 || rest[1] === ';')) rest = rest.slice(1);
    else if (rest.length > 0 && rest[0] !== ';') return problem('bad-track-lrc', 'Track 1 failed its LRC check');
    if (raw === '%E?') unreadable += 1;
    else {
      const parsed = parseTrack1(raw);
      if (!parsed.ok) return parsed;
      tracks.track1 = parsed.value;
    }
  }
  if (rest.startsWith(';')) {
    const end = rest.indexOf('?');
    if (end < 0) return problem('truncated-track', 'Track 2 has no end sentinel: the swipe was cut short');
    const raw = rest.slice(0, end + 1);
    rest = rest.slice(end + 1);
    if (rest.length === 1 && rest !== track2Lrc(raw)) return problem('bad-track-lrc', 'Track 2 failed its LRC check');
    if (rest.length === 1) rest = '';
    if (raw === ';E?') unreadable += 1;
    else {
      const parsed = parseTrack2(raw);
      if (!parsed.ok) return parsed;
      tracks.track2 = parsed.value;
    }
  }
  if (rest.length > 0) return problem('malformed-track', 'Unexpected characters after the tracks');
  if (!tracks.track1 && !tracks.track2) {
    return unreadable > 0
      ? problem('unreadable-track', 'The reader could not read the stripe: swipe again')
      : problem('malformed-track', 'No track data in the swipe');
  }
  return success(tracks);
}

/** Some readers are configured to drop the sentinels; put them back so the gateway gets the ISO form. */
function parseWithoutSentinels(line: string): Outcome<SwipedTracks> {
  if (/^B\d/.test(line)) {
    const parsed = parseTrack1(`%${line}?`);
    return parsed.ok ? success({ track1: parsed.value }) : parsed;
  }
  if (/^\d+=/.test(line)) {
    const parsed = parseTrack2(`;${line}?`);
    return parsed.ok ? success({ track2: parsed.value }) : parsed;
  }
  return problem('malformed-track', 'The swipe starts with neither a track 1 nor a track 2 sentinel');
}

const track1Pattern = /^%B(\d{1,19})\^([^^]{2,26})\^(\d{4})(\d{3})[^?]*\?$/;
const track2Pattern = /^;(\d{1,19})=(\d{4})(\d{3})\d*\?$/;

export function parseTrack1(raw: string): Outcome<Track1> {
  if (raw.length > track1Max) return problem('malformed-track', `Track 1 is longer than ${track1Max} characters`);
  if (!raw.startsWith('%B')) return problem('malformed-track', 'Track 1 is not format code B');
  const match = track1Pattern.exec(raw);
  if (!match) {
    // Fewer than two separators or a short date means the stripe was read only in part.
    const separators = raw.split('^').length - 1;
    const afterName = raw.split('^')[2] ?? '';
    if (separators < 2 || !/^\d{7}/.test(afterName)) return problem('truncated-track', 'Track 1 ends before its expiry date and service code');
    return problem('malformed-track', 'Track 1 is not in ISO/IEC 7813 format');
  }
  const [, pan = '', name = '', yymm = '', serviceCode = ''] = match;
  return success({ raw, pan, name: name.trim(), yymm, serviceCode });
}

export function parseTrack2(raw: string): Outcome<Track2> {
  if (raw.length > track2Max) return problem('malformed-track', `Track 2 is longer than ${track2Max} characters`);
  const match = track2Pattern.exec(raw);
  if (!match) {
    if (/^;\d{1,19}(=\d{0,6})?\?$/.test(raw)) return problem('truncated-track', 'Track 2 ends before its expiry date and service code');
    return problem('malformed-track', 'Track 2 is not in ISO/IEC 7813 format');
  }
  const [, pan = '', yymm = '', serviceCode = ''] = match;
  return success({ raw, pan, yymm, serviceCode });
}

/** `DOE/JOHN Q.MR` → `JOHN Q DOE`; the stripe's name is upper case and surname first. */
export function displayName(encoded: string): string | undefined {
  const [surname = '', given = ''] = encoded.split('/');
  const givenNames = given.split('.')[0] ?? '';
  const name = [givenNames.trim(), surname.trim()].filter((part) => part.length > 0).join(' ');
  return name.length > 0 ? name : undefined;
}
