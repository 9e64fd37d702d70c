/**
 * Manager PIN attempts, granted or not, each with the operator who asked and the manager who was
 * asked. Only ids, the verdict and the lockout count go in: never a PIN, never a hash of one.
 * manager-approval.ts writes the row in the same transaction as the PIN-failure count it reports.
 */
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import { managerApprovalVerdicts, type ManagerApprovalRow, type NewManagerApproval, type TimeWindow } from './records';
import { checkId, checkOneOf, checkTime } from './value-checks';

const approvalSelect = `
  SELECT id, action, subject, operator_id AS operatorId, manager_id AS managerId, verdict, failures,
    locked_until AS lockedUntilMs, created_at AS createdAtMs
  FROM manager_approvals`;

export const managerApprovalsSql = `${approvalSelect} WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`;

function checkApproval(input: NewManagerApproval): void {
  checkId('action', input.action, 64);
  if (input.subject !== undefined) checkId('subject', input.subject, 64);
  checkId('operatorId', input.operatorId, 64);
  checkId('managerId', input.managerId, 64);
  checkOneOf('verdict', input.verdict, managerApprovalVerdicts);
  if (!Number.isSafeInteger(input.failures) || input.failures < 0) throw new JournalError('INVALID_VALUE', `failures must be a non-negative integer, got ${String(input.failures)}`);
  if (input.lockedUntilMs !== null) checkTime('lockedUntilMs', input.lockedUntilMs);
  if ((input.verdict === 'locked-out') !== (input.lockedUntilMs !== null)) {
    throw new JournalError('INVALID_VALUE', 'lockedUntilMs must be set exactly when the verdict is locked-out');
  }
}

export function managerApprovalRecords(ctx: JournalContext) {
  return {
    /** Records one PIN attempt; inside `atomically` it commits (or not) with the PIN-failure count it reports. */
    recordManagerApproval(input: NewManagerApproval): ManagerApprovalRow {
      checkApproval(input);
      return ctx.write(`manager approval for ${input.action}`, () => {
        const { lastInsertRowid } = ctx.run(
          `INSERT INTO manager_approvals (action, subject, operator_id, manager_id, verdict, failures, locked_until, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          input.action, input.subject ?? null, input.operatorId, input.managerId, input.verdict, input.failures, input.lockedUntilMs, ctx.now(),
        );
        return ctx.one<ManagerApprovalRow>(`${approvalSelect} WHERE id = ?`, lastInsertRowid) as ManagerApprovalRow;
      });
    },

    /** Every manager PIN attempt made in `window`, oldest first: the audit the manager's screen and the day's close read. */
    managerApprovals(window: TimeWindow): ManagerApprovalRow[] {
      checkTime('fromMs', window.fromMs);
      checkTime('toMs', window.toMs);
      return ctx.all<ManagerApprovalRow>(managerApprovalsSql, window.fromMs, window.toMs);
    },
  };
}
