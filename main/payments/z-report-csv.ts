/**
 * A Z report as CSV, one line per fact, for a spreadsheet or the accountant: the session, the
 * books by brand and kind, the cash count, and the reconciliation with each difference.
 */
import type { ZReport } from '../../preload/channels/till';
import { formatMinorUnits, type CurrencyCode } from '../../preload/currency';

const header = ['section', 'item', 'currency', 'count', 'amount', 'voided', 'net', 'detail'] as const;
type Line = Partial<Record<(typeof header)[number], string | number>>;

export function zReportCsv(report: ZReport): { fileName: string; csv: string } {
  const money = (minor: number, currency: CurrencyCode = report.currency) => formatMinorUnits(minor, currency);
  const { cash, reconciliation } = report;
  const lines: Line[] = [
    { section: 'Z report', item: 'number', detail: report.number },
    { section: 'Z report', item: 'store', detail: report.storeName },
    { section: 'Z report', item: 'terminal', detail: report.terminalId },
    { section: 'Z report', item: 'opened', detail: `${report.openedAt} by ${report.openedBy}${report.implicitOpen ? ' (opened by the first payment, zero float)' : ''}` },
    { section: 'Z report', item: 'closed', detail: `${report.closedAt} by ${report.closedBy}, approved by ${report.approvedBy}` },
    ...report.books.currencies.flatMap((books): Line[] => {
      const line = (item: string, tally: { count: number; grossMinor: number; voidedMinor: number; netMinor: number }): Line => ({
        section: 'Books', item, currency: books.currency, count: tally.count, amount: money(tally.grossMinor, books.currency), voided: money(tally.voidedMinor, books.currency), net: money(tally.netMinor, books.currency),
      });
      return [
        ...books.byKind.map((kind) => line(`kind ${kind.key}`, kind)),
        ...books.byBrand.map((brand) => line(`brand ${brand.key}`, brand)),
        ...books.byOperator.map((operator) => line(`operator ${operator.key}`, operator)),
        line('card', books.card),
        { section: 'Books', item: 'cash', currency: books.currency, count: books.cash.count, amount: money(books.cash.amountMinor, books.currency), net: money(books.cash.amountMinor, books.currency) },
        ...books.holds.map((hold): Line => ({ section: 'Holds', item: hold.kind, currency: books.currency, count: hold.count, amount: money(hold.amountMinor, books.currency) })),
        { section: 'Books', item: 'declines', currency: books.currency, count: books.declines },
        { section: 'Books', item: 'net takings', currency: books.currency, net: money(books.netMinor, books.currency) },
      ];
    }),
    { section: 'Cash', item: 'float', currency: report.currency, amount: money(cash.floatMinor) },
    { section: 'Cash', item: 'cash taken', currency: report.currency, amount: money(cash.cashTakenMinor) },
    { section: 'Cash', item: 'cash handed back', currency: report.currency, amount: money(cash.cashRefundedMinor) },
    { section: 'Cash', item: 'expected', currency: report.currency, amount: money(cash.expectedMinor) },
    { section: 'Cash', item: 'counted', currency: report.currency, amount: money(cash.countedMinor) },
    { section: 'Cash', item: 'variance', currency: report.currency, amount: money(cash.varianceMinor) },
    { section: 'Reconciliation', item: 'span', detail: `${reconciliation.from} to ${reconciliation.to}` },
    { section: 'Reconciliation', item: 'gateway records', count: reconciliation.gatewayCount },
    { section: 'Reconciliation', item: 'journal attempts', count: reconciliation.journalCount },
    { section: 'Reconciliation', item: 'matched', count: reconciliation.matched },
    { section: 'Reconciliation', item: 'declines matched', count: reconciliation.declinesMatched },
    { section: 'Reconciliation', item: 'undone on both sides', count: reconciliation.undoneMatched },
    { section: 'Reconciliation', item: 'differences', count: reconciliation.differences.length },
    ...reconciliation.differences.map((difference): Line => ({
      section: 'Difference',
      item: difference.kind,
      currency: difference.currency ?? '',
      amount: difference.journalMinor === null || difference.currency === null ? '' : money(difference.journalMinor, difference.currency),
      net: difference.gatewayMinor === null || difference.currency === null ? '' : money(difference.gatewayMinor, difference.currency),
      detail: [difference.transactionId && `transactionId ${difference.transactionId}`, difference.reference, difference.maskedPan, difference.message].filter(Boolean).join('; '),
    })),
  ];
  const csv = [header.join(','), ...lines.map((line) => header.map((column) => csvField(line[column] ?? '')).join(','))].join('\r\n') + '\r\n';
  return { fileName: `z-report-${String(report.number).padStart(4, '0')}-${report.terminalId}.csv`, csv };
}

/** Quoted when it must be; text a spreadsheet would run as a formula gets a leading apostrophe. */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
