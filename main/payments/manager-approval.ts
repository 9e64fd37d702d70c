/**
 * A manager's approval of exactly one action: the PIN is checked for this call and nothing stays
 * unlocked afterwards. Five wrong PINs in a row lock that manager out for five minutes (the count
 * lives in the journal, so a restart does not reset it). Every attempt, granted or not, is
 * recorded with the operator who asked and the manager who was asked.
 */
import type { Logger } from '../log';
import { refusal } from './hotel-errors';
import type { Journal } from './journal/journal';
import type { PinLockPolicy } from './journal/records';
import type { ManagerDirectory } from './manager-directory';

export const pinLockPolicy: PinLockPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000 };

export interface ManagerApproval {
  managerId: string;
  pin: string;
}

export interface ApprovalRequest {
  approval: ManagerApproval;
  operatorId: string;
  /** What is being approved, e.g. `void`, `refund`, `late-charge`: for the record. */
  action: string;
  /** The transaction or tab it is for. */
  subject?: string;
}

export type ApprovalVerdict = 'granted' | 'wrong-pin' | 'locked-out';

export interface ApprovalRecord extends Omit<ApprovalRequest, 'approval'> {
  managerId: string;
  verdict: ApprovalVerdict;
  failures: number;
  lockedUntilMs: number | null;
}

/**
 * Where approval attempts are recorded. The journal has no table for them yet (see the report):
 * until it does, they go to the terminal's log as structured lines.
 */
export type ApprovalLog = (record: ApprovalRecord) => void;

export function loggedApprovals(logger: Logger): ApprovalLog {
  return (record) => logger.log(record.verdict === 'granted' ? 'info' : 'warn', 'manager approval attempt', { ...record });
}

export interface ApprovalDeps {
  journal: Journal;
  directory: ManagerDirectory;
  record: ApprovalLog;
}

/** Approves one action or throws; the flows get it already bound to the journal and the directory. */
export type ManagerGate = (request: ApprovalRequest) => Promise<string>;

export const pinScope = (managerId: string): string => `manager/${managerId}`;

/** Checks the PIN for this one action and returns the approving manager's id, or refuses. */
export async function approveAction(deps: ApprovalDeps, request: ApprovalRequest): Promise<string> {
  const { managerId, pin } = request.approval;
  const { approval: _pin, ...about } = request;
  const scope = pinScope(managerId);
  const before = deps.journal.pinGuardState(scope);
  if (before.lockedUntilMs !== null) {
    deps.record({ ...about, managerId, verdict: 'locked-out', failures: before.failures, lockedUntilMs: before.lockedUntilMs });
    throw lockedOut(managerId, before.lockedUntilMs);
  }
  if (!(await deps.directory.verify(managerId, pin))) {
    const after = deps.journal.recordPinFailure(scope, pinLockPolicy);
    deps.record({ ...about, managerId, verdict: after.lockedUntilMs === null ? 'wrong-pin' : 'locked-out', failures: after.failures, lockedUntilMs: after.lockedUntilMs });
    if (after.lockedUntilMs !== null) throw lockedOut(managerId, after.lockedUntilMs);
    const left = pinLockPolicy.maxFailures - after.failures;
    throw refusal('PIN_REJECTED', 'approval.pin', `wrong PIN or unknown manager ${managerId}; ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout`);
  }
  deps.journal.clearPinFailures(scope);
  deps.record({ ...about, managerId, verdict: 'granted', failures: 0, lockedUntilMs: null });
  return managerId;
}

function lockedOut(managerId: string, untilMs: number): Error {
  return refusal('LOCKED_OUT', 'approval.managerId', `manager ${managerId} is locked out after ${pinLockPolicy.maxFailures} wrong PINs until ${new Date(untilMs).toISOString()}`);
}
