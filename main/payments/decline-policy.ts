/**
 * The guide's retry rules for declined cards, from response insights: category 01 (the issuer
 * will never approve) is never tried again from this terminal; any other decline at most 15 times
 * per card in 30 days. Declines are counted in the journal by card fingerprint, never by PAN.
 */
import type { Decline } from '../../preload/schemas';
import type { Declined } from '../gateway/outcomes';
import { TerminalError } from '../errors';
import type { PaymentContext } from './payment-context';

export const declineWindowMs = 30 * 24 * 60 * 60_000;
/** Once a card has this many declines in the window it is not sent again. */
export const maxDeclinesPerCard = 15;

type DeclineCounts = { total: number; category01: number };

function countsFor(context: PaymentContext, fingerprint: string): DeclineCounts {
  return context.journal.declineCount(fingerprint, context.clock().getTime() - declineWindowMs);
}

function mayRetry(counts: DeclineCounts): boolean {
  return counts.category01 === 0 && counts.total < maxDeclinesPerCard;
}

/** Refuses, before anything is written or sent, a card the rules say must not be tried again. */
export function assertMayTryCard(context: PaymentContext, fingerprint: string | null): void {
  if (fingerprint === null) return;
  const counts = countsFor(context, fingerprint);
  if (counts.category01 > 0) {
    throw new TerminalError('DECLINED_NO_RETRY', 'the issuer will never approve this card (decline category 01): it is not retried from this terminal; ask for another card');
  }
  if (counts.total >= maxDeclinesPerCard) {
    throw new TerminalError('DECLINED_NO_RETRY', `this card was declined ${counts.total} times in 30 days, the most the card networks allow (${maxDeclinesPerCard}); ask for another card`);
  }
}

/** A decline as the screen shows it, counted after the journal recorded it. */
export function declineOf(context: PaymentContext, outcome: Declined, fingerprint: string | null): Decline {
  const counts = fingerprint === null ? { total: 1, category01: outcome.category?.code === '01' ? 1 : 0 } : countsFor(context, fingerprint);
  return {
    reason: outcome.reason,
    message: outcome.message ?? null,
    category: outcome.category?.code ?? null,
    retryAllowed: outcome.retryAllowed && mayRetry(counts),
    declinesInWindow: counts.total,
  };
}
