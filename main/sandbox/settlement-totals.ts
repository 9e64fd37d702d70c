/**
 * What the sandbox's ledger will settle, by card type and currency: sales and captures, less
 * refunds and credits, each only while not voided, reversed or declined. Holds (authorizations,
 * increments, partial approvals not captured) move no money, so they are not counted.
 */
import type { LedgerEntry } from './transaction-ledger';

export interface SettlementLine {
  /** The gateway's card type code (`001` Visa, `002` Mastercard, …); `unknown` when none was recorded. */
  cardType: string;
  currency: string;
  /** Charges that will settle (sales and captures). */
  chargedMinor: number;
  /** Money going back to cards (refunds and credits). */
  returnedMinor: number;
  /** chargedMinor less returnedMinor. */
  netMinor: number;
}

/** Signed amount an entry adds to the batch: + for a live charge, − for a live refund or credit, 0 otherwise. */
export function settlingMinor(entry: LedgerEntry): number {
  if (entry.status === 'DECLINED' || entry.voided || entry.reversed) return 0;
  switch (entry.kind) {
    case 'sale':
      // A partially approved sale is not captured: it is a hold until captured or reversed.
      return entry.status === 'AUTHORIZED' ? entry.amountMinor : 0;
    case 'capture':
      return entry.amountMinor;
    case 'refund':
    case 'credit':
      return -entry.amountMinor;
    default:
      return 0;
  }
}

/** Settling money per card type and currency, sorted by both; lines that net nothing and moved nothing are left out. */
export function settlementTotals(entries: Iterable<LedgerEntry>): SettlementLine[] {
  const lines = new Map<string, SettlementLine>();
  for (const entry of entries) {
    const minor = settlingMinor(entry);
    if (minor === 0) continue;
    const cardType = entry.cardType ?? 'unknown';
    const key = `${cardType}/${entry.currency}`;
    const line = lines.get(key) ?? { cardType, currency: entry.currency, chargedMinor: 0, returnedMinor: 0, netMinor: 0 };
    if (minor > 0) line.chargedMinor += minor;
    else line.returnedMinor -= minor;
    line.netMinor += minor;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.cardType.localeCompare(b.cardType) || a.currency.localeCompare(b.currency));
}
