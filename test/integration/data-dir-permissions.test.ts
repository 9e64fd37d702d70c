/**
 * What the terminal writes is its owner's alone: the data folder 0700, the journal (and SQLite's
 * WAL and shared-memory files beside it) and the log 0600 — also when they were made before with
 * looser modes, and whatever the process umask lets through.
 */
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPrivateLog, preparePrivateDataDir } from '../../main/data-dir';
import { openJournal } from '../../main/payments/journal/journal';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const modeOf = (path: string) => statSync(path).mode & 0o777;
let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});

describe('the data folder, the journal and the log', () => {
  it('are created readable by their owner only', async () => {
    const dir = join(tempDir(), 'Counter');
    preparePrivateDataDir(dir);
    const log = openPrivateLog(dir);
    await new Promise<void>((resolve) => log.write('{}\n', () => resolve()));
    log.end();
    const journal = openJournal(join(dir, 'journal.sqlite'));
    journal.atomically(() => journal.openOrder({ id: 'SALE-perm', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' }));
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'counter.log'))).toBe(0o600);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dir, `journal.sqlite${suffix}`)), `journal.sqlite${suffix}`).toBe(0o600);
    journal.close();
  });

  it('are tightened when an earlier version left them readable by everyone', () => {
    const dir = join(tempDir(), 'Counter');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'counter.log'), '', { mode: 0o644 });
    writeFileSync(join(dir, 'journal.sqlite'), '', { mode: 0o644 });
    chmodSync(dir, 0o755);
    preparePrivateDataDir(dir);
    openPrivateLog(dir).end();
    openJournal(join(dir, 'journal.sqlite')).close();
    expect([modeOf(dir), modeOf(join(dir, 'counter.log')), modeOf(join(dir, 'journal.sqlite'))]).toEqual([0o700, 0o600, 0o600]);
  });
});
