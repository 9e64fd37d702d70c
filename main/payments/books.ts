/**
 * The books: what the journal rows of one scope (a business day, a till session) add up to.
 *
 * Takings are the money that will settle, exactly what the gateway puts in its batch: approved
 * sales (a partial approval is a hold, captured later), captures, forced captures, late charges
 * (MITs) and forwarded offline sales, less approved refunds and credits, less whatever a void took
 * back (a voided sale leaves, a voided refund comes back). Holds (authorizations, partial
 * approvals, incremental authorizations and their releases) are reported apart and never in the
 * net. Pure: the caller chooses the rows, this only counts them.
 */
import type { BookLine, Books, CurrencyBooks, HoldKind, HoldLine, TakingsKind } from '../../preload/channels/day';
import { holdKinds, takingsKinds } from '../../preload/channels/day';
import type { CurrencyCode } from '../../preload/currency';
import type { AttemptKind, AttemptStatus, BookAttemptRow, BookRows } from './journal/records';

type Tally = Omit<BookLine, 'key'>;

const emptyTally = (): Tally => ({ count: 0, voidedCount: 0, grossMinor: 0, voidedMinor: 0, netMinor: 0 });

/** The takings kind of an attempt that ended in `status`, or undefined when it moves no settled money. */
function takingsKindOf(kind: AttemptKind, status: AttemptStatus, offline: boolean): TakingsKind | undefined {
  // A partial approval is not captured: the flow captures it (split tender) or releases it.
  if (status === 'approved') {
    switch (kind) {
      case 'sale':
        return offline ? 'offline-sale' : 'sale';
      case 'capture':
        return 'capture';
      case 'forced-capture':
        return 'forced-capture';
      case 'mit':
        return 'late-charge';
      case 'refund':
        return 'refund';
      case 'credit':
        return 'credit';
      default:
        return undefined;
    }
  }
  return undefined;
}

function holdKindOf(row: BookAttemptRow): HoldKind | undefined {
  if (row.status === 'partially-approved') return row.kind === 'incremental' ? 'incremental' : 'partial-approval';
  if (row.status !== 'approved') return undefined;
  if (row.kind === 'authorize') return 'authorization';
  if (row.kind === 'incremental') return 'incremental';
  if (row.kind === 'reversal') return 'release';
  return undefined;
}

const sign = (kind: TakingsKind): 1 | -1 => (kind === 'refund' || kind === 'credit' ? -1 : 1);

class CurrencyLedger {
  readonly card = emptyTally();
  readonly cash = { count: 0, amountMinor: 0 };
  readonly byBrand = new Map<string, Tally>();
  readonly byKind = new Map<TakingsKind, Tally>();
  readonly byOperator = new Map<string, Tally>();
  readonly holds = new Map<HoldKind, { count: number; amountMinor: number }>();
  declines = 0;
  inDoubt = 0;

  constructor(readonly currency: CurrencyCode) {}

  /** One settled movement (`voided` when a void took it back), on every breakdown it belongs to. */
  book(kind: TakingsKind, brand: string, operatorId: string, signedMinor: number, voided: boolean): void {
    for (const tally of [this.card, lineOf(this.byBrand, brand), lineOf(this.byKind, kind), lineOf(this.byOperator, operatorId)]) {
      if (voided) {
        tally.voidedCount += 1;
        tally.voidedMinor += signedMinor;
        tally.netMinor -= signedMinor;
      } else {
        tally.count += 1;
        tally.grossMinor += signedMinor;
        tally.netMinor += signedMinor;
      }
    }
  }

  hold(kind: HoldKind, amountMinor: number): void {
    const line = this.holds.get(kind) ?? { count: 0, amountMinor: 0 };
    line.count += 1;
    line.amountMinor += amountMinor;
    this.holds.set(kind, line);
  }

  cashTender(operatorId: string, amountMinor: number): void {
    this.cash.count += 1;
    this.cash.amountMinor += amountMinor;
    const line = lineOf(this.byOperator, operatorId);
    line.count += 1;
    line.grossMinor += amountMinor;
    line.netMinor += amountMinor;
  }

  books(): CurrencyBooks {
    return {
      currency: this.currency,
      netMinor: this.card.netMinor + this.cash.amountMinor,
      card: { ...this.card },
      cash: { ...this.cash },
      byBrand: linesOf(this.byBrand, byName),
      byKind: linesOf(this.byKind, (a, b) => takingsKinds.indexOf(a) - takingsKinds.indexOf(b)),
      byOperator: linesOf(this.byOperator, byName),
      holds: holdKinds.flatMap((kind): HoldLine[] => {
        const line = this.holds.get(kind);
        return line ? [{ kind, ...line }] : [];
      }),
      declines: this.declines,
      inDoubt: this.inDoubt,
    };
  }
}

function lineOf<K>(lines: Map<K, Tally>, key: K): Tally {
  let line = lines.get(key);
  if (!line) {
    line = emptyTally();
    lines.set(key, line);
  }
  return line;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function linesOf<K extends string>(lines: Map<K, Tally>, order: (a: K, b: K) => number): (Tally & { key: K })[] {
  return [...lines].sort(([a], [b]) => order(a, b)).map(([key, tally]) => ({ key, ...tally }));
}

/**
 * The books of `rows`, per currency (alphabetical). Call it with the rows of a scope from the
 * journal: `booksOf(journal.bookRows(window))` for a business day.
 */
export function booksOf(rows: BookRows): Books {
  const ledgers = new Map<CurrencyCode, CurrencyLedger>();
  const ledgerOf = (currency: CurrencyCode): CurrencyLedger => {
    let ledger = ledgers.get(currency);
    if (!ledger) {
      ledger = new CurrencyLedger(currency);
      ledgers.set(currency, ledger);
    }
    return ledger;
  };
  for (const row of rows.attempts) {
    const ledger = ledgerOf(row.currency);
    const brand = row.cardBrand ?? 'unknown';
    if (row.status === 'declined') ledger.declines += 1;
    else if (row.status === 'pending' || row.status === 'unknown') ledger.inDoubt += 1;
    const takings = takingsKindOf(row.kind, row.status, row.offline);
    if (takings !== undefined) {
      ledger.book(takings, brand, row.operatorId, sign(takings) * (row.approvedMinor ?? 0), false);
      continue;
    }
    if (row.kind === 'void' && row.status === 'approved' && row.voided !== null) {
      // The void undoes the movement it names, on the lines that movement was booked on.
      const voidedKind = takingsKindOf(row.voided.kind, 'approved', row.voided.offline);
      if (voidedKind !== undefined) ledger.book(voidedKind, brand, row.voided.operatorId, sign(voidedKind) * row.voided.approvedMinor, true);
      continue;
    }
    const hold = holdKindOf(row);
    if (hold !== undefined) ledger.hold(hold, row.approvedMinor ?? 0);
  }
  for (const tender of rows.cashTenders) ledgerOf(tender.currency).cashTender(tender.operatorId, tender.amountMinor);
  return { currencies: [...ledgers.values()].sort((a, b) => byName(a.currency, b.currency)).map((ledger) => ledger.books()) };
}
