import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useJournals, visa } from './journal-fixture';

const journals = useJournals();
const card = 'c0ffee'.repeat(10) + 'beef';
const policy = { maxFailures: 5, lockoutMs: 5 * 60_000 };

describe('idempotency keys', () => {
  it('runs the call once and answers a repeated key with the first result, across a reopen', async () => {
    const { journal, file } = journals.open();
    let calls = 0;
    const charge = () => {
      calls += 1;
      return { approved: true, gatewayId: '6461731521426399003473', call: calls };
    };
    const first = await journal.withIdempotency('sale:K-1', charge);
    expect(await journal.withIdempotency('sale:K-1', charge)).toEqual(first);
    journal.close();
    const reopened = journals.open(file).journal;
    expect(await reopened.withIdempotency('sale:K-1', charge)).toEqual({ approved: true, gatewayId: '6461731521426399003473', call: 1 });
    expect(calls).toBe(1);
  });

  it('gives a double-click in flight the same promise: the call runs once', async () => {
    const { journal } = journals.open();
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowCharge = async () => {
      calls += 1;
      await gate;
      return { approvalCode: '831000' };
    };
    const clicks = [journal.withIdempotency('K-2', slowCharge), journal.withIdempotency('K-2', slowCharge)];
    release();
    expect(await Promise.all(clicks)).toEqual([{ approvalCode: '831000' }, { approvalCode: '831000' }]);
    expect(calls).toBe(1);
  });

  it('forgets a key whose call threw, so it can be tried again', async () => {
    const { journal } = journals.open();
    await expect(journal.withIdempotency('K-3', () => Promise.reject(new Error('reader unplugged')))).rejects.toThrow('reader unplugged');
    expect(await journal.withIdempotency('K-3', () => 'second try')).toBe('second try');
    const throwsAtOnce = (): string => {
      throw new Error('amount over the maximum');
    };
    await expect(journal.withIdempotency('K-3b', throwsAtOnce)).rejects.toThrow('amount over the maximum');
    expect(await journal.withIdempotency('K-3b', () => 'fixed')).toBe('fixed');
  });

  it('refuses to guess when the first call with a key was cut short by a crash', async () => {
    const { journal, file } = journals.open();
    journal.close();
    const db = new Database(file);
    db.prepare(`INSERT INTO idempotency_keys (key, state, created_at) VALUES ('K-crashed', 'started', 0)`).run();
    db.close();
    const reopened = journals.open(file).journal;
    let calls = 0;
    await expect(reopened.withIdempotency('K-crashed', () => ++calls)).rejects.toMatchObject({ code: 'IDEMPOTENCY_IN_DOUBT' });
    expect(calls).toBe(0);
  });

  it('never stores card data in a result, but keeps long gateway and instrument ids', async () => {
    const { journal } = journals.open();
    await expect(journal.withIdempotency('K-4', () => ({ receipt: { pan: '•••• 1111' } }))).rejects.toMatchObject({ code: 'CARD_DATA' });
    await expect(journal.withIdempotency('K-5', () => ({ note: 'card 4111 1111 1111 1111' }))).rejects.toMatchObject({ code: 'CARD_DATA' });
    const ids = { gatewayId: '6461731521426399003473', instrumentIdentifierId: '7010000000016241111', maskedPan: '•••• 1111' };
    expect(await journal.withIdempotency('K-6', () => ids)).toEqual(ids);
    // The call behind a refused result did happen: its key never runs again.
    await expect(journal.withIdempotency('K-4', () => 'again')).rejects.toMatchObject({ code: 'IDEMPOTENCY_IN_DOUBT' });
  });

  it('prunes finished keys older than a cutoff', async () => {
    const { journal, clock } = journals.open();
    await journal.withIdempotency('K-old', () => 1);
    clock.advance(86_400_000);
    await journal.withIdempotency('K-new', () => 2);
    expect(journal.pruneIdempotencyKeys(clock().getTime() - 1000)).toBe(1);
    expect(await journal.withIdempotency('K-old', () => 3)).toBe(3);
    expect(await journal.withIdempotency('K-new', () => 4)).toBe(2);
  });
});

describe('declines per card', () => {
  it('counts declines of a card by its fingerprint within the window, category 01 apart', () => {
    const { journal, clock } = journals.open();
    const start = clock().getTime();
    const decline = (id: string, category: string) => {
      journal.openOrder({ id, kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
      journal.recordAttemptPending({ transactionId: `T-${id}`, kind: 'sale', owner: { orderId: id }, amountMinor: 100, currency: 'USD', card: { ...visa, fingerprint: card }, operatorId: 'op-1' });
      journal.settleAttempt(`T-${id}`, { status: 'declined', reason: 'DECLINED', insightCategory: category });
    };
    decline('S-1', '02');
    clock.advance(31 * 86_400_000);
    decline('S-2', '03');
    decline('S-3', '01');
    const thirtyDaysAgo = clock().getTime() - 30 * 86_400_000;
    expect(journal.declineCount(card, thirtyDaysAgo)).toEqual({ total: 2, category01: 1 });
    expect(journal.declineCount(card, start)).toEqual({ total: 3, category01: 1 });
    expect(journal.declineCount('0'.repeat(64), start)).toEqual({ total: 0, category01: 0 });
    expect(journal.pruneDeclines(thirtyDaysAgo)).toBe(1);
    expect(journal.declineCount(card, start).total).toBe(2);
  });

  it('accepts only a keyed hash as a fingerprint, never a card number', () => {
    const { journal } = journals.open();
    expect(() => journal.declineCount('4111111111111111', 0)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    journal.openOrder({ id: 'S-1', kind: 'sale', amountMinor: 100, currency: 'USD', operatorId: 'op-1' });
    expect(() =>
      journal.recordAttemptPending({ transactionId: 'T-1', kind: 'sale', owner: { orderId: 'S-1' }, amountMinor: 100, currency: 'USD', card: { ...visa, fingerprint: '4111111111111111' }, operatorId: 'op-1' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });
});

describe('manager PIN lockout', () => {
  it('locks after 5 failures for 5 minutes, then counts from zero again', () => {
    const { journal, clock } = journals.open();
    for (let failure = 1; failure <= 4; failure++) expect(journal.recordPinFailure('mgr-1', policy)).toEqual({ failures: failure, lockedUntilMs: null });
    const locked = journal.recordPinFailure('mgr-1', policy);
    expect(locked).toEqual({ failures: 5, lockedUntilMs: clock().getTime() + 300_000 });
    clock.advance(299_999);
    expect(journal.pinGuardState('mgr-1').lockedUntilMs).toBe(locked.lockedUntilMs);
    journal.clearPinFailures('mgr-1');
    expect(journal.pinGuardState('mgr-1').lockedUntilMs).toBe(locked.lockedUntilMs);
    clock.advance(1);
    expect(journal.pinGuardState('mgr-1').lockedUntilMs).toBeNull();
    expect(journal.recordPinFailure('mgr-1', policy)).toEqual({ failures: 1, lockedUntilMs: null });
    expect(journal.pinGuardState('mgr-2')).toEqual({ failures: 0, lockedUntilMs: null });
  });

  it('starts counting again after a correct PIN, and keeps a lockout across a restart', () => {
    const { journal, file } = journals.open();
    for (let failure = 0; failure < 4; failure++) journal.recordPinFailure('terminal', policy);
    journal.clearPinFailures('terminal');
    expect(journal.recordPinFailure('terminal', policy).failures).toBe(1);
    for (let failure = 0; failure < 4; failure++) journal.recordPinFailure('terminal', policy);
    journal.close();
    const reopened = journals.open(file);
    expect(reopened.journal.pinGuardState('terminal').lockedUntilMs).toBe(reopened.clock().getTime() + 300_000);
  });
});
