/** Channels for the manager's day: the business day's books and what is still pending, for the close-of-day report. */
import { z } from 'zod';
import type { ChannelTable } from '../channel-spec';
import { CurrencyCode, Timestamp } from '../schemas';
import { OfflineSale } from './offline';

const NoArguments = z.undefined();
const Minor = z.int().nonnegative();
/** Takings may run negative (a day of refunds): signed minor units. */
const SignedMinor = z.int();
const Count = z.int().nonnegative();

/** Kinds of money that will settle: sales and captures in, refunds and credits out. */
export const takingsKinds = ['sale', 'offline-sale', 'capture', 'forced-capture', 'late-charge', 'refund', 'credit'] as const;
export const TakingsKind = z.enum(takingsKinds);
export type TakingsKind = z.infer<typeof TakingsKind>;

/** Money held on cards, never takings: holds made, increased and released. */
export const holdKinds = ['authorization', 'partial-approval', 'incremental', 'release'] as const;
export const HoldKind = z.enum(holdKinds);
export type HoldKind = z.infer<typeof HoldKind>;

/**
 * One line of takings (a brand, a kind or an operator). Refunds and credits count negative;
 * `voidedMinor` is what voids took back out of `grossMinor` (negative for a voided refund), and
 * `netMinor` = grossMinor − voidedMinor is what will settle.
 */
export const BookLine = z.object({
  key: z.string(),
  count: Count,
  voidedCount: Count,
  grossMinor: SignedMinor,
  voidedMinor: SignedMinor,
  netMinor: SignedMinor,
});
export type BookLine = z.infer<typeof BookLine>;

export const HoldLine = z.object({ kind: HoldKind, count: Count, amountMinor: Minor });
export type HoldLine = z.infer<typeof HoldLine>;

/** The books of one currency. netMinor = card.netMinor + cash.amountMinor = the sum of byOperator. */
export const CurrencyBooks = z.object({
  currency: CurrencyCode,
  /** Takings: card money that will settle plus cash taken. */
  netMinor: SignedMinor,
  card: BookLine.omit({ key: true }),
  /** Cash tenders of completed split-tender sessions. */
  cash: z.object({ count: Count, amountMinor: Minor }),
  /** Card takings by brand; the lines add up to `card`. */
  byBrand: z.array(BookLine),
  /** Card takings by kind (TakingsKind); the lines add up to `card`. */
  byKind: z.array(BookLine.extend({ key: TakingsKind })),
  /** Card and cash takings by operator; the lines add up to netMinor. */
  byOperator: z.array(BookLine),
  holds: z.array(HoldLine),
  declines: Count,
  /** Attempts whose outcome is not known yet: recovery resolves them. */
  inDoubt: Count,
});
export type CurrencyBooks = z.infer<typeof CurrencyBooks>;

export const Books = z.object({ currencies: z.array(CurrencyBooks) });
export type Books = z.infer<typeof Books>;

/** Offline sales made today, by their state now (queued, forwarded, exception, …). */
export const OfflineDayLine = z.object({ state: OfflineSale.shape.state, currency: CurrencyCode, count: Count, totalMinor: Minor });

export const DayReport = z.object({
  /** The business date, YYYY-MM-DD: the store's day (its time zone and cut-off hour) on which it began. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string(),
  cutoffHour: z.int().min(0).max(23),
  from: Timestamp,
  to: Timestamp,
  generatedAt: Timestamp,
  books: Books,
  /** Sales approved offline and not yet forwarded (from any day): not in the books until the gateway has them. */
  offlinePending: z.object({
    count: Count,
    totals: z.array(z.object({ currency: CurrencyCode, count: Count, totalMinor: Minor })),
    sales: z.array(OfflineSale),
  }),
  offlineToday: z.array(OfflineDayLine),
  /** Declines that came back after forwarding and still wait for a manager. */
  exceptions: z.array(OfflineSale),
});
export type DayReport = z.infer<typeof DayReport>;

export const dayChannels = {
  /** The current business day's report (the store's time zone and cut-off hour); a pure read of the journal. */
  'day.report': { args: NoArguments, result: DayReport },
} as const satisfies ChannelTable;
