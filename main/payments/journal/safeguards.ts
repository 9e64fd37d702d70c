/**
 * The journal's guards against doing something twice or too often: idempotency keys, declines
 * counted per card for the retry rule, and manager PIN failures with their lockout.
 */
import { assertNoCardDataInJson } from './card-data';
import { JournalError } from './journal-error';
import type { JournalContext } from './journal-context';
import type { CardDeclineRow, PinGuardState, PinLockPolicy } from './records';
import { checkFingerprint, checkId, checkTime } from './value-checks';

/** A card's declines since a time, with the transaction each was for (exported for the query-plan test). */
export const cardDeclinesSql = `SELECT d.declined_at, d.insight_category, coalesce(a.order_id, a.tab_id, a.session_id) AS reference
  FROM card_declines d LEFT JOIN attempts a ON a.id = d.attempt_id
  WHERE d.card_fingerprint = ? AND d.declined_at >= ? ORDER BY d.declined_at, d.id`;

export function safeguardRecords(ctx: JournalContext) {
  // Calls with a key whose first call is still running in this process share its promise.
  const running = new Map<string, Promise<unknown>>();

  const storedResult = (key: string): { state: 'started' | 'done'; result_json: string | null } | undefined =>
    ctx.one(`SELECT state, result_json FROM idempotency_keys WHERE key = ?`, key);

  const pinGuard = (scope: string): { failures: number; locked_until: number | null } | undefined =>
    ctx.one(`SELECT failures, locked_until FROM pin_guards WHERE scope = ?`, scope);

  const guardState = (scope: string): PinGuardState => {
    const row = pinGuard(scope);
    const lockedUntil = row?.locked_until ?? null;
    return { failures: row?.failures ?? 0, lockedUntilMs: lockedUntil !== null && lockedUntil > ctx.now() ? lockedUntil : null };
  };

  return {
    /**
     * Runs `fn` once per key: a repeated key gets the first call's stored result without `fn`
     * running again (a double-click never charges twice). If `fn` throws, nothing is kept and
     * the key may be used again, so `fn` must return (not throw) any outcome of a request it sent.
     * A key whose first call was cut short by a crash, or whose result could not be stored
     * (not JSON, or card data in it), is IDEMPOTENCY_IN_DOUBT: recovery settles its attempt.
     */
    async withIdempotency<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
      checkId('idempotency key', key, 128);
      const inFlight = running.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const claim = ctx.write(`idempotency key ${key}`, () => {
        const stored = storedResult(key);
        if (stored?.state === 'done') return { done: true as const, result: JSON.parse(stored.result_json ?? 'null') as T };
        if (stored) throw new JournalError('IDEMPOTENCY_IN_DOUBT', `the first call with key ${key} never finished; its attempt is resolved by recovery`);
        ctx.run(`INSERT INTO idempotency_keys (key, state, created_at) VALUES (?, 'started', ?)`, key, ctx.now());
        return { done: false as const };
      });
      if (claim.done) return claim.result;
      const run = (async () => {
        let result: T;
        try {
          result = await fn();
        } catch (error) {
          // The call failed before it produced anything: the key may be used again.
          ctx.write(`idempotency key ${key}`, () => ctx.run(`DELETE FROM idempotency_keys WHERE key = ? AND state = 'started'`, key));
          throw error;
        }
        // From here the call has happened: if its result cannot be stored the key stays in doubt, never free to run twice.
        const json = JSON.stringify(result);
        if (json === undefined) throw new JournalError('INVALID_VALUE', `the result for key ${key} is not JSON`);
        assertNoCardDataInJson('idempotent result', JSON.parse(json));
        ctx.write(`idempotency key ${key}`, () => {
          ctx.run(`UPDATE idempotency_keys SET state = 'done', result_json = ?, finished_at = ? WHERE key = ?`, json, ctx.now(), key);
        });
        return JSON.parse(json) as T;
      })();
      running.set(key, run);
      // Cleared once settled, whichever way (fn may even have thrown before this line ran).
      run.then(
        () => running.delete(key),
        () => running.delete(key),
      );
      return run;
    },

    /** Keys older than `beforeMs` that finished, so the table does not grow for ever. */
    pruneIdempotencyKeys(beforeMs: number): number {
      checkTime('beforeMs', beforeMs);
      return ctx.write('pruning idempotency keys', () => ctx.run(`DELETE FROM idempotency_keys WHERE state = 'done' AND created_at < ?`, beforeMs).changes);
    },

    /**
     * Declines of one card since `sinceMs` (the guide's rule: at most 15 retries in 30 days).
     * `settleAttempt` counts a decline whenever the attempt carried the card's fingerprint.
     */
    declineCount(fingerprint: string, sinceMs: number): { total: number; category01: number } {
      checkFingerprint(fingerprint);
      checkTime('sinceMs', sinceMs);
      const row = ctx.one<{ total: number; category01: number }>(
        `SELECT count(*) AS total, coalesce(sum(insight_category = '01'), 0) AS category01
         FROM card_declines WHERE card_fingerprint = ? AND declined_at >= ?`,
        fingerprint, sinceMs,
      );
      return row ?? { total: 0, category01: 0 };
    },

    /**
     * Each decline of one card since `sinceMs`, oldest first, with its category and the order, tab or
     * split session it was for: the retry rules need the dates and whether a decline was on the same transaction.
     */
    cardDeclines(fingerprint: string, sinceMs: number): CardDeclineRow[] {
      checkFingerprint(fingerprint);
      checkTime('sinceMs', sinceMs);
      return ctx
        .all<{ declined_at: number; insight_category: string | null; reference: string | null }>(cardDeclinesSql, fingerprint, sinceMs)
        .map((row) => ({ declinedAtMs: row.declined_at, category: row.insight_category, reference: row.reference }));
    },

    /** Forgets declines older than the rule's window. */
    pruneDeclines(beforeMs: number): number {
      checkTime('beforeMs', beforeMs);
      return ctx.write('pruning declines', () => ctx.run(`DELETE FROM card_declines WHERE declined_at < ?`, beforeMs).changes);
    },

    pinGuardState(scope: string): PinGuardState {
      checkId('PIN scope', scope, 64);
      return guardState(scope);
    },

    /**
     * Counts a wrong PIN; the `maxFailures`-th in a row locks the scope (a manager, or the whole
     * terminal) for `lockoutMs`, and the count starts again after it.
     */
    recordPinFailure(scope: string, policy: PinLockPolicy): PinGuardState {
      checkId('PIN scope', scope, 64);
      return ctx.write(`PIN failures for ${scope}`, () => {
        const now = ctx.now();
        const current = pinGuard(scope);
        const lockedUntilBefore = current?.locked_until ?? null;
        const stillLocked = lockedUntilBefore !== null && lockedUntilBefore > now;
        // After a lockout runs out the count starts again from zero.
        const failures = (current && (lockedUntilBefore === null || stillLocked) ? current.failures : 0) + 1;
        const lockedUntil = stillLocked ? lockedUntilBefore : failures >= policy.maxFailures ? now + policy.lockoutMs : null;
        ctx.run(
          `INSERT INTO pin_guards (scope, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
          scope, failures, lockedUntil, now,
        );
        return guardState(scope);
      });
    },

    /** A correct PIN: the count starts again (a running lockout is not lifted by this). */
    clearPinFailures(scope: string): void {
      checkId('PIN scope', scope, 64);
      ctx.write(`PIN failures for ${scope}`, () => ctx.run(`UPDATE pin_guards SET failures = 0 WHERE scope = ? AND (locked_until IS NULL OR locked_until <= ?)`, scope, ctx.now()));
    },
  };
}
