import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { killAfterSignal } from '../../support/kill-child';
import { useJournals } from './journal-fixture';

const journals = useJournals();
const child = fileURLToPath(new URL('./till-crash-child.ts', import.meta.url));

function killAfter(file: string, mode: 'mid-close' | 'closing', signal: string, graceMs = 0): Promise<NodeJS.Signals | null> {
  return killAfterSignal(child, [file, mode], signal, graceMs);
}

describe('a crash during the close of a till session', () => {
  it('neither burns nor repeats a Z number: the session stays open and the next close takes the number it was taking', async () => {
    const file = `${journals.folder()}/journal.sqlite`;
    expect(await killAfter(file, 'mid-close', 'closing 3')).toBe('SIGKILL');

    const { journal } = journals.open(file);
    expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
    expect(journal.zReports().map((row) => row.number)).toEqual([2, 1]);
    expect(journal.openTillSession()).toMatchObject({ id: 3, state: 'open' });
    expect(journal.tillSessionAttempts(3).map((row) => row.transactionId)).toEqual(['T-3']);
    const z = journal.closeTill({ sessionId: 3, operatorId: 'op-1', managerId: 'mgr-1', countedMinor: 0, lastAttemptId: Number.MAX_SAFE_INTEGER, report: (number) => ({ number }) });
    expect(z).toMatchObject({ number: 3, tillSessionId: 3 });
  });

  it('leaves numbers 1…n without a gap, one per closed session, when killed at any moment of a stream of closes', async () => {
    const file = `${journals.folder()}/journal.sqlite`;
    expect(await killAfter(file, 'closing', 'closing', 100)).toBe('SIGKILL');

    const { journal } = journals.open(file);
    expect(journal.checkIntegrity()).toEqual({ ok: true, problems: [] });
    const numbers = journal.zReports().map((row) => row.number).reverse();
    expect(numbers.length).toBeGreaterThanOrEqual(20);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    for (const row of journal.zReports()) {
      expect(row.tillSessionId).toBe(row.number);
      expect(journal.tillSession(row.tillSessionId)?.state).toBe('closed');
      expect(JSON.parse(row.reportJson)).toEqual({ number: row.number });
    }
    // Every sale is in exactly one session; whatever the last close did not commit is still open.
    const open = journal.openTillSession();
    if (open) expect(open.id).toBe(numbers.length + 1);
  });
});
