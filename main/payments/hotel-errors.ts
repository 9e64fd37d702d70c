/**
 * The typed refusals of the front-desk and manager flows, each naming its rule first
 * (`LOCKED_OUT: …`) and the field it is about. Journal rule errors go through flow-error.ts.
 *
 * Each rule maps to one contract error code, in one table.
 */
import type { ErrorCode } from '../../preload/contract';
import { TerminalError } from '../errors';
import { RefusedAfterSending } from './flow-error';

export type RefusalRule = 'NOT_FOUND' | 'WRONG_STATE' | 'OVER_LIMIT' | 'PIN_REJECTED' | 'LOCKED_OUT' | 'SETTLED';

const codeOf: Record<RefusalRule, ErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  WRONG_STATE: 'WRONG_STATE',
  OVER_LIMIT: 'RULE_VIOLATION',
  PIN_REJECTED: 'FORBIDDEN',
  LOCKED_OUT: 'LOCKED_OUT',
  SETTLED: 'SETTLED',
};

export function refusal(rule: RefusalRule, field: string, message: string): TerminalError {
  return new TerminalError(codeOf[rule], `${rule}: ${message}`, [{ field, message: `${rule}: ${message}` }]);
}

/** The same, for a rule the gateway enforced on a request already sent: kept with the idempotency key. */
export function refusalAfterSending(rule: RefusalRule, field: string, message: string): RefusedAfterSending {
  return new RefusedAfterSending(codeOf[rule], `${rule}: ${message}`, [{ field, message: `${rule}: ${message}` }]);
}
