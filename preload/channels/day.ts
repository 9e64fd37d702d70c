/** Channels for the manager's day: today's totals and what is still pending, for the close-of-day report. */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { CurrencyCode, Timestamp } from '../schemas';
import { OfflineSale } from './offline';

const NoArguments = z.undefined();
const Minor = z.int().nonnegative();

/** Approved money of one card brand and kind (`cash`/`cash` for cash tenders), with the part voided since. */
export const DayTotal = z.object({
  brand: z.string(),
  kind: z.string(),
  currency: CurrencyCode,
  count: z.int().nonnegative(),
  totalMinor: Minor,
  voidedMinor: Minor,
  /** totalMinor less voidedMinor. */
  netMinor: Minor,
});
export type DayTotal = z.infer<typeof DayTotal>;

/** All of the day's lines added up, per currency. */
export const DayGrandTotal = z.object({ currency: CurrencyCode, count: z.int().nonnegative(), totalMinor: Minor, voidedMinor: Minor, netMinor: Minor });
export type DayGrandTotal = z.infer<typeof DayGrandTotal>;

/** Offline sales made today, by their state now (queued, forwarded, exception, …). */
export const OfflineDayLine = z.object({ state: OfflineSale.shape.state, currency: CurrencyCode, count: z.int().nonnegative(), totalMinor: Minor });

export const DayReport = z.object({
  /** The terminal's local calendar day, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  from: Timestamp,
  to: Timestamp,
  generatedAt: Timestamp,
  totals: z.array(DayTotal),
  grandTotals: z.array(DayGrandTotal),
  /** Sales approved offline and not yet forwarded (from any day): not in the totals until the gateway has them. */
  offlinePending: z.object({
    count: z.int().nonnegative(),
    totals: z.array(z.object({ currency: CurrencyCode, count: z.int().nonnegative(), totalMinor: Minor })),
    sales: z.array(OfflineSale),
  }),
  offlineToday: z.array(OfflineDayLine),
  /** Declines that came back after forwarding and still wait for a manager. */
  exceptions: z.array(OfflineSale),
});
export type DayReport = z.infer<typeof DayReport>;

export const dayChannels = {
  /** Today's report (the local day of the terminal's clock); a pure read of the journal. */
  'day.report': { args: NoArguments, result: DayReport },
} as const satisfies ChannelTable;
