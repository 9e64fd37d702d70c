/**
 * A manager's approval of exactly one action: the PIN is checked for this call and nothing stays
 * unlocked afterwards. Five wrong PINs in a row lock that manager out for five minutes (the count
 * lives in the journal, so a restart does not reset it). Every attempt, granted or not, is
 * journaled with the operator who asked and the manager who was asked (`manager_approvals`).
 */
import type { Logger } from '../log';
import { refusal } from './hotel-errors';
import type { Journal } from './journal/journal';
import type { ManagerApprovalVerdict, PinGuardState, PinLockPolicy } from './journal/records';
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

export type ApprovalVerdict = ManagerApprovalVerdict;

/** One PIN attempt as recorded: the request without its PIN, and the answer. */
export interface ApprovalRecord extends Omit<ApprovalRequest, 'approval'> {
  managerId: string;
  verdict: ApprovalVerdict;
  failures: number;
  lockedUntilMs: number | null;
}

/**
 * Told of every approval attempt once the journal has it (the journal's `manager_approvals` is the
 * record; this is the terminal's log, so a run of wrong PINs shows up where support looks first).
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

/**
 * Checks the PIN for this one action and returns the approving manager's id, or refuses. Every
 * attempt is journaled in the same transaction as the PIN-failure count it changes (or, for a
 * granted one, clears), so the record and the lockout never disagree, even after a crash.
 */
export async function approveAction(deps: ApprovalDeps, request: ApprovalRequest): Promise<string> {
  const { managerId, pin } = request.approval;
  const { approval: _pin, ...about } = request;
  const scope = pinScope(managerId);
  const { journal } = deps;
  const attempt = (verdict: ApprovalVerdict, guard: PinGuardState): ApprovalRecord => ({ ...about, managerId, verdict, failures: guard.failures, lockedUntilMs: guard.lockedUntilMs });
  /** Decides and journals the attempt in one transaction with the PIN-failure count it reads or changes; the log hears of it after the commit. */
  const settle = <R extends ApprovalRecord | null>(decide: () => R): R => {
    const record = journal.atomically(() => {
      const decided = decide();
      if (decided) journal.recordManagerApproval(decided);
      return decided;
    });
    if (record) deps.record(record);
    return record;
  };

  const locked = settle(() => {
    const guard = journal.pinGuardState(scope);
    return guard.lockedUntilMs === null ? null : attempt('locked-out', guard);
  });
  if (locked?.lockedUntilMs != null) throw lockedOut(managerId, locked.lockedUntilMs);

  if (!(await deps.directory.verify(managerId, pin))) {
    // Only for the record: the operator is told the same either way, so a guessed id teaches nothing.
    const known = await deps.directory.has(managerId).catch(() => true);
    const failed = settle(() => {
      const after = journal.recordPinFailure(scope, pinLockPolicy);
      return attempt(after.lockedUntilMs !== null ? 'locked-out' : known ? 'wrong-pin' : 'unknown-manager', after);
    });
    if (failed.lockedUntilMs !== null) throw lockedOut(managerId, failed.lockedUntilMs);
    const left = pinLockPolicy.maxFailures - failed.failures;
    throw refusal('PIN_REJECTED', 'approval.pin', `wrong PIN or unknown manager ${managerId}; ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout`);
  }

  const granted = settle(() => {
    // Wrong PINs typed elsewhere while this one was being hashed may have locked the manager out since.
    const now = journal.pinGuardState(scope);
    if (now.lockedUntilMs !== null) return attempt('locked-out', now);
    journal.clearPinFailures(scope);
    return attempt('granted', { failures: 0, lockedUntilMs: null });
  });
  if (granted.lockedUntilMs !== null) throw lockedOut(managerId, granted.lockedUntilMs);
  return managerId;
}

function lockedOut(managerId: string, untilMs: number): Error {
  return refusal('LOCKED_OUT', 'approval.managerId', `manager ${managerId} is locked out after ${pinLockPolicy.maxFailures} wrong PINs until ${new Date(untilMs).toISOString()}`);
}

/** The terminal's one gate: bound to its journal, its managers and its log. */
export function managerGate(journal: Journal, directory: ManagerDirectory, logger: Logger): ManagerGate {
  const record = loggedApprovals(logger);
  return (request) => approveAction({ journal, directory, record }, request);
}
