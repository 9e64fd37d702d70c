import { useEffect, useRef } from 'react';
import type { DayReport } from '../../../preload/channels/day';
import { CallError, useEscape, useFocusOn } from '../components/PaymentBits';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useDayStore } from '../stores/day-store';
import { useOfflineStore } from '../stores/offline-store';

const kindWords: Record<string, string> = {
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
const stateWords: Record<string, string> = { queued: 'Waiting to be forwarded', forwarded: 'Forwarded', exception: 'Declined after forwarding', collected: 'Collected another way', 'written-off': 'Written off', cancelled: 'Cancelled' };
const timeOf = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The manager's day: today's totals, what is still pending offline, and the close-of-day report. */
export function DayScreen() {
  const { report, loading, error, closing, load, closeDay, back } = useDayStore();
  const status = useOfflineStore((state) => state.status);
  const closeButton = useRef<HTMLButtonElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  // A sale forwarded or queued meanwhile changes the report.
  useEffect(() => {
    void load();
  }, [load, status]);
  useEffect(() => () => back(), [back]);
  useEscape(back);
  useFocusOn(closing ? printButton : closeButton, closing);
  useEffect(() => {
    if (closing) window.print();
  }, [closing]);

  return (
    <ScreenFrame title="Day">
      {error && <CallError error={error} doing="load today's report" />}
      {!report && !error && <p role="status">Loading today's report…</p>}
      {report && <DayReportView report={report} closing={closing} />}
      <div className="actions day-actions">
        {closing ? (
          <>
            <button ref={printButton} type="button" onClick={() => window.print()}>
              Print the report again
            </button>
            <button type="button" className="secondary" onClick={back} aria-keyshortcuts="Escape">
              Back to today <kbd aria-hidden="true">Esc</kbd>
            </button>
          </>
        ) : (
          <>
            <button ref={closeButton} type="button" disabled={loading || !report} aria-busy={loading} onClick={() => void closeDay()}>
              {loading ? 'Loading…' : 'Close the day and print the report'}
            </button>
            <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
              Refresh
            </button>
          </>
        )}
      </div>
    </ScreenFrame>
  );
}

function DayReportView({ report, closing }: { report: DayReport; closing: boolean }) {
  const { totals, grandTotals, offlinePending, offlineToday, exceptions } = report;
  return (
    <article className="day-report pb-printable" aria-label={closing ? 'Close of day report' : "Today's report"}>
      <header className="day-head">
        <h2>{closing ? `Close of day ${report.date}` : `Today, ${report.date}`}</h2>
        <p className="muted">Report made {timeOf(report.generatedAt)}</p>
      </header>

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
              <td colSpan={6}>No approved payments today.</td>
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

      <section aria-labelledby="day-pending-title" className="day-section" data-pending={offlinePending.count > 0 ? 'true' : undefined}>
        <h3 id="day-pending-title">
          {offlinePending.count > 0 ? '⚠ ' : ''}Offline sales pending ({offlinePending.count}): not in the totals above until forwarded
        </h3>
        {offlinePending.count === 0 ? (
          <p>None: every offline sale has been forwarded.</p>
        ) : (
          <>
            <p className="day-pending-total">
              Pending total: {offlinePending.totals.map((line) => `${formatMoney(line.totalMinor, line.currency)} (${line.count})`).join(', ')}
            </p>
            <table className="day-table" aria-label="Offline sales pending">
              <thead>
                <tr>
                  <th scope="col">Approved offline</th>
                  <th scope="col">Card</th>
                  <th scope="col">Amount</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {offlinePending.sales.map((sale) => (
                  <tr key={sale.id}>
                    <td>{timeOf(sale.approvedOfflineAt)}</td>
                    <td>
                      {sale.brand} {sale.maskedPan}
                    </td>
                    <td>{formatMoney(sale.amountMinor, sale.currency)}</td>
                    <td>Pending{sale.flagged ? ' — overdue' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {offlineToday.length > 0 && (
        <section aria-labelledby="day-offline-title" className="day-section">
          <h3 id="day-offline-title">Sales approved offline today</h3>
          <ul>
            {offlineToday.map((line) => (
              <li key={`${line.state}:${line.currency}`}>
                {stateWords[line.state] ?? line.state}: {line.count}, {formatMoney(line.totalMinor, line.currency)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="day-exceptions-title" className="day-section">
        <h3 id="day-exceptions-title">Declined after forwarding, waiting for a manager ({exceptions.length})</h3>
        {exceptions.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {exceptions.map((sale) => (
              <li key={sale.id}>
                ✕ {formatMoney(sale.amountMinor, sale.currency)} on {sale.brand} {sale.maskedPan}: {sale.declineMessage ?? sale.declineReason ?? 'declined'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
