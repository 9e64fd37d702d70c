/**
 * Card checks the terminal can make before anything is sent: the Luhn check digit, the expiry
 * date against the terminal's clock, and reading the PAN and expiry out of track data.
 */

/** Mod-10 check of a 12–19 digit PAN (digits only). */
export function passesLuhn(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let digit = pan.charCodeAt(pan.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

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
