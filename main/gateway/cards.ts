/**
 * Card checks the terminal can make before anything is sent: the Luhn check digit, the expiry
 * date against the terminal's clock, and reading the PAN and expiry out of track data.
 */

/** A card is valid through the last day of its expiry month (UTC, like the gateway). */
export function isExpired(month: number, year: number, now: Date): boolean {
  const currentYear = now.getUTCFullYear();
  const currentMonth = now.getUTCMonth() + 1;
  return year < currentYear || (year === currentYear && month < currentMonth);
}

export interface TrackCard {
  pan: string;
  expirationMonth: number;
  expirationYear: number;
}

/**
 * PAN and expiry from track 2 (`;PAN=YYMM…?`) or, failing that, track 1 (`%BPAN^NAME^YYMM…?`);
 * `undefined` when neither is readable.
 */
export function cardFromTrackData(trackData: string): TrackCard | undefined {
  const track2 = /;?(\d{12,19})=(\d{2})(\d{2})/.exec(trackData);
  const track1 = /%?B(\d{12,19})\^[^^]*\^(\d{2})(\d{2})/.exec(trackData);
  const match = track2 ?? track1;
  if (!match) return undefined;
  const [, pan = '', yy = '', mm = ''] = match;
  return { pan, expirationMonth: Number(mm), expirationYear: 2000 + Number(yy) };
}
