/**
 * One gateway request, journaled: the attempt row is written before the request leaves, and its
 * outcome in the same breath as the business object it changes. A crash between the two leaves a
 * pending attempt that recovery resolves on the next start.
 */
import type { GatewayClient } from '../gateway/client';
import type { GatewayOutcome } from '../gateway/outcomes';
import { outcomeFromGateway } from './journal/gateway-outcome';
import type { AttemptOwner, AttemptRow, NewAttempt } from './journal/records';
import type { PaymentContext } from './payment-context';
import { runtimeOf } from './payment-runtime';
import { assertAcceptingWork } from './recovery';

export interface AttemptResult {
  row: AttemptRow;
  outcome: GatewayOutcome;
}

export interface AttemptOptions {
  /** Recovery's own undo requests, the only ones sent while new work is refused. */
  forRecovery?: boolean;
}

/**
 * Records `attempt` as pending, sends it with `send`, and settles it with the outcome. Input the
 * client refuses before sending (a typed INVALID_ARGUMENT) settles the attempt as failed and is
 * rethrown, so the caller reports the field and the journal never keeps a phantom pending row.
 * Until start-up recovery has finished every call is refused with RECOVERY_PENDING, before
 * anything is written.
 */
export async function runAttempt(
  context: PaymentContext,
  attempt: Omit<NewAttempt, 'transactionId'>,
  send: (client: GatewayClient, transactionId: string) => Promise<GatewayOutcome>,
  options: AttemptOptions = {},
): Promise<AttemptResult> {
  if (!options.forRecovery) assertAcceptingWork(context);
  const client = await context.gateway();
  const transactionId = context.newTransactionId();
  const { inFlight } = runtimeOf(context);
  // Marked before the row exists, so a recovery run in this process never undoes a request still on the wire.
  inFlight.add(transactionId);
  try {
    context.journal.recordAttemptPending({ ...attempt, transactionId });
    let outcome: GatewayOutcome;
    try {
      outcome = await send(client, transactionId);
    } catch (error) {
      context.journal.settleAttempt(transactionId, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const row = context.journal.settleAttempt(transactionId, outcomeFromGateway(outcome));
    context.logger.log('info', 'gateway attempt settled', {
      kind: attempt.kind,
      transactionId,
      status: row.status,
      amountMinor: attempt.amountMinor,
      operatorId: attempt.operatorId,
    });
    return { row, outcome };
  } finally {
    inFlight.delete(transactionId);
  }
}

/** The business object an attempt belongs to, for a follow-on request on it. */
export function ownerOf(row: AttemptRow): AttemptOwner {
  if (row.ownerKind === 'order') return { orderId: row.reference };
  if (row.ownerKind === 'tab') return { tabId: row.reference };
  return { sessionId: row.reference };
}
