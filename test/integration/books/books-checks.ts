/**
 * The books after a sequence, once recovery has run with the gateway reachable: what is wrong,
 * in sentences (empty when the books balance). Three rules:
 * - the terminal's report of takings equals what the sandbox's ledger will settle, per card type
 *   and currency and in total per currency;
 * - no sale is charged twice: at most one live charge at the gateway per sale, counting the online
 *   attempt an offline sale fell back from as part of that sale, and every live charge is one the
 *   journal knows as approved;
 * - no attempt is left pending or unknown.
 */
import { gatewayCardType, type CardBrand } from '../../../main/card-number';
import type { PaymentContext } from '../../../main/payments/payment-context';
import type { SandboxGateway } from '../../../main/sandbox/gateway-server';

/** Takings of one card type and currency: money that will settle, refunds and credits taken off. */
export interface TakingsLine {
  cardType: string;
  currency: string;
  netMinor: number;
}

/** The terminal's takings as its report states them (the function under test, or a wrong one to prove the check fails). */
export type TerminalTakings = (context: PaymentContext) => TakingsLine[];

/** The gateway's card type for the report's brand names, so both sides are keyed alike. */
export function cardTypeOf(brand: string): string {
  return brand in gatewayCardType ? gatewayCardType[brand as Exclude<CardBrand, 'unknown'>] : 'unknown';
}

export function booksProblems(context: PaymentContext, sandbox: SandboxGateway, takings: TerminalTakings): string[] {
  return [...reportProblems(takings(context), sandbox), ...chargedTwice(context, sandbox), ...unaccounted(context, sandbox), ...unresolved(context)];
}

function reportProblems(terminal: TakingsLine[], sandbox: SandboxGateway): string[] {
  const sums = (lines: readonly TakingsLine[], keyOf: (line: TakingsLine) => string) => {
    const sum = new Map<string, number>();
    for (const line of lines) sum.set(keyOf(line), (sum.get(keyOf(line)) ?? 0) + line.netMinor);
    return sum;
  };
  const gateway: TakingsLine[] = sandbox.settlementTotals().map(({ cardType, currency, netMinor }) => ({ cardType, currency, netMinor }));
  const compare = (what: string, keyOf: (line: TakingsLine) => string): string[] => {
    const ours = sums(terminal, keyOf);
    const theirs = sums(gateway, keyOf);
    return [...new Set([...ours.keys(), ...theirs.keys()])]
      .filter((key) => (ours.get(key) ?? 0) !== (theirs.get(key) ?? 0))
      .map((key) => `${what} ${key}: the report says ${ours.get(key) ?? 0}, the gateway will settle ${theirs.get(key) ?? 0}`);
  };
  return [...compare('card type/currency', (line) => `${line.cardType}/${line.currency}`), ...compare('total', (line) => line.currency)];
}

/** Sales with more than one live charge at the gateway: wrong at any moment, since the batch may close at any moment. */
export function chargedTwice(context: PaymentContext, sandbox: SandboxGateway): string[] {
  const { journal } = context;
  const live = liveCharges(sandbox);
  // The online attempt an offline sale fell back from belongs to that offline sale.
  const saleOfOriginal = new Map<string, string>();
  for (const entry of live) {
    const offline = journal.offlineSaleOfOrder(entry.clientReferenceCode);
    if (offline?.originalTransactionId) saleOfOriginal.set(offline.originalTransactionId, offline.orderId);
  }
  const chargesOfSale = new Map<string, string[]>();
  for (const entry of live) {
    const sale = saleOfOriginal.get(entry.clientTransactionId ?? '') ?? entry.clientReferenceCode;
    // Tabs (check-out and late charges) and split sessions (one charge per card) take several charges by design.
    if (journal.order(sale) === undefined) continue;
    chargesOfSale.set(sale, [...(chargesOfSale.get(sale) ?? []), `${entry.kind} ${entry.id} of ${entry.capturedMinor} (${entry.clientReferenceCode})`]);
  }
  return [...chargesOfSale]
    .filter(([, charges]) => charges.length > 1)
    .map(([sale, charges]) => `sale ${sale} is charged ${charges.length} times: ${charges.join(', ')}`);
}

/** Live charges at the gateway that the journal does not hold as approved: money taken that the terminal does not count. */
function unaccounted(context: PaymentContext, sandbox: SandboxGateway): string[] {
  return liveCharges(sandbox).flatMap((entry) => {
    const attempt = context.journal.attempt(entry.clientTransactionId ?? '');
    if (attempt?.status === 'approved') return [];
    return [`${entry.kind} ${entry.id} of ${entry.capturedMinor} (${entry.clientReferenceCode}) is charged at the gateway but ${attempt ? attempt.status : 'missing'} in the journal`];
  });
}

function liveCharges(sandbox: SandboxGateway) {
  return sandbox.transactions().filter((entry) => (entry.kind === 'sale' || entry.kind === 'capture') && entry.capturedMinor > 0);
}

function unresolved(context: PaymentContext): string[] {
  return context.journal.unresolvedAttempts().map((attempt) => `${attempt.kind} ${attempt.transactionId} of ${attempt.amountMinor} on ${attempt.reference} is still ${attempt.status} after recovery`);
}
