import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approval, checkedOutStay, manualClock, managerPin, useFrontDesk } from './front-desk-fixture';

const frontDesk = useFrontDesk();

describe('manager PINs', () => {
  it('creates the first manager without approval, later ones only with an existing manager’s, and keeps scrypt hashes in the keychain', async () => {
    const desk = await frontDesk({ withManager: false });
    expect(await desk.ok('managers.list')).toEqual([]);
    expect(await desk.ok('managers.setPin', { operatorId: 'owner', managerId: 'mgr-ana', pin: managerPin })).toEqual({ managerId: 'mgr-ana', created: true });

    const unapproved = await desk.call('managers.setPin', { operatorId: 'desk-1', managerId: 'mgr-bob', pin: '111111' });
    expect(unapproved).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrong = await desk.call('managers.setPin', { operatorId: 'desk-1', managerId: 'mgr-bob', pin: '111111', approval: { managerId: 'mgr-ana', pin: '9999' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^PIN_REJECTED/) } });
    expect(await desk.ok('managers.setPin', { operatorId: 'desk-1', managerId: 'mgr-bob', pin: '111111', approval })).toEqual({ managerId: 'mgr-bob', created: true });
    expect((await desk.ok('managers.list')).map((m) => m.managerId)).toEqual(['mgr-ana', 'mgr-bob']);

    const stored = await desk.secrets.get('managers/mgr-bob');
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('111111');
    // Managers stay out of the settings.
    expect(JSON.stringify(desk.context.settings())).not.toContain('mgr-');
    // A bad PIN shape never reaches the directory.
    expect(await desk.call('managers.setPin', { operatorId: 'desk-1', managerId: 'mgr-cy', pin: '12', approval })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('locks a manager out for five minutes after five wrong PINs, journals every attempt with operator and manager, and approves one action only', async () => {
    const time = manualClock();
    const desk = await frontDesk({ clock: time.clock });
    const { tabId, captureId } = await checkedOutStay(desk);
    const start = time.clock().getTime();
    const before = desk.snapshot();
    const sent = desk.sandbox.transactions().length;
    const voidWith = (pin: string) =>
      desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-7', transactionId: captureId, approval: { managerId: approval.managerId, pin } });

    const refusals = [];
    for (let attempt = 0; attempt < 5; attempt += 1) refusals.push(await voidWith('0000'));
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.message.split(':')[0]))).toEqual(['PIN_REJECTED', 'PIN_REJECTED', 'PIN_REJECTED', 'PIN_REJECTED', 'LOCKED_OUT']);
    expect(refusals[3]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/1 try left/) } });
    // Locked: even the right PIN is refused until the five minutes are over.
    expect(await voidWith(managerPin)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/^LOCKED_OUT/) } });
    expect((await desk.ok('managers.list'))[0]?.lockedUntilMs).toBe(time.clock().getTime() + 5 * 60_000);
    expect(desk.snapshot()).toBe(before);
    expect(desk.sandbox.transactions()).toHaveLength(sent);

    time.advance(5 * 60_000 + 1);
    const voided = await voidWith(managerPin);
    expect(voided).toMatchObject({ ok: true, value: { void: { status: 'approved', operatorId: 'desk-7', managerId: approval.managerId } } });
    expect((await desk.ok('managers.list'))[0]?.lockedUntilMs).toBeNull();

    // Every attempt is on record with who asked and who was asked.
    const attempts = desk.logLines.filter((line) => line.includes('manager approval attempt'));
    expect(attempts).toHaveLength(7);
    for (const line of attempts) {
      expect(line).toContain('desk-7');
      expect(line).toContain(approval.managerId);
      expect(line).not.toContain(managerPin);
    }
    expect(attempts.map((line) => /"verdict":"([a-z-]+)"/.exec(line)?.[1])).toEqual(['wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'locked-out', 'locked-out', 'granted']);
    // …and in the journal, with the failure count and lockout each attempt left behind.
    const lockedUntilMs = start + 5 * 60_000;
    const journaled = desk.context.journal.managerApprovals({ fromMs: start, toMs: time.clock().getTime() + 1 });
    expect(journaled.map(({ action, subject, operatorId, managerId, verdict, failures, lockedUntilMs: until }) => ({ action, subject, operatorId, managerId, verdict, failures, until }))).toEqual([
      ...[1, 2, 3, 4].map((failures) => ({ action: 'void', subject: captureId, operatorId: 'desk-7', managerId: approval.managerId, verdict: 'wrong-pin', failures, until: null })),
      { action: 'void', subject: captureId, operatorId: 'desk-7', managerId: approval.managerId, verdict: 'locked-out', failures: 5, until: lockedUntilMs },
      { action: 'void', subject: captureId, operatorId: 'desk-7', managerId: approval.managerId, verdict: 'locked-out', failures: 5, until: lockedUntilMs },
      { action: 'void', subject: captureId, operatorId: 'desk-7', managerId: approval.managerId, verdict: 'granted', failures: 0, until: null },
    ]);
    expect(journaled.at(-1)?.createdAtMs).toBe(time.clock().getTime());
    // The granted row and the void it approved name the same operator and manager.
    expect(desk.context.journal.history({ tabId }).find((row) => row.kind === 'void')).toMatchObject({ operatorId: 'desk-7', managerId: approval.managerId });

    // The approval covered that void only: the next manager action asks again.
    const noApproval = await desk.call('refunds.refund', { idempotencyKey: desk.newKey(), operatorId: 'desk-7', transactionId: captureId } as never);
    expect(noApproval).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [expect.objectContaining({ field: 'approval' })] } });
  });

  it('treats an unknown manager like a wrong PIN', async () => {
    const desk = await frontDesk();
    const { captureId } = await checkedOutStay(desk);
    const result = await desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-1', transactionId: captureId, approval: { managerId: 'mgr-ghost', pin: managerPin } });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^PIN_REJECTED: wrong PIN or unknown manager mgr-ghost/) } });
    // The operator is told nothing more, but the journal knows the manager did not exist.
    expect(desk.context.journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toEqual([
      expect.objectContaining({ action: 'void', subject: captureId, operatorId: 'desk-1', managerId: 'mgr-ghost', verdict: 'unknown-manager', failures: 1, lockedUntilMs: null }),
    ]);
  });

  it('journals each approval with operator and manager, and never lets a PIN or its hash into the journal file', async () => {
    const desk = await frontDesk();
    // PINs long and odd enough that no id, amount or timestamp in the file can contain them by chance.
    const bobPin = '73910586';
    const wrongPin = '26481357';
    await desk.ok('managers.setPin', { operatorId: 'desk-2', managerId: 'mgr-bob', pin: bobPin, approval });
    const { captureId } = await checkedOutStay(desk);
    const voidWith = (pin: string) =>
      desk.call('voids.void', { idempotencyKey: desk.newKey(), operatorId: 'desk-3', transactionId: captureId, approval: { managerId: 'mgr-bob', pin } });
    expect(await voidWith(wrongPin)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^PIN_REJECTED/) } });
    expect(await voidWith(bobPin)).toMatchObject({ ok: true, value: { void: { status: 'approved', operatorId: 'desk-3', managerId: 'mgr-bob' } } });

    expect(desk.context.journal.managerApprovals({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }).map((row) => [row.action, row.subject, row.operatorId, row.managerId, row.verdict])).toEqual([
      ['set-manager-pin', 'mgr-bob', 'desk-2', approval.managerId, 'granted'],
      ['void', captureId, 'desk-3', 'mgr-bob', 'wrong-pin'],
      ['void', captureId, 'desk-3', 'mgr-bob', 'granted'],
    ]);

    // Neither the PINs nor the scrypt hashes (or their salts) are anywhere in the file or its WAL.
    const hashes = await Promise.all(['managers/mgr-ana', 'managers/mgr-bob'].map((account) => desk.secrets.get(account)));
    const secretParts = hashes.flatMap((hash) => (hash ?? '').split('$').slice(2));
    expect(secretParts).toHaveLength(4);
    const { filePath } = desk.context.journal;
    const bytes = Buffer.concat([filePath, `${filePath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [bobPin, wrongPin, 'scrypt$', ...secretParts]) expect(bytes.includes(secret), secret).toBe(false);
    // And no stored text holds a field named pin, nor any PIN used here.
    const db = new Database(filePath, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
      const text = tables.flatMap((table) => db.prepare(`SELECT * FROM ${table}`).all().flatMap((row) => Object.values(row as Record<string, unknown>)))
        .filter((value): value is string => typeof value === 'string');
      expect(text.length).toBeGreaterThan(0);
      for (const value of text) {
        expect(value).not.toMatch(/"pin"/i);
        expect([managerPin, bobPin, wrongPin]).not.toContain(value);
      }
    } finally {
      db.close();
    }
  });
});
