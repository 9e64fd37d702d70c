/**
 * Payment-flow tests on real parts (test/support/payments.ts): a journal file, the sandbox over
 * HTTP, the keychain. Adds what these tests share: a dispatcher over the sales channels (so bad
 * input meets the contract's schemas), fresh idempotency keys, a restart on the same journal and
 * sandbox, and what the sandbox holds as charged.
 */
import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import type { Channel, ChannelArgs, ChannelResult, PosResult } from '../../../preload/contract';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { openJournal } from '../../../main/payments/journal/journal';
import type { ManagerGate } from '../../../main/payments/manager-approval';
import type { PaymentContext } from '../../../main/payments/payment-context';
import { salesHandlers } from '../../../main/payments/sales-handlers';
import type { SandboxGateway } from '../../../main/sandbox/gateway-server';
import { paymentsHarness, type HarnessOptions, type PaymentsHarness } from '../../support/payments';
import { useTempDir } from '../../support/temp-dir';

export { testClock } from '../journal/journal-fixture';

export const cards = {
  visa: '4111111111111111',
  mastercard: '5555555555554444',
  /** Visa debit with a balance of 499.01. */
  debit: '4005510000000005',
  /** Mastercard prepaid with a balance of 25.00. */
  prepaid: '5105105105105100',
  /** Discover prepaid with a balance of 60.00: the split-tender partial. */
  prepaid60: '6011000999900008',
} as const;

/** A fresh idempotency key, as the renderer makes one per user action. */
export function newKey(): string {
  return `k${randomUUID().replaceAll('-', '')}`;
}

export type Call = <C extends Channel>(channel: C, args?: ChannelArgs<C>) => Promise<PosResult<ChannelResult<C>>>;

/** Calls the sales channels through the real dispatcher: schemas, handlers, typed errors. `approve`: the manager gate for overrides. */
export function callerFor(context: PaymentContext, approve?: ManagerGate): Call {
  // Only the sales channels are registered; the others are never called here.
  const dispatch = createDispatch(salesHandlers(context, approve) as unknown as Handlers, context.logger);
  return (channel, args) => dispatch(channel, args) as never;
}

/** The value of a successful call, failing the test with the whole error otherwise. */
export function valueOf<T>(result: PosResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a refused call. */
export function errorOf<T>(result: PosResult<T>): Extract<PosResult<T>, { ok: false }>['error'] {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** What the sandbox holds as charged: approved money still captured (sales and captures). */
export function charged(sandbox: SandboxGateway): { kind: string; capturedMinor: number; cardSuffix?: string }[] {
  return sandbox
    .transactions()
    .filter((entry) => (entry.kind === 'sale' || entry.kind === 'capture') && entry.capturedMinor > 0)
    .map((entry) => ({ kind: entry.kind, capturedMinor: entry.capturedMinor, ...(entry.cardSuffix ? { cardSuffix: entry.cardSuffix } : {}) }));
}

export interface Payments extends PaymentsHarness {
  call: Call;
  /** The terminal restarted: a new journal connection and a fresh in-memory state, same file, same sandbox. */
  restart(): { context: PaymentContext; call: Call };
}

/** Starts a harness per test (closed after it). */
export function usePayments(): { start(options?: HarnessOptions): Promise<Payments> } {
  const tempDir = useTempDir();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async start(options = {}) {
      const harness = await paymentsHarness(tempDir(), options);
      cleanups.push(() => harness.close());
      return {
        ...harness,
        call: callerFor(harness.context),
        restart() {
          harness.context.journal.close();
          const journal = openJournal(harness.context.journal.filePath, options.clock ? { clock: options.clock } : {});
          cleanups.push(() => journal.close());
          const context: PaymentContext = { ...harness.context, journal };
          return { context, call: callerFor(context) };
        },
      };
    },
  };
}
