import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { NewManagerApproval } from '../../../main/payments/journal/records';
import { useJournals } from './journal-fixture';

const journals = useJournals();
const policy = { maxFailures: 5, lockoutMs: 5 * 60_000 };
const wrongPin: NewManagerApproval = { action: 'void', subject: 'T-capture-1', operatorId: 'desk-7', managerId: 'mgr-ana', verdict: 'wrong-pin', failures: 1, lockedUntilMs: null };

describe('manager approvals', () => {
  it('records every verdict with operator and manager, and lists a window oldest first', () => {
    const { journal, clock } = journals.open();
    const t0 = clock().getTime();
    const first = journal.recordManagerApproval(wrongPin);
    expect(first).toEqual({ id: expect.any(Number), ...wrongPin, createdAtMs: t0 });
    clock.advance(1000);
    journal.recordManagerApproval({ ...wrongPin, managerId: 'mgr-ghost', verdict: 'unknown-manager' });
    clock.advance(1000);
    journal.recordManagerApproval({ ...wrongPin, verdict: 'locked-out', failures: 5, lockedUntilMs: t0 + 2000 + policy.lockoutMs });
    clock.advance(1000);
    const { subject: _subject, ...withoutSubject } = wrongPin;
    journal.recordManagerApproval({ ...withoutSubject, action: 'voice-authorization', verdict: 'granted', failures: 0 });

    const all = journal.managerApprovals({ fromMs: t0, toMs: t0 + 4000 });
    expect(all.map((row) => [row.action, row.subject, row.operatorId, row.managerId, row.verdict, row.failures, row.createdAtMs - t0])).toEqual([
      ['void', 'T-capture-1', 'desk-7', 'mgr-ana', 'wrong-pin', 1, 0],
      ['void', 'T-capture-1', 'desk-7', 'mgr-ghost', 'unknown-manager', 1, 1000],
      ['void', 'T-capture-1', 'desk-7', 'mgr-ana', 'locked-out', 5, 2000],
      ['voice-authorization', null, 'desk-7', 'mgr-ana', 'granted', 0, 3000],
    ]);
    expect(all[2]?.lockedUntilMs).toBe(t0 + 2000 + policy.lockoutMs);
    // Half-open: the window [t0 + 1000, t0 + 3000) holds the middle two.
    expect(journal.managerApprovals({ fromMs: t0 + 1000, toMs: t0 + 3000 }).map((row) => row.verdict)).toEqual(['unknown-manager', 'locked-out']);
  });

  it('refuses values of the wrong shape and writes nothing', () => {
    const { journal, clock } = journals.open();
    const bad: Partial<NewManagerApproval>[] = [
      { operatorId: '' },
      { managerId: 'has spaces' },
      { action: 'x'.repeat(65) },
      { subject: '' },
      { verdict: 'maybe' as never },
      { failures: -1 },
      { failures: 1.5 },
      { verdict: 'locked-out', lockedUntilMs: null },
      { verdict: 'wrong-pin', lockedUntilMs: clock().getTime() },
    ];
    for (const change of bad) {
      expect(() => journal.recordManagerApproval({ ...wrongPin, ...change })).toThrow(expect.objectContaining({ name: 'JournalError', code: 'INVALID_VALUE' }));
    }
    expect(journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(() => journal.managerApprovals({ fromMs: -1, toMs: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });

  it('commits with the PIN-failure count inside one transaction, or not at all', () => {
    const { journal } = journals.open();
    expect(() =>
      journal.atomically(() => {
        const after = journal.recordPinFailure('manager/mgr-ana', policy);
        journal.recordManagerApproval({ ...wrongPin, failures: after.failures });
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(journal.pinGuardState('manager/mgr-ana')).toEqual({ failures: 0, lockedUntilMs: null });
    expect(journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it('has no column a PIN or a hash could be kept in', () => {
    const { journal, file } = journals.open();
    journal.close();
    const db = new Database(file, { readonly: true });
    try {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('manager_approvals') ORDER BY cid`).pluck().all() as string[]);
      expect(columns).toEqual(['id', 'action', 'subject', 'operator_id', 'manager_id', 'verdict', 'failures', 'locked_until', 'created_at']);
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'manager_approvals'`).pluck().get()).toMatch(/\) STRICT$/);
    } finally {
      db.close();
    }
  });
});
