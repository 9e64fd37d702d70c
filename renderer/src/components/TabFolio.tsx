import type { CurrencyCode } from '../../../preload/currency';
import { formatMoney } from '../money';
import { categoryLabels, folioMaths, type TabView } from '../stores/tabs-store';

export const tabStateLabels: Record<TabView['state'], string> = {
  opening: 'Opening…',
  open: 'Open',
  flagged: '⚠ Needs a second card',
  'checked-out': '✓ Checked out',
  cancelled: 'Cancelled (hold released)',
  declined: '✗ Declined at check-in',
};

/** Main notes the room charge as "nights × rate" in minor units ("2 × 20000"): shown as money. */
function noteOf(charge: TabView['charges'][number], money: (minor: number) => string): string {
  const room = charge.category === 'room' ? /^(\d+) × (\d+)$/.exec(charge.note) : null;
  return room ? `${room[1]} × ${money(Number(room[2]))}` : charge.note;
}

/**
 * A tab's folio against its hold: what is held on the card, what the guest owes so far, how much
 * more fits before the card is asked for more, and what the next charge will need.
 */
export function TabFolio({ tab }: { tab: TabView }) {
  const money = (minor: number) => formatMoney(minor, tab.currency as CurrencyCode);
  const maths = folioMaths(tab);
  const live = tab.state === 'open' || tab.state === 'flagged';
  const headroom = maths.headroomMinor > 0 ? `, plus ${money(maths.headroomMinor)} headroom` : '';

  let next: string;
  if (!live) next = tab.state === 'checked-out' ? `Captured ${money(tab.capturedMinor)} at check-out.` : 'No charges can be added.';
  else if (maths.overMinor > 0)
    next =
      tab.state === 'flagged'
        ? `The folio is ${money(maths.overMinor)} more than the hold and the card declined an increase: take a second card before check-out.`
        : `The folio is ${money(maths.overMinor)} more than the hold: check-out asks the card for the difference first.`;
  else if (maths.freeMinor > 0)
    next = `Charges up to ${money(maths.freeMinor)} fit in the hold. A larger charge asks the card for the amount above ${money(maths.freeMinor)}${headroom}.`;
  else next = `The hold is used up: the next charge asks the card for its full amount${headroom}.`;

  return (
    <section className="tabs-folio" aria-label={`Folio of room ${tab.room}`}>
      <dl className="tabs-totals">
        <div>
          <dt>Held on card</dt>
          <dd data-testid="held">{money(maths.heldMinor)}</dd>
        </div>
        <div>
          <dt>Folio</dt>
          <dd data-testid="folio">{money(maths.folioMinor)}</dd>
        </div>
        {tab.state === 'checked-out' ? (
          <div>
            <dt>Captured</dt>
            <dd data-testid="captured">{money(tab.capturedMinor)}</dd>
          </div>
        ) : maths.overMinor > 0 ? (
          <div className="tabs-over">
            <dt>
              <span aria-hidden="true">⚠ </span>Over the hold
            </dt>
            <dd data-testid="over">{money(maths.overMinor)}</dd>
          </div>
        ) : (
          <div>
            <dt>Still free in the hold</dt>
            <dd data-testid="free">{money(maths.freeMinor)}</dd>
          </div>
        )}
      </dl>
      <p className="tabs-next" data-testid="next-charge">
        {next}
      </p>
      <p className="muted tabs-basis">
        Held at check-in: {tab.nights} {tab.nights === 1 ? 'night' : 'nights'} × {money(tab.nightlyRateMinor)}
        {tab.incidentalsMinor > 0 ? ` + ${money(tab.incidentalsMinor)} incidentals` : ''} = {money(maths.roomMinor + tab.incidentalsMinor)}.
      </p>
      <table className="tabs-charges" aria-label="Charges">
        <thead>
          <tr>
            <th scope="col">Charge</th>
            <th scope="col">Note</th>
            <th scope="col" className="tabs-money">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {tab.charges.map((charge) => (
            <tr key={charge.id}>
              <td>{categoryLabels[charge.category]}</td>
              <td>{noteOf(charge, money)}</td>
              <td className="tabs-money">{money(charge.amountMinor)}</td>
            </tr>
          ))}
          {tab.charges.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No charges yet.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Folio total
            </th>
            <td className="tabs-money">{money(maths.chargesMinor)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
