/** IPC handlers for the day channels (preload/channels/day.ts): pure reads of the journal for the local day. */
import type { DayGrandTotal, DayReport, DayTotal, dayChannels } from '../../preload/channels/day';
import type { CurrencyCode } from '../../preload/currency';
import type { Handlers } from '../ipc/dispatch';
import { offlineSaleView } from '../offline/offline-handlers';
import type { PaymentContext } from './payment-context';
import type { DayTotalRow, TimeWindow } from './journal/records';

export function dayHandlers(context: PaymentContext): Pick<Handlers, keyof typeof dayChannels> {
  return {
    'day.report': () => dayReport(context),
  };
}

/** The local calendar day around `now`: [midnight, next midnight). */
export function localDay(now: Date): TimeWindow & { date: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { fromMs: from.getTime(), toMs: to.getTime(), date: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}` };
}

export function dayReport(context: PaymentContext): DayReport {
  const now = context.clock();
  const day = localDay(now);
  const { journal } = context;
  const { totals, grandTotals } = booksOf(journal.dayTotals(day));
  const pending = journal.queuedOfflineSales();
  return {
    date: day.date,
    from: new Date(day.fromMs).toISOString(),
    to: new Date(day.toMs).toISOString(),
    generatedAt: now.toISOString(),
    totals,
    grandTotals,
    offlinePending: {
      count: pending.length,
      totals: byCurrency(pending, (sale) => ({ count: 1, totalMinor: sale.amountMinor })),
      sales: pending.map(offlineSaleView),
    },
    offlineToday: journal.offlineDayTotals(day),
    exceptions: journal.offlineExceptions().map(offlineSaleView),
  };
}

/** The report's lines and their sums per currency, from the journal's totals rows (a day's, or a till session's for its Z report). */
export function booksOf(rows: DayTotalRow[]): { totals: DayTotal[]; grandTotals: DayGrandTotal[] } {
  const totals: DayTotal[] = rows.map((row) => ({
    brand: row.cardBrand,
    kind: row.kind,
    currency: row.currency,
    count: row.count,
    totalMinor: row.totalMinor,
    voidedMinor: row.voidedMinor,
    netMinor: row.totalMinor - row.voidedMinor,
  }));
  return { totals, grandTotals: byCurrency(totals, (line) => ({ count: line.count, totalMinor: line.totalMinor, voidedMinor: line.voidedMinor, netMinor: line.netMinor })) };
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
