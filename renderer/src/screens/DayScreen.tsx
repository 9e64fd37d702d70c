import { useEffect, useRef } from 'react';
import type { BookLine, CurrencyBooks, DayReport, HoldKind, TakingsKind } from '../../../preload/channels/day';
import { CallError, useEscape, useFocusOn } from '../components/PaymentBits';
import { ScreenFrame } from '../components/ScreenFrame';
import { formatMoney } from '../money';
import { useDayStore } from '../stores/day-store';
import { useOfflineStore } from '../stores/offline-store';

const takingsWords: Record<TakingsKind, string> = {
  sale: 'Sales',
  'offline-sale': 'Offline sales forwarded',
  capture: 'Captures (pre-auths, tabs, split tender)',
  'forced-capture': 'Voice authorized',
  'late-charge': 'Late charges',
  refund: 'Refunds',
  credit: 'Credits',
};
const holdWords: Record<HoldKind, string> = {
  authorization: 'Holds placed',
  'partial-approval': 'Partial approvals (held, captured separately)',
  incremental: 'Hold increases',
  release: 'Holds released',
};
const stateWords: Record<string, string> = { queued: 'Waiting to be forwarded', forwarded: 'Forwarded', exception: 'Declined after forwarding', collected: 'Collected another way', 'written-off': 'Written off', cancelled: 'Cancelled' };
/** A moment on the store's clock when its zone is given (the business day's bounds), else the terminal's. */
const timeOf = (iso: string, timeZone?: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });

/** The manager's day: the business day's takings and holds, what is still pending offline, and the close-of-day report. */
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
            {/* Never disabled by a background refresh (the offline status changes it): a disabled button drops the keyboard focus. */}
            <button ref={closeButton} type="button" disabled={!report} aria-busy={loading} onClick={() => void closeDay()}>
              {report ? 'Close the day and print the report' : 'Loading…'}
            </button>
            <button type="button" className="secondary" aria-busy={loading} onClick={() => void load()}>
              Refresh
            </button>
          </>
        )}
      </div>
    </ScreenFrame>
  );
}

function DayReportView({ report, closing }: { report: DayReport; closing: boolean }) {
  const { books, offlinePending, offlineToday, exceptions } = report;
  return (
    <article className="day-report pb-printable" aria-label={closing ? 'Close of day report' : "Today's report"}>
      <header className="day-head">
        <h2>{closing ? `Close of business day ${report.date}` : `Business day ${report.date}`}</h2>
        <p className="muted">
          {timeOf(report.from, report.timeZone)} to {timeOf(report.to, report.timeZone)} ({report.timeZone}, day starts at {String(report.cutoffHour).padStart(2, '0')}:00) · report made {timeOf(report.generatedAt)}
        </p>
      </header>

      {books.currencies.length === 0 && <p className="day-net">Net takings: nothing taken yet this business day.</p>}
      {books.currencies.map((currencyBooks) => (
        <CurrencyBooksView key={currencyBooks.currency} books={currencyBooks} />
      ))}

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

/** One currency's books: the net first, then where it came from, then what is only held. */
function CurrencyBooksView({ books }: { books: CurrencyBooks }) {
  const money = (minor: number) => formatMoney(minor, books.currency);
  return (
    <section className="day-section day-books" aria-labelledby={`day-net-${books.currency}`}>
      <h3 id={`day-net-${books.currency}`} className="day-net">
        Net takings {books.currency}: <span className="day-net-amount">{money(books.netMinor)}</span>
      </h3>
      <p className="day-split">
        Card {money(books.card.netMinor)} + cash {money(books.cash.amountMinor)}
      </p>
      <BookTable caption="Card takings by brand" heading="Brand" lines={books.byBrand} total={books.card} money={money} word={(key) => key} />
      <p>
        Cash tenders (split tender): {books.cash.count}, {money(books.cash.amountMinor)}
      </p>
      <BookTable caption="Card takings by kind" heading="Kind" lines={books.byKind} total={books.card} money={money} word={(key) => takingsWords[key]} />
      <BookTable
        caption="Takings by operator (card and cash)"
        heading="Operator"
        lines={books.byOperator}
        total={{ ...books.card, count: books.card.count + books.cash.count, grossMinor: books.card.grossMinor + books.cash.amountMinor, netMinor: books.netMinor }}
        money={money}
        word={(key) => key}
      />
      <table className="day-table" aria-label={`Holds ${books.currency}, not takings`}>
        <caption>Holds on cards: not takings</caption>
        <thead>
          <tr>
            <th scope="col">Hold</th>
            <th scope="col">Count</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {books.holds.length === 0 && (
            <tr>
              <td colSpan={3}>No holds this business day.</td>
            </tr>
          )}
          {books.holds.map((line) => (
            <tr key={line.kind}>
              <th scope="row">{holdWords[line.kind]}</th>
              <td>{line.count}</td>
              <td>{money(line.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Declined: {books.declines}
        {books.inDoubt > 0 ? ` · ⚠ In doubt, being resolved: ${books.inDoubt}` : ''}
      </p>
    </section>
  );
}

function BookTable<K extends string>({
  caption,
  heading,
  lines,
  total,
  money,
  word,
}: {
  caption: string;
  heading: string;
  lines: (Omit<BookLine, 'key'> & { key: K })[];
  total: Omit<BookLine, 'key'>;
  money: (minor: number) => string;
  word: (key: K) => string;
}) {
  return (
    <table className="day-table" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Count</th>
          <th scope="col">Gross</th>
          <th scope="col">Voided</th>
          <th scope="col">Net</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 && (
          <tr>
            <td colSpan={5}>None this business day.</td>
          </tr>
        )}
        {lines.map((line) => (
          <tr key={line.key}>
            <th scope="row">{word(line.key)}</th>
            <td>{line.count}</td>
            <td>{money(line.grossMinor)}</td>
            <td>{line.voidedCount > 0 ? `${money(line.voidedMinor)} (${line.voidedCount})` : money(0)}</td>
            <td>{money(line.netMinor)}</td>
          </tr>
        ))}
      </tbody>
      {lines.length > 0 && (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{total.count}</td>
            <td>{money(total.grossMinor)}</td>
            <td>{money(total.voidedMinor)}</td>
            <td>{money(total.netMinor)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
