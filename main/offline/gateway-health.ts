/**
 * Whether the gateway can be reached. Any unknown outcome (connect failure, timeout, 5xx) marks it
 * degraded; a cheap signed probe — a lookup of a random id, which a reachable gateway answers with
 * 404 — then runs on an exponential backoff and marks it online again. A probe that gets no answer
 * makes it offline: sales stop trying the gateway first and go straight to the offline rules.
 */
import { randomBytes } from 'node:crypto';
import type { GatewayClient } from '../gateway/client';
import type { GatewayOutcome, TransactionLookup, TransactionSearchOutcome } from '../gateway/outcomes';

export type GatewayStatus = 'online' | 'degraded' | 'offline';

export interface HealthTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: HealthTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface GatewayHealthOptions {
  /** The client to probe with (the raw one: probes must not report to themselves). */
  gateway: () => Promise<GatewayClient>;
  /** Told of every change of status (the lead wires it to the `offline.status` event). */
  onChange?: (status: GatewayStatus, problem: string | null) => void;
  /** First probe this long after the gateway went quiet; doubled each failed probe up to probeMaxMs. */
  probeBaseMs?: number;
  probeMaxMs?: number;
  timers?: HealthTimers;
  random?: () => number;
}

export class GatewayHealth {
  private current: GatewayStatus = 'online';
  private problem: string | null = null;
  private failedProbes = 0;
  private timer: unknown;
  private probing: Promise<GatewayStatus> | undefined;
  private stopped = false;
  private readonly listeners = new Set<(status: GatewayStatus, problem: string | null) => void>();
  private readonly timers: HealthTimers;
  private readonly random: () => number;
  private readonly probeBaseMs: number;
  private readonly probeMaxMs: number;

  constructor(private readonly options: GatewayHealthOptions) {
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.probeBaseMs = options.probeBaseMs ?? 1_000;
    this.probeMaxMs = options.probeMaxMs ?? 60_000;
  }

  get status(): GatewayStatus {
    return this.current;
  }

  get lastProblem(): string | null {
    return this.problem;
  }

  /** Reads a real request's outcome: no usable answer degrades, any answer from the gateway is proof it is up. */
  observe(outcome: GatewayOutcome | TransactionLookup | TransactionSearchOutcome): void {
    if (outcome.kind === 'unknown-outcome') this.degrade(`${outcome.cause}: ${outcome.message}`);
    // Unreadable credentials (no HTTP status) say nothing about the gateway.
    else if (outcome.kind !== 'authentication-failed' || outcome.httpStatus !== undefined) this.markOnline();
  }

  degrade(problem: string): void {
    this.problem = problem;
    if (this.current === 'online') this.set('degraded');
    this.schedule();
  }

  /** Probes now (sharing a probe already running) and returns the status it leaves. */
  probeNow(): Promise<GatewayStatus> {
    this.probing ??= this.probe().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /** Adds a listener for status changes; returns its removal. */
  subscribe(listener: (status: GatewayStatus, problem: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    this.listeners.clear();
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async probe(): Promise<GatewayStatus> {
    let answer: TransactionLookup;
    try {
      const client = await this.options.gateway();
      answer = await client.getTransaction({ id: `probe${randomBytes(8).toString('hex')}` });
    } catch (error) {
      answer = { kind: 'unknown-outcome', cause: 'connect-failed', requestSent: false, message: error instanceof Error ? error.message : String(error) };
    }
    // A 404 (or, improbably, a hit) is a signed round trip: the gateway is there.
    if (answer.kind === 'found' || (answer.kind === 'invalid-request' && answer.httpStatus === 404)) {
      this.markOnline();
    } else {
      this.failedProbes += 1;
      this.problem = answer.message ?? answer.kind;
      this.set('offline');
      this.schedule();
    }
    return this.current;
  }

  private markOnline(): void {
    this.failedProbes = 0;
    this.problem = null;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.set('online');
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined) return;
    const ceiling = Math.min(this.probeMaxMs, this.probeBaseMs * 2 ** Math.min(this.failedProbes, 20));
    // Full jitter on the upper half: terminals that lost the gateway together do not all probe together.
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.probeNow();
    }, delay);
  }

  private set(status: GatewayStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.options.onChange?.(status, this.problem);
    for (const listener of this.listeners) listener(status, this.problem);
  }
}

/** The client with every outcome reported to `health`: wrap what `PaymentContext.gateway()` returns. */
export function watchedClient(client: GatewayClient, health: GatewayHealth): GatewayClient {
  const cached = watchedClients.get(client);
  if (cached?.health === health) return cached.watched;
  const watch =
    <A extends unknown[], R extends GatewayOutcome | TransactionLookup | TransactionSearchOutcome>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const outcome = await fn(...args);
      health.observe(outcome);
      return outcome;
    };
  const wrapped: GatewayClient = {
    authorize: watch(client.authorize),
    sale: watch(client.sale),
    verifyCard: watch(client.verifyCard),
    forceCapture: watch(client.forceCapture),
    authorizeAndStoreCard: watch(client.authorizeAndStoreCard),
    chargeStoredCard: watch(client.chargeStoredCard),
    incrementAuthorization: watch(client.incrementAuthorization),
    capture: watch(client.capture),
    reverseAuthorization: watch(client.reverseAuthorization),
    voidTransaction: watch(client.voidTransaction),
    refund: watch(client.refund),
    credit: watch(client.credit),
    timeoutReversal: watch(client.timeoutReversal),
    timeoutVoid: watch(client.timeoutVoid),
    getTransaction: watch(client.getTransaction),
    searchTransactions: watch(client.searchTransactions),
    send: watch(client.send),
    close: () => client.close(),
  };
  watchedClients.set(client, { health, watched: wrapped });
  return wrapped;
}

/** One wrapper per client, so `context.gateway()` can wrap on every call for free. */
const watchedClients = new WeakMap<GatewayClient, { health: GatewayHealth; watched: GatewayClient }>();
