/** IPC handlers for the day channels (preload/channels/day.ts): pure reads of the journal for the store's business day. */
import type { DayReport, dayChannels } from '../../preload/channels/day';
import type { CurrencyCode } from '../../preload/currency';
import { businessDayAt } from '../business-day';
import type { Handlers } from '../ipc/dispatch';
import { offlineSaleView } from '../offline/offline-handlers';
import { booksOf } from './books';
import type { PaymentContext } from './payment-context';

export function dayHandlers(context: PaymentContext): Pick<Handlers, keyof typeof dayChannels> {
  return {
    'day.report': () => dayReport(context),
  };
}

export function dayReport(context: PaymentContext): DayReport {
  const now = context.clock();
  const rule = context.settings().businessDay;
  const day = businessDayAt(now, rule);
  const { journal } = context;
  const pending = journal.queuedOfflineSales();
  return {
    date: day.date,
    timeZone: rule.timeZone,
    cutoffHour: rule.cutoffHour,
    from: new Date(day.fromMs).toISOString(),
    to: new Date(day.toMs).toISOString(),
    generatedAt: now.toISOString(),
    books: booksOf(journal.bookRows(day)),
    offlinePending: {
      count: pending.length,
      totals: byCurrency(pending, (sale) => ({ count: 1, totalMinor: sale.amountMinor })),
      sales: pending.map(offlineSaleView),
    },
    offlineToday: journal.offlineDayTotals(day),
    exceptions: journal.offlineExceptions().map(offlineSaleView),
  };
}

/** Adds up numeric fields per currency, in the order currencies first appear. */
function byCurrency<T extends { currency: CurrencyCode }, S extends Record<string, number>>(items: T[], pick: (item: T) => S): (S & { currency: CurrencyCode })[] {
  const sums = new Map<CurrencyCode, Record<string, number>>();
  for (const item of items) {
    const sum = sums.get(item.currency) ?? {};
    for (const [key, value] of Object.entries(pick(item))) sum[key] = (sum[key] ?? 0) + value;
    sums.set(item.currency, sum);
  }
  return [...sums].map(([currency, sum]) => ({ ...(sum as S), currency }));
}
