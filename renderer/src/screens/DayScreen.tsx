import { useEffect, useRef } from 'react';
import type { DayReport } from '../../../preload/channels/day';
import type { TillState } from '../../../preload/channels/till';
import { BooksView, timeOf } from '../components/DayBooks';
import { CallError, useEscape, useFocusOn } from '../components/PaymentBits';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useDayStore } from '../stores/day-store';
import { useOfflineStore } from '../stores/offline-store';
import { CloseSteps } from './CloseSteps';

const stateWords: Record<string, string> = { queued: 'Waiting to be forwarded', forwarded: 'Forwarded', exception: 'Declined after forwarding', collected: 'Collected another way', 'written-off': 'Written off', cancelled: 'Cancelled' };

/** The manager's day: the till, today's totals, what is still pending offline, and the close with its Z report. */
export function DayScreen() {
  const { report, till, loading, error, step, load, startOpenTill, startClose, listZReports, back } = useDayStore();
  const status = useOfflineStore((state) => state.status);
  const closeButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  // A sale forwarded or queued meanwhile changes the report.
  useEffect(() => {
    void load();
  }, [load, status]);
  useEffect(() => () => back(), [back]);
  useEscape(back);
  // Back from a step: on Close, or on Open the till when there is nothing to close.
  useFocusOn(till?.open ? closeButton : openButton, step === undefined);

  if (step) {
    return (
      <ScreenFrame title="Day">
        <CloseSteps step={step} />
      </ScreenFrame>
    );
  }
  const implicit = till?.open?.implicit === true;
  return (
    <ScreenFrame title="Day">
      {error && <CallError error={error} doing="load today's report" />}
      {till && <TillPanel till={till} />}
      {!report && !error && <p role="status">Loading today's report…</p>}
      {report && <DayReportView report={report} />}
      <div className="actions day-actions">
        <button ref={closeButton} type="button" disabled={loading || !till?.open} aria-busy={loading} onClick={startClose}>
          {loading ? 'Loading…' : 'Close the day'}
        </button>
        {(!till?.open || implicit) && (
          <button ref={openButton} type="button" className="secondary" onClick={startOpenTill}>
            {implicit ? 'Declare the float' : 'Open the till'}
          </button>
        )}
        <button type="button" className="secondary" disabled={loading} onClick={() => void listZReports()}>
          Past Z reports
        </button>
        <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
          Refresh
        </button>
      </div>
    </ScreenFrame>
  );
}

function TillPanel({ till }: { till: TillState }) {
  const { open } = till;
  const lastZ = till.lastZNumber === null ? '' : ` Last Z report: #${till.lastZNumber}.`;
  if (!open) {
    return (
      <p className="day-till" role="status">
        The till is closed.{lastZ} Open it with the float in the drawer; otherwise the next payment opens it with no float.
      </p>
    );
  }
  return (
    <p className="day-till" role="status" data-implicit={open.implicit ? 'true' : undefined}>
      {open.implicit
        ? `⚠ The till was opened by the first payment at ${timeOf(open.openedAt)}, with no float: declare the float in the drawer before the close.`
        : `Till open since ${timeOf(open.openedAt)} with a float of ${formatMoney(open.floatMinor, open.currency)} (opened by ${open.openedBy}).`}
      {lastZ}
    </p>
  );
}

function DayReportView({ report }: { report: DayReport }) {
  const { books, offlinePending, offlineToday, exceptions } = report;
  return (
    <article className="day-report" aria-label="Today's report">
      <header className="day-head">
        <h2>Business day {report.date}</h2>
        <p className="muted">
          {timeOf(report.from, report.timeZone)} to {timeOf(report.to, report.timeZone)} ({report.timeZone}, day starts at {String(report.cutoffHour).padStart(2, '0')}:00) · report made {timeOf(report.generatedAt)}
        </p>
      </header>

      <BooksView books={books} empty="Net takings: nothing taken yet this business day." />

      <section aria-labelledby="day-pending-title" className="day-section" data-pending={offlinePending.count > 0 ? 'true' : undefined}>
        <h3 id="day-pending-title">
          {offlinePending.count > 0 ? '⚠ ' : ''}Offline sales pending ({offlinePending.count}): not in the takings above until forwarded
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
