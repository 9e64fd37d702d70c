/**
 * The payment flows' typed refusals: journal rule errors turned into the contract's error codes,
 * and refusals that come after a request was sent (stored with the idempotency key, so a repeat
 * gets the same refusal and sends nothing).
 */
import type { ErrorCode, FieldProblem } from '../../preload/contract';
import { TerminalError } from '../errors';
import type { GatewayOutcome } from '../gateway/outcomes';
import { JournalError, type JournalErrorCode } from './journal/journal-error';

/** A refusal decided by what the gateway answered: the request went out, so its key must not send again. */
export class RefusedAfterSending extends TerminalError {
  constructor(code: ErrorCode, message: string, fields?: FieldProblem[]) {
    super(code, message, fields);
    this.name = 'RefusedAfterSending';
  }
}

const journalCodes: Record<JournalErrorCode, ErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  WRONG_STATE: 'WRONG_STATE',
  DUPLICATE: 'WRONG_STATE',
  OVER_LIMIT: 'RULE_VIOLATION',
  INVALID_VALUE: 'INVALID_ARGUMENT',
  CARD_DATA: 'INTERNAL',
  IDEMPOTENCY_IN_DOUBT: 'IN_DOUBT',
  SCHEMA_TOO_NEW: 'INTERNAL',
};

/** Journal rule errors as typed errors naming the rule; anything else unchanged. */
export function asTerminalError(error: unknown): unknown {
  if (!(error instanceof JournalError)) return error;
  if (error.code === 'IDEMPOTENCY_IN_DOUBT') {
    return new TerminalError('IN_DOUBT', 'the first call with this idempotency key was cut short by a restart; recovery resolved its gateway attempt (see recovery.report). Start a new action with a new key');
  }
  return new TerminalError(journalCodes[error.code], error.message);
}

/** Why the gateway would not do it, for an answer that is neither an approval nor a decline. */
export function refusalOf(what: string, outcome: GatewayOutcome): RefusedAfterSending {
  switch (outcome.kind) {
    case 'invalid-request':
      return new RefusedAfterSending('GATEWAY_REFUSED', `the gateway refused the ${what}: ${outcome.reason}${outcome.message ? ` (${outcome.message})` : ''}`);
    case 'authentication-failed':
      return new RefusedAfterSending('NOT_CONFIGURED', `the gateway refused the terminal's credentials for the ${what}: ${outcome.message}`);
    case 'declined':
      return new RefusedAfterSending('DECLINED', `the ${what} was declined: ${outcome.reason}${outcome.message ? ` (${outcome.message})` : ''}`);
    case 'unknown-outcome':
      return new RefusedAfterSending('DISCONNECTED', `no usable answer from the gateway for the ${what}: ${outcome.message}`);
    default:
      return new RefusedAfterSending('GATEWAY_REFUSED', `the ${what} came back ${outcome.kind}`);
  }
}
