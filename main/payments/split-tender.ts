/**
 * Split tender with partial authorizations: a sale with partialAuthIndicator that comes back
 * PARTIAL_AUTHORIZED holds what the card had (not captured, as the guide says) and leaves a
 * session with the balance due. Further tenders (another card, or cash counted at the till)
 * bring the balance to zero, and then every card tender is captured. Cancelling reverses every
 * partial authorization; a session left unfinished past its window is cancelled by the sweep, so
 * no customer's funds stay held. Sessions live in the journal and survive a restart.
 */
import type { SaleResult, SplitSession } from '../../preload/channels/sales';
import { TerminalError } from '../errors';
import { runAttempt } from './attempt-runner';
import { assertWithinMaximum } from './amount-limit';
import { chargeCard, releaseHold, unpaidResult, type CardCharge, type UnpaidCharge } from './card-charge';
import { assertMayTryCard } from './decline-policy';
import { refusalOf, RefusedAfterSending } from './flow-error';
import { once } from './idempotent-call';
import type { SplitSessionRow, TenderRow } from './journal/records';
import { defaultSplitTenderWindowMs, newReference, type PaymentContext } from './payment-context';
import { exclusively } from './payment-runtime';
import { takePresentedCard, type PresentedCard } from './presented-card';
import { receiptOf } from './receipt';
import { assertAcceptingWork, startRecovery } from './recovery';

interface SessionCall {
  idempotencyKey: string;
  operatorId: string;
  sessionId: string;
}

export function splitSessionView(context: PaymentContext, session: SplitSessionRow): SplitSession {
  const tenders = context.journal.tenders(session.id);
  const cancelled = session.state === 'cancelling' || session.state === 'cancelled';
  return {
    sessionId: session.id,
    state: session.state,
    currency: session.currency,
    totalMinor: session.totalMinor,
    paidMinor: session.paidMinor,
    balanceDueMinor: session.balanceDueMinor,
    expiresAt: new Date(session.expiresAtMs).toISOString(),
    secondsLeft: session.state === 'open' ? Math.max(0, Math.ceil((session.expiresAtMs - context.clock().getTime()) / 1000)) : 0,
    tenders: tenders.map((tender) => {
      const attempt = tender.transactionId === null ? undefined : context.journal.attempt(tender.transactionId);
      return {
        kind: tender.kind,
        amountMinor: tender.amountMinor,
        state: tender.state,
        maskedPan: tender.maskedPan,
        brand: tender.cardBrand,
        approvalCode: attempt?.approvalCode ?? null,
        gatewayId: attempt?.gatewayId ?? null,
      };
    }),
    cashToReturnMinor: cancelled ? tenders.filter((tender) => tender.kind === 'cash').reduce((sum, tender) => sum + tender.amountMinor, 0) : 0,
  };
}

export function listSplitSessions(context: PaymentContext): SplitSession[] {
  return context.journal.openSplitSessions().map((session) => splitSessionView(context, session));
}

function existingSession(context: PaymentContext, sessionId: string): SplitSessionRow {
  const session = context.journal.splitSession(sessionId);
  if (!session) throw new TerminalError('NOT_FOUND', `no split-tender session ${sessionId}`, [{ field: 'sessionId', message: 'unknown session' }]);
  return session;
}

/** A session that may still take tenders: open and inside its window. */
function sessionTakingTenders(context: PaymentContext, sessionId: string): SplitSessionRow {
  const session = existingSession(context, sessionId);
  if (session.state !== 'open') throw new TerminalError('WRONG_STATE', `split-tender session ${sessionId} is ${session.state}: it takes no more tenders`);
  if (context.clock().getTime() >= session.expiresAtMs) {
    // The sweep reverses its partial authorizations; it runs after this call lets go of the session.
    void sweepSplitSessions(context);
    throw new TerminalError('WRONG_STATE', `split-tender session ${sessionId} ran past its window (${new Date(session.expiresAtMs).toISOString()}): its partial authorizations are being reversed`);
  }
  // Until every card charge on it has a known outcome, the balance due is not known: a charge that
  // turns out to have happened (settled, so it can no longer be undone) would pay it a second time.
  const inDoubt = context.journal.history({ sessionId }).find((attempt) => attempt.status === 'pending' || attempt.status === 'unknown');
  if (inDoubt) {
    void startRecovery(context);
    throw new TerminalError(
      'IN_DOUBT',
      `a card payment on split-tender session ${sessionId} has no known outcome yet (the gateway did not answer): the terminal is finding out whether the card was charged, and the session takes more tenders once it knows`,
    );
  }
  return session;
}

function assertWithinBalance(session: SplitSessionRow, amountMinor: number): void {
  if (amountMinor > session.balanceDueMinor) {
    throw new TerminalError('RULE_VIOLATION', `no tender may exceed the balance due: ${amountMinor} is more than the ${session.balanceDueMinor} still due on ${session.id}`, [
      { field: 'amountMinor', message: `must be at most the balance due (${session.balanceDueMinor})` },
    ]);
  }
}

/**
 * `sale.charge` with allowPartial: the sale is owned by a new session from the start (the journal
 * needs the owner before the request leaves), which a full approval completes at once and a
 * decline cancels at once; only a partial approval leaves it open with a balance due.
 */
export async function saleAllowingPartial(
  context: PaymentContext,
  request: { amountMinor: number; operatorId: string; card: PresentedCard },
  /** Asked when the sale got no usable answer: another way to take it (the offline rules), if any. */
  instead: (charge: UnpaidCharge) => Promise<SaleResult> | undefined = () => undefined,
): Promise<SaleResult> {
  const sessionId = newReference('SPLIT');
  const { currency } = context.settings();
  const windowMs = context.splitTenderWindowMs ?? defaultSplitTenderWindowMs;
  context.journal.openSplitSession({ id: sessionId, totalMinor: request.amountMinor, currency, expiresAtMs: context.clock().getTime() + windowMs, operatorId: request.operatorId });
  let charge: CardCharge;
  try {
    charge = await chargeCard(context, { owner: { sessionId }, reference: sessionId, kind: 'sale', amountMinor: request.amountMinor, card: request.card, operatorId: request.operatorId, partial: true });
  } catch (error) {
    // Refused or never sent: nothing is held, so no session may be left waiting for tenders.
    context.journal.beginSessionCancel(sessionId);
    throw error;
  }
  switch (charge.outcome) {
    case 'approved':
      return { outcome: 'approved', receipt: receiptOf(context, charge.row) };
    case 'partially-approved':
      return { outcome: 'partially-approved', approvedMinor: charge.row.approvedMinor ?? 0, session: splitSessionView(context, existingSession(context, sessionId)) };
    default: {
      // Nothing held: the session closes at once. In doubt: left open for recovery, and the sweep closes it when its window ends.
      if (charge.outcome !== 'in-doubt') context.journal.beginSessionCancel(sessionId);
      const taken = await instead(charge);
      // Answered by the offline rules instead (approved offline, or declined by them), the session is no longer how the customer pays: it takes no tenders, and recovery settles the charge in doubt against the offline sale.
      if (taken && charge.outcome === 'in-doubt' && existingSession(context, sessionId).state === 'open') context.journal.beginSessionCancel(sessionId);
      return taken ?? unpaidResult(charge);
    }
  }
}

/** Another card towards the balance; authorized only (partial allowed), captured with the rest when the balance reaches zero. */
export function addCardTender(context: PaymentContext, args: SessionCall & { amountMinor: number; cardHandle: string }) {
  return once(context, 'split.addCard', args, () =>
    exclusively(context, `session:${args.sessionId}`, async () => {
      const session = sessionTakingTenders(context, args.sessionId);
      assertWithinMaximum(context, 'amountMinor', args.amountMinor);
      assertWithinBalance(session, args.amountMinor);
      assertAcceptingWork(context);
      const card = await takePresentedCard(context, args.cardHandle);
      assertMayTryCard(context, card.summary.fingerprint, args.sessionId);
      // Later tenders are authorizations, so a cancel can reverse every one of them and nothing is captured before the total is covered.
      const charge = await chargeCard(context, {
        owner: { sessionId: session.id },
        reference: session.id,
        kind: 'authorize',
        amountMinor: args.amountMinor,
        card,
        operatorId: args.operatorId,
        partial: true,
      });
      const completion = await completeIfPaid(context, session.id, args.operatorId);
      return tenderResultOf(context, session.id, charge, completion);
    }),
  );
}

function tenderResultOf(context: PaymentContext, sessionId: string, charge: CardCharge, completionProblem: string | undefined) {
  const session = splitSessionView(context, existingSession(context, sessionId));
  const approvedMinor = charge.outcome === 'approved' || charge.outcome === 'partially-approved' ? (charge.row.approvedMinor ?? 0) : 0;
  const message = charge.outcome === 'not-charged' || charge.outcome === 'in-doubt' ? charge.message : completionProblem;
  return {
    outcome: charge.outcome,
    approvedMinor,
    session,
    ...(charge.outcome === 'declined' ? { decline: charge.decline } : {}),
    ...(message === undefined ? {} : { message }),
  };
}

/** Cash counted at the till: recorded locally, never more than the balance due. */
export function addCashTender(context: PaymentContext, args: SessionCall & { amountMinor: number }): Promise<SplitSession> {
  return once(context, 'split.addCash', args, () =>
    exclusively(context, `session:${args.sessionId}`, async () => {
      const session = sessionTakingTenders(context, args.sessionId);
      assertWithinMaximum(context, 'amountMinor', args.amountMinor);
      assertWithinBalance(session, args.amountMinor);
      // Completing captures cards: refuse before the cash is recorded rather than half-way.
      assertAcceptingWork(context);
      context.journal.recordCashTender({ sessionId: session.id, amountMinor: args.amountMinor, operatorId: args.operatorId });
      await completeIfPaid(context, session.id, args.operatorId);
      return splitSessionView(context, existingSession(context, session.id));
    }),
  );
}

/** Once nothing is due, captures the card tenders; a failure is reported, not thrown: the tender itself stands and split.complete tries again. */
async function completeIfPaid(context: PaymentContext, sessionId: string, operatorId: string): Promise<string | undefined> {
  const session = existingSession(context, sessionId);
  if (session.state !== 'open' || session.balanceDueMinor > 0) return undefined;
  try {
    await captureTenders(context, session, operatorId);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.logger.log('warn', 'split-tender capture incomplete', { sessionId, message });
    return message;
  }
}

/** Captures every authorized card tender of a fully paid session (again, after a failed attempt). */
export function completeSplitSession(context: PaymentContext, args: SessionCall): Promise<SplitSession> {
  return once(context, 'split.complete', args, () =>
    exclusively(context, `session:${args.sessionId}`, async () => {
      const session = existingSession(context, args.sessionId);
      if (session.state !== 'open') throw new TerminalError('WRONG_STATE', `split-tender session ${session.id} is ${session.state}: there is nothing to complete`);
      if (session.balanceDueMinor > 0) {
        throw new TerminalError('RULE_VIOLATION', `split-tender session ${session.id} still has ${session.balanceDueMinor} due: card tenders are captured only once the balance is zero`);
      }
      await captureTenders(context, session, args.operatorId);
      return splitSessionView(context, existingSession(context, session.id));
    }),
  );
}

function authorizedCardTenders(context: PaymentContext, sessionId: string): (TenderRow & { transactionId: string })[] {
  return context.journal.tenders(sessionId).filter((tender): tender is TenderRow & { transactionId: string } => tender.kind === 'card' && tender.state === 'authorized' && tender.transactionId !== null);
}

async function captureTenders(context: PaymentContext, session: SplitSessionRow, operatorId: string): Promise<void> {
  const problems: string[] = [];
  for (const tender of authorizedCardTenders(context, session.id)) {
    const authorization = context.journal.attempt(tender.transactionId);
    if (!authorization?.gatewayId) continue;
    const paymentId = authorization.gatewayId;
    const { outcome } = await runAttempt(
      context,
      { kind: 'capture', owner: { sessionId: session.id }, amountMinor: tender.amountMinor, currency: session.currency, parentTransactionId: tender.transactionId, operatorId },
      (transactionId) => ({ operation: 'capture', input: { paymentId, reference: { code: session.id, transactionId }, amount: tender.amountMinor, currency: session.currency } }),
    );
    if (outcome.kind === 'approved') continue;
    problems.push(`${tender.maskedPan ?? 'card'}: ${refusalOf('capture', outcome).message}`);
  }
  if (problems.length > 0) throw new RefusedAfterSending('GATEWAY_REFUSED', `not every card tender was captured (${problems.join('; ')}); split.complete tries again`);
}

/** Cancels at the operator's request: every partial authorization reversed, cash to hand back. */
export function cancelSplitSession(context: PaymentContext, args: SessionCall): Promise<SplitSession> {
  return once(context, 'split.cancel', args, () =>
    exclusively(context, `session:${args.sessionId}`, async () => {
      existingSession(context, args.sessionId);
      assertAcceptingWork(context);
      return cancelSession(context, args.sessionId, args.operatorId);
    }),
  );
}

async function cancelSession(context: PaymentContext, sessionId: string, operatorId: string): Promise<SplitSession> {
  const session = existingSession(context, sessionId);
  if (session.state === 'cancelled') return splitSessionView(context, session);
  if (session.state === 'completed') throw new TerminalError('WRONG_STATE', `split-tender session ${sessionId} is completed: a manager voids or refunds its captures`);
  const captured = context.journal.tenders(sessionId).find((tender) => tender.kind === 'card' && tender.state === 'captured');
  if (captured) throw new TerminalError('WRONG_STATE', `tender ${captured.maskedPan ?? ''} of session ${sessionId} is captured already: a manager voids it before the session can be cancelled`);
  context.journal.beginSessionCancel(sessionId);
  const problems: string[] = [];
  for (const tender of authorizedCardTenders(context, sessionId)) {
    const authorization = context.journal.attempt(tender.transactionId);
    if (!authorization) continue;
    // The tender holds exactly what the card authorized: the amount the gateway wants reversed.
    const release = await releaseHold(context, authorization, tender.amountMinor, operatorId);
    if (!release.released) problems.push(`${tender.maskedPan ?? 'card'}: ${release.message}`);
  }
  if (problems.length > 0) {
    throw new RefusedAfterSending('GATEWAY_REFUSED', `the session is cancelling but not every partial authorization was reversed (${problems.join('; ')}); the sweep tries again`);
  }
  return splitSessionView(context, existingSession(context, sessionId));
}

/**
 * Reverses the partial authorizations of every session past its window, and finishes cancels cut
 * short (by a crash or a gateway outage). The terminal runs it at start and on a timer; while
 * recovery has not finished it does nothing (and is run again by the next tick).
 */
export async function sweepSplitSessions(context: PaymentContext): Promise<SplitSession[]> {
  try {
    assertAcceptingWork(context);
  } catch {
    return [];
  }
  const due = new Map<string, SplitSessionRow>();
  for (const session of context.journal.expiredSplitSessions(context.clock().getTime())) due.set(session.id, session);
  for (const session of context.journal.openSplitSessions()) if (session.state === 'cancelling') due.set(session.id, session);
  const swept: SplitSession[] = [];
  for (const session of due.values()) {
    try {
      swept.push(await exclusively(context, `session:${session.id}`, () => cancelSession(context, session.id, session.operatorId)));
      context.logger.log('info', 'split-tender session past its window cancelled', { sessionId: session.id });
    } catch (error) {
      context.logger.log('warn', 'split-tender sweep could not cancel a session', { sessionId: session.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return swept;
}
