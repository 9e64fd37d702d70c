/**
 * What a settled attempt changes above it: the order's, tab's or split-tender session's state
 * and amounts, and the void and refund links. Runs inside `settleAttempt`'s transaction, so the
 * attempt's status and its consequences are stored together or not at all.
 */
import type { JournalContext } from './journal-context';
import type { AttemptOutcome } from './records';
import { refreshSessionState } from './split-sessions';
import { isSettledOk, isUnresolved, primaryKinds, storedAttemptById, type StoredAttempt } from './stored-attempt';

export function applySettlement(ctx: JournalContext, attempt: StoredAttempt, outcome: AttemptOutcome, approvedMinor: number | null): void {
  const parent = attempt.parent_id === null ? undefined : storedAttemptById(ctx, attempt.parent_id);
  const now = ctx.now();
  if (isSettledOk(outcome.status) && approvedMinor !== null) {
    if ((attempt.kind === 'timeout-reversal' || attempt.kind === 'timeout-void') && parent) {
      resolveParent(ctx, attempt, parent);
      return;
    }
    if (attempt.kind === 'void' && parent) ctx.run(`INSERT INTO voids (void_attempt_id, voided_attempt_id, created_at) VALUES (?, ?, ?)`, attempt.id, parent.id, now);
    if (attempt.kind === 'refund' && parent && approvedMinor > 0) {
      ctx.run(`INSERT INTO refunds (refund_attempt_id, refunded_attempt_id, amount_minor, created_at) VALUES (?, ?, ?, ?)`, attempt.id, parent.id, approvedMinor, now);
    }
  }
  if (attempt.order_id !== null) orderEffect(ctx, attempt, outcome, approvedMinor ?? 0, parent);
  else if (attempt.tab_id !== null) tabEffect(ctx, attempt, outcome, approvedMinor ?? 0, parent);
  else if (attempt.session_id !== null) sessionEffect(ctx, attempt, outcome, approvedMinor ?? 0, parent);
}

/** An approved timeout reversal or void settles the attempt it undid as `resolved`, with that attempt's own consequences. */
function resolveParent(ctx: JournalContext, undo: StoredAttempt, parent: StoredAttempt): void {
  if (!isUnresolved(parent.status)) return;
  const outcome: AttemptOutcome = { status: 'resolved', message: `undone by ${undo.kind} ${undo.transaction_id}` };
  ctx.run(`UPDATE attempts SET status = 'resolved', message = ?, updated_at = ? WHERE id = ?`, outcome.message, ctx.now(), parent.id);
  applySettlement(ctx, parent, outcome, null);
}

function orderEffect(ctx: JournalContext, attempt: StoredAttempt, outcome: AttemptOutcome, approved: number, parent: StoredAttempt | undefined): void {
  const update = (assignments: string, ...params: (string | number)[]) =>
    ctx.run(`UPDATE orders SET ${assignments}, updated_at = ? WHERE id = ?`, ...params, ctx.now(), attempt.order_id);
  if (isSettledOk(outcome.status)) {
    const partial = outcome.status === 'partially-approved';
    switch (attempt.kind) {
      case 'sale':
      case 'forced-capture':
      case 'credit':
        // A partial approval is not captured (the guide): the flow finishes it as split tender.
        if (partial) update(`state = 'authorized', authorized_minor = ?`, approved);
        else update(`state = 'paid', authorized_minor = ?, captured_minor = ?`, approved, approved);
        return;
      case 'authorize':
        update(`state = 'authorized', authorized_minor = ?`, approved);
        return;
      case 'incremental':
        update(`authorized_minor = authorized_minor + ?`, approved);
        return;
      case 'capture':
        update(`state = 'paid', captured_minor = captured_minor + ?`, approved);
        return;
      case 'reversal':
        update(`state = 'released'`);
        return;
      case 'void':
        if (parent?.kind === 'refund') {
          update(`refunded_minor = refunded_minor - ?, state = CASE state WHEN 'refunded' THEN 'paid' ELSE state END`, parent.approved_minor ?? 0);
        } else if (parent?.kind === 'capture') {
          // The authorization under it still holds the money: the pre-auth is authorized again, to
          // capture anew or release with a reversal of everything authorized.
          const voided = parent.approved_minor ?? 0;
          update(
            `captured_minor = captured_minor - ?, state = CASE WHEN state = 'paid' AND captured_minor - ? <= 0 THEN 'authorized' ELSE state END`,
            voided, voided,
          );
        } else update(`state = 'voided'`);
        return;
      case 'refund':
        update(`refunded_minor = refunded_minor + ?, state = CASE WHEN refunded_minor + ? >= captured_minor THEN 'refunded' ELSE state END`, approved, approved);
        return;
      default:
        return;
    }
  }
  if (!primaryKinds.has(attempt.kind) || attempt.kind === 'verify') return;
  const state = outcome.status === 'declined' ? 'declined' : outcome.status === 'resolved' ? 'cancelled' : outcome.status === 'unknown' ? undefined : 'failed';
  if (state) ctx.run(`UPDATE orders SET state = ?, updated_at = ? WHERE id = ? AND state = 'open'`, state, ctx.now(), attempt.order_id);
}

function tabEffect(ctx: JournalContext, attempt: StoredAttempt, outcome: AttemptOutcome, approved: number, parent: StoredAttempt | undefined): void {
  const now = ctx.now();
  const update = (assignments: string, ...params: (string | number | null)[]) =>
    ctx.run(`UPDATE tabs SET ${assignments}, updated_at = ? WHERE id = ?`, ...params, now, attempt.tab_id);
  if (isSettledOk(outcome.status)) {
    switch (attempt.kind) {
      case 'authorize': {
        // The opening hold, or a second card's after a declined incremental: either way the tab is open again.
        const instrument = outcome.status === 'approved' ? (outcome.instrumentIdentifierId ?? null) : null;
        const gatewayId = outcome.status === 'approved' || outcome.status === 'partially-approved' ? outcome.gatewayId : null;
        update(
          `held_minor = held_minor + ?, authorization_gateway_id = coalesce(authorization_gateway_id, ?),
           instrument_identifier_id = coalesce(?, instrument_identifier_id), state = 'open', flag_reason = NULL`,
          approved, gatewayId, instrument,
        );
        return;
      }
      case 'incremental':
        update(`held_minor = held_minor + ?, state = 'open', flag_reason = NULL`, approved);
        return;
      case 'capture':
        update(`captured_minor = captured_minor + ?, state = 'checked-out', closed_at = ?`, approved, now);
        return;
      case 'reversal':
        update(
          `held_minor = max(0, held_minor - ?),
           state = CASE WHEN held_minor - ? <= 0 AND state IN ('opening', 'open', 'flagged') THEN 'cancelled' ELSE state END,
           closed_at = CASE WHEN held_minor - ? <= 0 THEN coalesce(closed_at, ?) ELSE closed_at END`,
          approved, approved, approved, now,
        );
        return;
      case 'mit':
        update(`late_charged_minor = late_charged_minor + ?`, approved);
        return;
      case 'void':
        if (parent?.kind === 'capture') update(`captured_minor = max(0, captured_minor - ?), state = 'open', closed_at = NULL`, parent.approved_minor ?? 0);
        else if (parent?.kind === 'mit') update(`late_charged_minor = max(0, late_charged_minor - ?)`, parent.approved_minor ?? 0);
        return;
      default:
        return;
    }
  }
  if (outcome.status === 'unknown') return;
  if (attempt.kind === 'authorize') {
    update(`state = CASE state WHEN 'opening' THEN ? ELSE state END, closed_at = CASE state WHEN 'opening' THEN ? ELSE closed_at END`,
      outcome.status === 'resolved' ? 'cancelled' : 'declined', now);
  } else if (attempt.kind === 'incremental') {
    const why = outcome.status === 'declined' ? `incremental authorization declined: ${outcome.reason}` : `incremental authorization ${outcome.status}`;
    update(`state = CASE WHEN state IN ('open', 'flagged') THEN 'flagged' ELSE state END, flag_reason = ?`, why);
  }
}

function sessionEffect(ctx: JournalContext, attempt: StoredAttempt, outcome: AttemptOutcome, approved: number, parent: StoredAttempt | undefined): void {
  if (!isSettledOk(outcome.status)) return;
  const now = ctx.now();
  const sessionId = attempt.session_id as string;
  if ((attempt.kind === 'authorize' || attempt.kind === 'sale') && approved > 0) {
    // A fully approved sale is captured already; a partial approval is captured when the balance reaches zero.
    const state = attempt.kind === 'sale' && outcome.status === 'approved' ? 'captured' : 'authorized';
    ctx.run(
      `INSERT INTO tenders (session_id, kind, attempt_id, amount_minor, state, operator_id, created_at, updated_at)
       SELECT ?, 'card', id, ?, ?, operator_id, ?, ? FROM attempts WHERE id = ?`,
      sessionId, approved, state, now, now, attempt.id,
    );
    ctx.run(`UPDATE split_sessions SET paid_minor = paid_minor + ?, updated_at = ? WHERE id = ?`, approved, now, sessionId);
  } else if (attempt.kind === 'capture' && parent) {
    ctx.run(`UPDATE tenders SET state = 'captured', updated_at = ? WHERE attempt_id = ? AND state = 'authorized'`, now, parent.id);
  } else if ((attempt.kind === 'reversal' || attempt.kind === 'void') && parent) {
    const tender = ctx.one<{ amount_minor: number }>(`SELECT amount_minor FROM tenders WHERE attempt_id = ? AND state IN ('authorized', 'captured')`, parent.id);
    if (tender) {
      ctx.run(`UPDATE tenders SET state = 'reversed', updated_at = ? WHERE attempt_id = ?`, now, parent.id);
      ctx.run(`UPDATE split_sessions SET paid_minor = paid_minor - ?, updated_at = ? WHERE id = ?`, tender.amount_minor, now, sessionId);
    }
  }
  refreshSessionState(ctx, sessionId);
}
