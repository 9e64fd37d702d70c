/**
 * Recovery: every attempt whose outcome is not known (the terminal stopped mid-request, or the
 * gateway never answered) is resolved before new work is accepted. Authorizations, sales and
 * incremental authorizations are undone with a timeout reversal, captures/refunds/credits with a
 * timeout void (both find the original by its transactionId); a reversal or void is confirmed by
 * looking its target up. The report says what was done, for the operator.
 */
import type { RecoveryItem, RecoveryReport } from '../../preload/channels/sales';
import { TerminalError } from '../errors';
import type { GatewayOutcome, TransactionSummary } from '../gateway/outcomes';
import { byTransactionId } from '../gateway/search-query';
import { ownerOf, runAttempt, type AttemptOptions } from './attempt-runner';
import type { AttemptKind, AttemptRow } from './journal/records';
import type { PaymentContext } from './payment-context';
import { exclusively, runtimeOf } from './payment-runtime';

type Plan = 'timeout-reversal' | 'timeout-void' | 'lookup' | 'supersede' | 'nothing';

const plans: Record<AttemptKind, Plan> = {
  authorize: 'timeout-reversal',
  sale: 'timeout-reversal',
  incremental: 'timeout-reversal',
  mit: 'timeout-reversal',
  capture: 'timeout-void',
  'forced-capture': 'timeout-void',
  refund: 'timeout-void',
  credit: 'timeout-void',
  reversal: 'lookup',
  void: 'lookup',
  // An undo left unfinished is replaced by a fresh undo of its parent (which is still unresolved).
  'timeout-reversal': 'supersede',
  'timeout-void': 'supersede',
  // A zero-amount check holds nothing.
  verify: 'nothing',
};

const recoveryOperator = 'recovery';

export function recoveryReport(context: PaymentContext): RecoveryReport {
  return runtimeOf(context).recovery.report;
}

/** Attempts not known to have finished, except those this process has on the wire right now. */
function leftovers(context: PaymentContext): AttemptRow[] {
  const { inFlight } = runtimeOf(context);
  return context.journal.unresolvedAttempts().filter((row) => !inFlight.has(row.transactionId));
}

/**
 * Refuses new money-moving work until recovery has finished (starting it if nobody has). With
 * nothing left over from before, there is nothing to wait for.
 */
export function assertAcceptingWork(context: PaymentContext): void {
  const { recovery } = runtimeOf(context);
  if (recovery.gateOpen) return;
  if (recovery.report.state === 'idle' && leftovers(context).length === 0) {
    const now = context.clock().toISOString();
    recovery.report = { state: 'finished', startedAt: now, finishedAt: now, items: [] };
    recovery.gateOpen = true;
    return;
  }
  const message =
    recovery.report.state === 'incomplete'
      ? 'payments from before the restart could not all be resolved (the gateway did not answer); recovery is trying again — see recovery.report'
      : 'payments from before the restart are being resolved; new payments start once recovery has finished — see recovery.report';
  void startRecovery(context);
  throw new TerminalError('RECOVERY_PENDING', message);
}

/**
 * Whether a run would have something to do: attempts left unresolved (an in-doubt answer during
 * the day, a run that could not reach the gateway), except those the gateway already said it
 * cannot undo (they wait for a person, not for another try).
 */
export function recoveryNeeded(context: PaymentContext): boolean {
  const { report } = runtimeOf(context).recovery;
  const waitingForPerson = new Set(report.items.filter((item) => item.result === 'needs-attention').map((item) => item.transactionId));
  return leftovers(context).some((row) => !waitingForPerson.has(row.transactionId));
}

/** Runs recovery unless it is running already; resolves with its report and never rejects. */
export function startRecovery(context: PaymentContext): Promise<RecoveryReport> {
  const { recovery } = runtimeOf(context);
  recovery.running ??= recover(context)
    .catch((error: unknown) => {
      // The journal itself failed (closed, disk full): nothing was resolved, so work stays refused.
      context.logger.log('error', 'recovery run failed', { message: error instanceof Error ? error.message : String(error) });
      recovery.report = { ...recovery.report, state: 'incomplete', finishedAt: context.clock().toISOString() };
      return recovery.report;
    })
    .finally(() => {
      recovery.running = undefined;
    });
  return recovery.running;
}

async function recover(context: PaymentContext): Promise<RecoveryReport> {
  const { recovery } = runtimeOf(context);
  const startedAt = context.clock().toISOString();
  const rows = leftovers(context);
  // Earlier runs' results stay in the report, except for the attempts tried again now.
  const earlier = recovery.report.items.filter((item) => !rows.some((row) => row.transactionId === item.transactionId));
  recovery.report = { state: 'running', startedAt, items: earlier };
  const ordered = [...rows.filter((row) => plans[row.kind] === 'supersede'), ...rows.filter((row) => plans[row.kind] !== 'supersede')];
  const items: RecoveryItem[] = [];
  for (const row of ordered) {
    items.push(await resolveOrReport(context, row));
    recovery.report = { state: 'running', startedAt, items: [...earlier, ...items] };
  }
  const state = items.some((item) => item.result === 'unreachable') ? 'incomplete' : 'finished';
  recovery.report = { state, startedAt, finishedAt: context.clock().toISOString(), items: [...earlier, ...items] };
  // The start-up rule: new work waits for the first complete run; later runs clean up behind it.
  if (state === 'finished') recovery.gateOpen = true;
  context.logger.log(state === 'finished' ? 'info' : 'warn', 'recovery run', {
    state,
    resolved: items.filter((item) => item.result !== 'unreachable').length,
    unreachable: items.filter((item) => item.result === 'unreachable').length,
  });
  return recovery.report;
}

/** After recovery: nothing of the attempt stands at the gateway (undone, or it never happened). */
export function leftNothing(result: RecoveryItem['result']): boolean {
  return result === 'undone' || result === 'never-happened';
}

function itemOf(row: AttemptRow, action: RecoveryItem['action'], result: RecoveryItem['result'], message: string): RecoveryItem {
  return {
    transactionId: row.transactionId,
    kind: row.kind,
    orderId: row.reference,
    amountMinor: row.amountMinor,
    currency: row.currency,
    maskedPan: row.maskedPan,
    action,
    result,
    message,
  };
}

/** Resolves `row` like `resolveAttempt`, reporting a failure to do so as an item rather than throwing. */
export async function resolveOrReport(context: PaymentContext, row: AttemptRow): Promise<RecoveryItem> {
  try {
    return await resolveAttempt(context, row);
  } catch (error) {
    // No gateway to ask (not configured, unreachable): try again next run. Anything else is a refusal a person must look at.
    const message = error instanceof Error ? error.message : String(error);
    const retry = error instanceof TerminalError && (error.code === 'NOT_CONFIGURED' || error.code === 'DISCONNECTED');
    return itemOf(row, 'none', retry ? 'unreachable' : 'needs-attention', message);
  }
}

/**
 * Resolves one attempt with an unknown outcome, now: used by recovery at start and by the flows
 * right after a request got no usable answer. Safe to call twice: the second finds it settled.
 */
export function resolveAttempt(context: PaymentContext, row: AttemptRow): Promise<RecoveryItem> {
  return exclusively(context, `attempt:${row.transactionId}`, async () => {
    const current = context.journal.attempt(row.transactionId) ?? row;
    if (current.status !== 'pending' && current.status !== 'unknown') return itemOf(current, 'none', 'confirmed', `already ${current.status}`);
    const plan = plans[current.kind];
    switch (plan) {
      case 'supersede':
        context.journal.settleAttempt(current.transactionId, { status: 'resolved', message: 'an undo request cut short; superseded by a fresh undo of its original' });
        return itemOf(current, 'none', 'not-done', 'an undo request cut short; its original is undone afresh');
      case 'nothing':
        context.journal.settleAttempt(current.transactionId, { status: 'resolved', message: 'a zero-amount check holds nothing' });
        return itemOf(current, 'none', 'never-happened', 'a zero-amount check: nothing to undo');
      case 'lookup':
        return confirmByLookup(context, current);
      case 'timeout-reversal':
      case 'timeout-void':
        return undo(context, current, plan);
    }
  });
}

/** How an attempt of `kind` whose outcome is lost is undone by its transactionId; undefined when it is not undone that way. */
export function undoKindOf(kind: AttemptKind): UndoKind | undefined {
  const plan = plans[kind];
  return plan === 'timeout-reversal' || plan === 'timeout-void' ? plan : undefined;
}

type UndoKind = 'timeout-reversal' | 'timeout-void';

/**
 * Sends the timeout reversal or void of `row` through the runner and says what the answer means
 * for it. Recovery sends it for unknown outcomes; the close, with a manager's approval, for an
 * approval the gateway has and the journal lost.
 */
export async function sendTimeoutUndo(
  context: PaymentContext,
  row: AttemptRow,
  kind: UndoKind,
  by: { operatorId: string; managerId?: string },
  options: AttemptOptions = {},
): Promise<{ outcome: GatewayOutcome; verdict: { result: RecoveryItem['result']; message: string } }> {
  // The undo names the original's transactionId: that is how the gateway finds what to undo.
  const original = { code: row.reference, transactionId: row.transactionId };
  const { outcome } = await runAttempt(
    context,
    { kind, owner: ownerOf(row), amountMinor: row.amountMinor, currency: row.currency, parentTransactionId: row.transactionId, ...by },
    () =>
      kind === 'timeout-reversal'
        ? { operation: 'timeout-reversal', input: { reference: original, amount: row.amountMinor, currency: row.currency } }
        : { operation: 'timeout-void', input: { reference: original } },
    options,
  );
  return { outcome, verdict: undoVerdict(kind, outcome) };
}

async function undo(context: PaymentContext, row: AttemptRow, kind: UndoKind): Promise<RecoveryItem> {
  if (row.status === 'pending') context.journal.settleAttempt(row.transactionId, { status: 'unknown', message: 'no answer was stored before the terminal stopped' });
  const { outcome, verdict } = await sendTimeoutUndo(context, row, kind, { operatorId: recoveryOperator }, { forRecovery: true });
  if (outcome.kind === 'invalid-request' && settledRefusals.has(outcome.reason)) return confirmSettled(context, row);
  if (leftNothing(verdict.result)) {
    // An approved undo resolved the original in the journal already; the others say why it needs none.
    const now = context.journal.attempt(row.transactionId);
    if (now && (now.status === 'pending' || now.status === 'unknown')) context.journal.settleAttempt(row.transactionId, { status: 'resolved', message: verdict.message });
  }
  context.logger.log(verdict.result === 'unreachable' ? 'warn' : 'info', 'unknown attempt resolved', { transactionId: row.transactionId, kind: row.kind, by: kind, result: verdict.result });
  return itemOf(row, kind, verdict.result, verdict.message);
}

/** What the gateway's answer to a timeout reversal or void means for the original. */
function undoVerdict(kind: UndoKind, outcome: GatewayOutcome): { result: RecoveryItem['result']; message: string } {
  const undone = kind === 'timeout-reversal' ? 'reversed' : 'voided';
  switch (outcome.kind) {
    case 'approved':
      return { result: 'undone', message: `${undone} by a ${kind}: nothing stays charged or held` };
    case 'invalid-request': {
      const nothingThere = outcome.fields.some((field) => field.field === 'clientReferenceInformation.transactionId') || outcome.reason === 'MISSING_AUTH';
      if (nothingThere) return { result: 'never-happened', message: 'the gateway has no approved request with this transactionId: it never reached the gateway, or was declined' };
      const already = outcome.reason === 'AUTH_ALREADY_REVERSED' || /already (voided|reversed)|was reversed/i.test(outcome.message ?? '');
      if (already) return { result: 'undone', message: `already ${undone} at the gateway` };
      return { result: 'needs-attention', message: `the gateway would not undo it (${outcome.reason}${outcome.message ? `: ${outcome.message}` : ''}); check it in the Business Center` };
    }
    case 'declined':
      return { result: 'needs-attention', message: `the ${kind} was declined (${outcome.reason}); check it in the Business Center` };
    case 'authentication-failed':
    case 'unknown-outcome':
      return { result: 'unreachable', message: `no usable answer to the ${kind}: ${outcome.message}; tried again on the next recovery run` };
    case 'partially-approved':
      return { result: 'needs-attention', message: `the ${kind} came back partially approved; check it in the Business Center` };
  }
}

/**
 * The refusals of an undo that say the original happened: it has settled (the batch closed while
 * the gateway was out of reach) or was captured, or, for the second, it was reversed already.
 */
const settledRefusals = new Set(['TRANSACTION_ALREADY_SETTLED', 'TRANSACTION_ALREADY_REVERSED_OR_SETTLED']);

/** The services of a timeout reversal or void, as Transaction Search lists them. */
const undoApplications = new Set(['ics_auth_reversal', 'ics_void']);

/**
 * An undo refused because the original happened and can no longer be undone: it stands, unless the
 * gateway shows it undone already. Transaction Search by its transactionId (which finds the
 * original and any undo that named it) says which, and gives the original's gateway id, so the
 * journal holds it as the approved charge it is, the books count it, and an offline sale made for
 * it is paid by it instead of being forwarded.
 */
async function confirmSettled(context: PaymentContext, row: AttemptRow): Promise<RecoveryItem> {
  const client = await context.gateway();
  const search = await client.searchTransactions({ query: byTransactionId(row.transactionId), offset: 0, limit: 10, sort: 'submitTimeUtc:asc' });
  if (search.kind === 'unknown-outcome' || search.kind === 'authentication-failed') {
    return itemOf(row, 'lookup', 'unreachable', `the gateway will not undo the ${row.kind} (it has settled or been captured), and the search for it got no usable answer: ${search.message}; tried again on the next recovery run`);
  }
  // The query names the transactionId; a gateway that does not echo it back in the summaries still matched on it.
  const found = search.kind === 'found' ? search.transactions.filter((transaction) => (transaction.transactionId ?? row.transactionId) === row.transactionId) : [];
  const isUndo = (transaction: TransactionSummary) => transaction.applications.some((application) => undoApplications.has(application.name));
  const undoneBy = found.find((transaction) => isUndo(transaction) && transaction.applications.every((application) => application.rCode === '1'));
  if (undoneBy) {
    context.journal.settleAttempt(row.transactionId, { status: 'resolved', message: `undone at the gateway by ${undoneBy.id}` });
    return itemOf(row, 'lookup', 'undone', `the gateway shows it undone by ${undoneBy.id}: nothing stays charged or held`);
  }
  const original = found.find((transaction) => !isUndo(transaction));
  if (!original) return itemOf(row, 'lookup', 'needs-attention', `the gateway says the ${row.kind} has settled or been captured but no search finds it; check it in the Business Center`);
  context.journal.settleAttempt(row.transactionId, { status: 'approved', gatewayId: original.id, ...(original.amountMinor === null ? {} : { approvedMinor: original.amountMinor }) });
  context.logger.log('warn', 'unknown attempt found settled: it stands', { transactionId: row.transactionId, kind: row.kind, gatewayId: original.id });
  return itemOf(row, 'lookup', 'confirmed', `the gateway shows it settled or captured as ${original.id}: it happened and stands (refund it if it should not have)`);
}

/** A reversal or void with no stored answer: the state of what it acted on says whether it happened. */
async function confirmByLookup(context: PaymentContext, row: AttemptRow): Promise<RecoveryItem> {
  const target = row.parentTransactionId === null ? undefined : context.journal.attempt(row.parentTransactionId);
  if (!target?.gatewayId) {
    context.journal.settleAttempt(row.transactionId, { status: 'failed', message: 'nothing to look up: the attempt it acted on has no gateway id' });
    return itemOf(row, 'none', 'needs-attention', 'the attempt it acted on has no gateway id');
  }
  const client = await context.gateway();
  const lookup = await client.getTransaction({ id: target.gatewayId });
  if (lookup.kind === 'unknown-outcome' || lookup.kind === 'authentication-failed') {
    return itemOf(row, 'lookup', 'unreachable', `no usable answer to the lookup: ${lookup.message}; tried again on the next recovery run`);
  }
  if (lookup.kind !== 'found') {
    if (row.status === 'pending') context.journal.settleAttempt(row.transactionId, { status: 'unknown', message: 'no answer was stored before the terminal stopped' });
    return itemOf(row, 'lookup', 'needs-attention', `the gateway does not know ${target.gatewayId} (${lookup.reason})`);
  }
  const status = (lookup.status ?? '').toUpperCase();
  const expected = row.kind === 'reversal' ? 'REVERSED' : 'VOIDED';
  if (status === expected) {
    // The lookup is of the target, so its id is the one on record: the reversal's own id never came back.
    context.journal.settleAttempt(row.transactionId, { status: 'approved', gatewayId: target.gatewayId });
    return itemOf(row, 'lookup', 'confirmed', `the gateway shows ${target.gatewayId} ${status}: the ${row.kind} happened`);
  }
  context.journal.settleAttempt(row.transactionId, { status: 'failed', message: `the gateway shows its target ${status || 'unchanged'}: the ${row.kind} did not happen` });
  return itemOf(row, 'lookup', 'not-done', `the gateway shows ${target.gatewayId} ${status || 'unchanged'}: the ${row.kind} did not happen; do it again`);
}
