/**
 * Money-moving calls run once per idempotency key: the same key again returns the first call's
 * result (or its refusal) and sends nothing, so a double-click never charges twice.
 */
import { createHash } from 'node:crypto';
import type { PosError } from '../../preload/contract';
import { TerminalError } from '../errors';
import { asTerminalError, RefusedAfterSending } from './flow-error';
import type { PaymentContext } from './payment-context';

/** What the journal keeps under a key: a digest of the arguments, and the result or the refusal. */
type StoredCall<T> = { argumentsDigest: string; value: T } | { argumentsDigest: string; refusal: PosError };

/**
 * Runs `fn` once for `scope` + `args.idempotencyKey`. A key reused with other arguments is refused
 * (it would otherwise answer a different question with the first call's result).
 */
export async function once<T>(context: PaymentContext, scope: string, args: { idempotencyKey: string }, fn: () => Promise<T>): Promise<T> {
  const { idempotencyKey, ...rest } = args;
  const argumentsDigest = createHash('sha256').update(JSON.stringify([scope, rest])).digest('base64url');
  let stored: StoredCall<T>;
  try {
    stored = await context.journal.withIdempotency<StoredCall<T>>(`${scope}:${idempotencyKey}`, async () => {
      try {
        return { argumentsDigest, value: await fn() };
      } catch (error) {
        if (error instanceof RefusedAfterSending) return { argumentsDigest, refusal: error.toPosError() };
        throw asTerminalError(error);
      }
    });
  } catch (error) {
    throw asTerminalError(error);
  }
  if (stored.argumentsDigest !== argumentsDigest) {
    throw new TerminalError('RULE_VIOLATION', `idempotency key ${idempotencyKey} was already used for a different ${scope}: one key per user action`);
  }
  if ('refusal' in stored) throw new TerminalError(stored.refusal.code, stored.refusal.message, stored.refusal.fields);
  return stored.value;
}
