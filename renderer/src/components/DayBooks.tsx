/** The books as the screens show them: net takings first, then where they came from, then what is only held. Today's report and the Z reports share it. */
import type { BookLine, Books, CurrencyBooks, HoldKind, TakingsKind } from '../../../preload/channels/day';
import { formatMoney } from '../money';

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
/** A moment on the store's clock when its zone is given (the business day's bounds), else the terminal's. */
export const timeOf = (iso: string, timeZone?: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });

/** Every currency's books, or `empty` when nothing was taken. */
export function BooksView({ books, empty }: { books: Books; empty: string }) {
  if (books.currencies.length === 0) return <p className="day-net">{empty}</p>;
  return (
    <>
      {books.currencies.map((currencyBooks) => (
        <CurrencyBooksView key={currencyBooks.currency} books={currencyBooks} />
      ))}
    </>
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
