/**
 * What the payment flows keep in memory per terminal (per PaymentContext): the attempts on the
 * wire right now, whether start-up recovery has finished, and per-object locks. Kept beside the
 * context rather than in it, so the composition root and test harnesses build contexts as before.
 */
import type { RecoveryReport } from '../../preload/channels/sales';
import type { PaymentContext } from './payment-context';

export interface PaymentRuntime {
  /** transactionIds sent by this process and not yet settled: recovery must not touch them. */
  inFlight: Set<string>;
  /** gateOpen: recovery finished once since start; later runs clean up in the background. */
  recovery: { report: RecoveryReport; running?: Promise<RecoveryReport> | undefined; gateOpen: boolean };
  locks: Map<string, Promise<unknown>>;
}

const runtimes = new WeakMap<PaymentContext, PaymentRuntime>();

export function runtimeOf(context: PaymentContext): PaymentRuntime {
  let runtime = runtimes.get(context);
  if (!runtime) {
    runtime = { inFlight: new Set(), recovery: { report: { state: 'idle', items: [] }, gateOpen: false }, locks: new Map() };
    runtimes.set(context, runtime);
  }
  return runtime;
}

/**
 * Runs `fn` after every earlier call with the same key has finished: two captures of one pre-auth,
 * or a cancel racing the expiry sweep on one session, never interleave.
 */
export async function exclusively<T>(context: PaymentContext, key: string, fn: () => Promise<T>): Promise<T> {
  const { locks } = runtimeOf(context);
  const before = locks.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}
