/**
 * The one send path for money: every request that can move money is described by a flow as a
 * `MoneyRequest` and sent here, where the attempt row is written before the request leaves, its
 * outcome in the same breath as the business object it changes, and a request that got no usable
 * answer is resolved at once (undone, or confirmed by a lookup). A crash between the two writes
 * leaves a pending attempt that recovery resolves on the next start.
 */
import type { RecoveryItem } from '../../preload/channels/sales';
import type { GatewayClient } from '../gateway/client';
import type {
  AuthorizeInput,
  CaptureInput,
  ChargeStoredCardInput,
  CreditInput,
  ForceCaptureInput,
  IncrementInput,
  RefundInput,
  ReversalInput,
  TimeoutReversalInput,
  TimeoutVoidInput,
  VerifyCardInput,
  VoidInput,
} from '../gateway/inputs';
import type { GatewayOutcome } from '../gateway/outcomes';
import { outcomeFromGateway } from './journal/gateway-outcome';
import type { AttemptOwner, AttemptRow, NewAttempt } from './journal/records';
import type { PaymentContext } from './payment-context';
import { runtimeOf } from './payment-runtime';
import { assertAcceptingWork, resolveOrReport } from './recovery';

/** A gateway request that can move money, as data: the runner alone turns it into a client call. */
export type MoneyRequest =
  | { operation: 'sale'; input: AuthorizeInput }
  | { operation: 'authorize'; input: AuthorizeInput }
  | { operation: 'authorize-and-store-card'; input: AuthorizeInput }
  | { operation: 'verify-card'; input: VerifyCardInput }
  | { operation: 'charge-stored-card'; input: ChargeStoredCardInput }
  | { operation: 'force-capture'; input: ForceCaptureInput }
  | { operation: 'increment'; input: IncrementInput }
  | { operation: 'capture'; input: CaptureInput }
  | { operation: 'reversal'; input: ReversalInput }
  | { operation: 'void'; input: VoidInput }
  | { operation: 'refund'; input: RefundInput }
  | { operation: 'credit'; input: CreditInput }
  | { operation: 'timeout-reversal'; input: TimeoutReversalInput }
  | { operation: 'timeout-void'; input: TimeoutVoidInput };

/** Builds the request once the attempt's transactionId exists (it goes in `clientReferenceInformation`). */
export type MoneyRequestBuilder = (transactionId: string) => MoneyRequest;

export interface AttemptResult {
  /** The attempt as it stands now: after resolving it, when its answer was lost. */
  row: AttemptRow;
  outcome: GatewayOutcome;
  /** Present when the request left and no usable answer came back: what resolving it did. */
  resolution?: RecoveryItem;
}

export interface AttemptOptions {
  /** Recovery's own undo requests: the only ones sent while new work is refused, and never resolved here (recovery supersedes them). */
  forRecovery?: boolean;
  /** Written in the same transaction as the pending row (e.g. naming the attempt on its offline queue row). */
  withPending?: (transactionId: string) => void;
  /** Written in the same transaction as the outcome (e.g. the offline queue row's final state). */
  withOutcome?: (row: AttemptRow, outcome: GatewayOutcome) => void;
}

/** The only place in `main/` that calls the gateway client's money methods. */
function send(client: GatewayClient, request: MoneyRequest): Promise<GatewayOutcome> {
  switch (request.operation) {
    case 'sale':
      return client.sale(request.input);
    case 'authorize':
      return client.authorize(request.input);
    case 'authorize-and-store-card':
      return client.authorizeAndStoreCard(request.input);
    case 'verify-card':
      return client.verifyCard(request.input);
    case 'charge-stored-card':
      return client.chargeStoredCard(request.input);
    case 'force-capture':
      return client.forceCapture(request.input);
    case 'increment':
      return client.incrementAuthorization(request.input);
    case 'capture':
      return client.capture(request.input);
    case 'reversal':
      return client.reverseAuthorization(request.input);
    case 'void':
      return client.voidTransaction(request.input);
    case 'refund':
      return client.refund(request.input);
    case 'credit':
      return client.credit(request.input);
    case 'timeout-reversal':
      return client.timeoutReversal(request.input);
    case 'timeout-void':
      return client.timeoutVoid(request.input);
  }
}

/**
 * Records `attempt` as pending, sends what `request` builds, and settles the attempt with the
 * outcome; a request that left without a usable answer is resolved before this returns. Input the
 * client refuses before sending (a typed INVALID_ARGUMENT), or a builder that throws, settles the
 * attempt as failed and is rethrown, so the caller reports the field and the journal never keeps a
 * phantom pending row. Until start-up recovery has finished every call is refused with
 * RECOVERY_PENDING, before anything is written. `withPending` runs in the same transaction as the
 * pending row (e.g. to name the attempt on an offline queue row).
 */
export async function runAttempt(
  context: PaymentContext,
  attempt: Omit<NewAttempt, 'transactionId'>,
  request: MoneyRequestBuilder,
  options: AttemptOptions = {},
): Promise<AttemptResult> {
  if (!options.forRecovery) assertAcceptingWork(context);
  const client = await context.gateway();
  const transactionId = context.newTransactionId();
  const { inFlight } = runtimeOf(context);
  const { journal } = context;
  // Marked before the row exists, so a recovery run in this process never undoes a request still on the wire.
  inFlight.add(transactionId);
  let row: AttemptRow;
  let outcome: GatewayOutcome;
  try {
    const { withPending, withOutcome } = options;
    together(
      context,
      () => journal.recordAttemptPending({ ...attempt, transactionId }),
      withPending && (() => withPending(transactionId)),
    );
    try {
      outcome = await send(client, request(transactionId));
    } catch (error) {
      journal.settleAttempt(transactionId, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const settled = outcome;
    row = together(
      context,
      () => journal.settleAttempt(transactionId, outcomeFromGateway(settled)),
      withOutcome && ((stored) => withOutcome(stored, settled)),
    );
    context.logger.log('info', 'gateway attempt settled', {
      kind: attempt.kind,
      transactionId,
      status: row.status,
      amountMinor: attempt.amountMinor,
      operatorId: attempt.operatorId,
    });
  } finally {
    inFlight.delete(transactionId);
  }
  if (row.status !== 'unknown' || options.forRecovery) return { row, outcome };
  const resolution = await resolveOrReport(context, row);
  return { row: journal.attempt(transactionId) ?? row, outcome, resolution };
}

/** `write`, and `also` with its result in the same transaction when there is one. */
function together<T>(context: PaymentContext, write: () => T, also: ((written: T) => void) | undefined): T {
  if (!also) return write();
  return context.journal.atomically(() => {
    const written = write();
    also(written);
    return written;
  });
}

/** The business object an attempt belongs to, for a follow-on request on it. */
export function ownerOf(row: AttemptRow): AttemptOwner {
  if (row.ownerKind === 'order') return { orderId: row.reference };
  if (row.ownerKind === 'tab') return { tabId: row.reference };
  return { sessionId: row.reference };
}
