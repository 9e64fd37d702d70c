/**
 * Card expiry: `YYMM` as printed on tracks and keyed, checked against an injectable clock.
 */
export interface CardExpiry {
  month: number;
  /** Four digits. */
  year: number;
}

export type Clock = () => Date;

/** `YYMM` (track order) → expiry, or undefined when the month is not 01–12. */
export function parseTrackExpiry(yymm: string): CardExpiry | undefined {
  if (!/^\d{4}$/.test(yymm)) return undefined;
  const year = 2000 + Number(yymm.slice(0, 2));
  const month = Number(yymm.slice(2, 4));
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** A card is good through the last day of its expiry month (UTC, so every terminal agrees). */
export function isExpired(expiry: CardExpiry, clock: Clock): boolean {
  const now = clock();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expiry.year < year || (expiry.year === year && expiry.month < month);
}
