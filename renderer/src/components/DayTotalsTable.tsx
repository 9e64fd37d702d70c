/** The day report's totals table, shared by today's report and the Z reports. */
import type { DayGrandTotal, DayTotal } from '../../../preload/channels/day';
import { formatMoney } from '../money';

export const kindWords: Record<string, string> = {
  sale: 'Sales',
  capture: 'Captures',
  'forced-capture': 'Voice authorized',
  cash: 'Cash',
  authorize: 'Holds',
  incremental: 'Hold increases',
  reversal: 'Holds released',
  void: 'Voids',
  refund: 'Refunds',
  credit: 'Credits',
  'timeout-reversal': 'Timeout reversals',
  'timeout-void': 'Timeout voids',
  verify: 'Card checks',
  mit: 'Stored-card charges',
};

/** A moment in the operator's words: day, month, hour and minute. */
export const timeOf = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Totals by brand and kind, with a total line per currency: today's, or a Z report's. */
export function TotalsTable({ totals, grandTotals, empty }: { totals: DayTotal[]; grandTotals: DayGrandTotal[]; empty: string }) {
  return (
    <table className="day-table" aria-label="Totals by card brand and kind">
      <caption>Totals by card brand and kind</caption>
      <thead>
        <tr>
          <th scope="col">Brand</th>
          <th scope="col">Kind</th>
          <th scope="col">Count</th>
          <th scope="col">Approved</th>
          <th scope="col">Voided</th>
          <th scope="col">Net</th>
        </tr>
      </thead>
      <tbody>
        {totals.length === 0 && (
          <tr>
            <td colSpan={6}>{empty}</td>
          </tr>
        )}
        {totals.map((line) => (
          <tr key={`${line.brand}:${line.kind}:${line.currency}`}>
            <th scope="row">{line.brand}</th>
            <td>{kindWords[line.kind] ?? line.kind}</td>
            <td>{line.count}</td>
            <td>{formatMoney(line.totalMinor, line.currency)}</td>
            <td>{formatMoney(line.voidedMinor, line.currency)}</td>
            <td>{formatMoney(line.netMinor, line.currency)}</td>
          </tr>
        ))}
      </tbody>
      {grandTotals.length > 0 && (
        <tfoot>
          {grandTotals.map((line) => (
            <tr key={line.currency}>
              <th scope="row" colSpan={2}>
                Total {line.currency}
              </th>
              <td>{line.count}</td>
              <td>{formatMoney(line.totalMinor, line.currency)}</td>
              <td>{formatMoney(line.voidedMinor, line.currency)}</td>
              <td className="day-net">{formatMoney(line.netMinor, line.currency)}</td>
            </tr>
          ))}
        </tfoot>
      )}
    </table>
  );
}
