/**
 * The guide's retry rules for declined cards ("Declined Authorizations"), counted in the store's
 * business days: a category 01 decline (the issuer will never approve) is never re-attempted for
 * the same transaction, and for 30 business days a new transaction with that card needs a
 * manager's PIN; any card takes at most 15 declines in 30 business days. Declines are counted in
 * the journal by card fingerprint, never by PAN.
 */
import type { CardRefusal, Decline } from '../../preload/schemas';
import { type BusinessDayRule, businessDayAfter, businessDayAt } from '../business-day';
import { TerminalError } from '../errors';
import type { Declined } from '../gateway/outcomes';
import type { AttemptRow, CardDeclineRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import type { PresentedCard } from './presented-card';

/** The window both rules count in, in business days (the decline's own day is the first). */
export const declineWindowDays = 30;
/** The most declines a card may have in the window; at this many it is not sent again. */
export const maxDeclinesPerCard = 15;
/** The category the guide says never to retry. */
export const neverApproveCategory = '01';

/** The gateway's reason for "call the issuer" (a referral): a voice authorization follows. */
const callIssuerReasons: ReadonlySet<string> = new Set(['CONTACT_PROCESSOR']);
/** How long the card stays held for the voice authorization after a call-issuer decline: the phone call takes minutes. */
export const callIssuerCardTtlMs = 15 * 60_000;

export function isCallIssuer(outcome: Declined): boolean {
  return callIssuerReasons.has(outcome.reason);
}

/** Where a card stands under the rules, before a new attempt. */
export type CardVerdict =
  | { verdict: 'may-try'; declinesInWindow: number }
  | Omit<CardRefusal, 'card'>;

/** The first instant whose declines still count today: the start of the business day 29 days back. */
export function declineWindowStart(now: Date, rule: BusinessDayRule): number {
  return businessDayAfter(businessDayAt(now, rule), -(declineWindowDays - 1), rule).fromMs;
}

const dayOf = (ms: number, rule: BusinessDayRule) => businessDayAt(ms, rule);
/** The business day a decline stops counting: 30 business days after the day it happened. */
const clearsOn = (ms: number, rule: BusinessDayRule) => businessDayAfter(dayOf(ms, rule), declineWindowDays, rule).date;

/**
 * The verdict for a card given its declines in the window (oldest first). `reference` is the order,
 * tab or session the attempt is for: a category 01 decline on that same transaction is final.
 */
export function judgeCard(declines: readonly CardDeclineRow[], reference: string | undefined, rule: BusinessDayRule): CardVerdict {
  const declinesInWindow = declines.length;
  const counts = { declinesInWindow, declineLimit: maxDeclinesPerCard };
  const neverApprove = declines.filter((decline) => decline.category === neverApproveCategory);
  const sameTransaction = reference === undefined ? undefined : neverApprove.find((decline) => decline.reference === reference);
  if (sameTransaction) {
    const at = sameTransaction.declinedAtMs;
    return { rule: 'same-transaction', declinedOn: dayOf(at, rule).date, clearsOn: clearsOn(at, rule), overridable: false, ...counts };
  }
  if (declinesInWindow >= maxDeclinesPerCard) {
    // The count drops below the limit when the oldest decline that keeps it there leaves the window.
    const oldestCounted = declines[declinesInWindow - maxDeclinesPerCard] as CardDeclineRow;
    const first = declines[0] as CardDeclineRow;
    return { rule: 'retry-limit', declinedOn: dayOf(first.declinedAtMs, rule).date, clearsOn: clearsOn(oldestCounted.declinedAtMs, rule), overridable: false, ...counts };
  }
  const latest = neverApprove.at(-1);
  if (latest) {
    const at = latest.declinedAtMs;
    return { rule: 'issuer-never-approves', declinedOn: dayOf(at, rule).date, clearsOn: clearsOn(at, rule), overridable: true, ...counts };
  }
  return { verdict: 'may-try', declinesInWindow };
}

/** The card's declines in the window, from the journal. */
function declinesOf(context: PaymentContext, fingerprint: string): CardDeclineRow[] {
  return context.journal.cardDeclines(fingerprint, declineWindowStart(context.clock(), context.settings().businessDay));
}

/** The card's verdict now, for the transaction `reference` (undefined: a new one). */
export function cardVerdict(context: PaymentContext, fingerprint: string | null, reference?: string): CardVerdict {
  if (fingerprint === null) return { verdict: 'may-try', declinesInWindow: 0 };
  return judgeCard(declinesOf(context, fingerprint), reference, context.settings().businessDay);
}

/** What the refusal says, in words the screens and logs can show. */
export function refusalMessage(refusal: Omit<CardRefusal, 'card'>): string {
  switch (refusal.rule) {
    case 'same-transaction':
      return `the issuer declined this card for this transaction on ${refusal.declinedOn} as "will never approve" (category 01): it may not be tried again for it; ask for another card`;
    case 'retry-limit':
      return `this card was declined ${refusal.declinesInWindow} times in ${declineWindowDays} business days, the most the card networks allow (${maxDeclinesPerCard}); ask for another card (it may be tried again from ${refusal.clearsOn})`;
    case 'issuer-never-approves':
      return `the issuer declined this card on ${refusal.declinedOn} as "will never approve" (category 01): ask for another card (from ${refusal.clearsOn} it counts as any other card)`;
  }
}

/**
 * Decides, before anything is written or sent, whether the card may be tried for the transaction
 * `reference` (undefined: a new one): undefined when it may, or the refusal. `overriddenBy` is the
 * manager who already let a "will never approve" card through for this transaction.
 */
export function admitCard(context: PaymentContext, card: PresentedCard, reference: string | undefined, overriddenBy: string | undefined): Omit<CardRefusal, 'card'> | undefined {
  const verdict = cardVerdict(context, card.summary.fingerprint, reference);
  if ('verdict' in verdict) return undefined;
  if (!verdict.overridable || overriddenBy === undefined) return verdict;
  context.logger.log('info', 'category 01 card let through by a manager', { declinedOn: verdict.declinedOn, maskedPan: card.summary.maskedPan, managerId: overriddenBy });
  return undefined;
}

/** For the flows without an override on screen: refuses a card the rules hold back, as a typed error naming the day. */
export function assertMayTryCard(context: PaymentContext, fingerprint: string | null, reference?: string): void {
  const verdict = cardVerdict(context, fingerprint, reference);
  if ('verdict' in verdict) return;
  // Only the Sale screen offers the manager's override; here the cashier is told where it is.
  const where = verdict.overridable ? '; a manager can let it through for a sale on the Sale screen' : '';
  throw new TerminalError('DECLINED_NO_RETRY', `${refusalMessage(verdict)}${where}`);
}

/** A decline as the screen shows it, counted after the journal recorded it. */
export function declineOf(context: PaymentContext, outcome: Declined, row: AttemptRow, card: PresentedCard | null): Decline {
  const rule = context.settings().businessDay;
  const category = outcome.category?.code ?? null;
  const fingerprint = card?.summary.fingerprint ?? null;
  const declinesInWindow = fingerprint === null ? 1 : declinesOf(context, fingerprint).length;
  const final = category === neverApproveCategory || declinesInWindow >= maxDeclinesPerCard;
  return {
    reason: outcome.reason,
    message: outcome.message ?? null,
    category,
    retryAllowed: outcome.retryAllowed && !final,
    declinesInWindow,
    declineLimit: maxDeclinesPerCard,
    declinedOn: businessDayAt(context.clock(), rule).date,
    reference: row.reference,
  };
}
