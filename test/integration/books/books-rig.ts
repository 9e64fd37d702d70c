/**
 * One terminal's money services on real parts for the books property: the payments harness
 * (sandbox over HTTP, journal file, card store), with the offline service, housekeeping and every
 * money channel behind one dispatcher, as the composition root wires them. A restart stops these
 * services and starts new ones on the same journal file, and a crash does the same in the middle
 * of a request: the old services lose their journal and their sockets at once, so nothing they
 * still had to write is written, as when the process dies.
 */
import type { Channel, ChannelArgs, ChannelResult, PosResult } from '../../../preload/contract';
import { createGatewayClient, type GatewayClient } from '../../../main/gateway/client';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { GatewayHealth, watchedClient } from '../../../main/offline/gateway-health';
import { offlineHandlers } from '../../../main/offline/offline-handlers';
import { createOfflineService, type OfflineService } from '../../../main/offline/offline-service';
import { dayHandlers } from '../../../main/payments/day-handlers';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import { startHousekeeping, type Housekeeping } from '../../../main/payments/housekeeping';
import { openJournal } from '../../../main/payments/journal/journal';
import { managerGate } from '../../../main/payments/manager-approval';
import { createManagerDirectory } from '../../../main/payments/manager-directory';
import type { PaymentContext } from '../../../main/payments/payment-context';
import type { SecretStore } from '../../../main/secrets/secret-store';
import { salesHandlers } from '../../../main/payments/sales-handlers';
import { paymentsHarness, type PaymentsHarness } from '../../support/payments';

export type Call = <C extends Channel>(channel: C, args?: ChannelArgs<C>) => Promise<PosResult<ChannelResult<C>>>;

/** One run of the terminal's services, from start to stop or crash. */
interface Generation {
  context: PaymentContext;
  client: GatewayClient;
  health: GatewayHealth;
  service: OfflineService;
  housekeeping: Housekeeping;
  call: Call;
}

export interface BooksRig {
  harness: PaymentsHarness;
  /** The services running now (replaced by `restart` and `crashDuring`). */
  readonly context: PaymentContext;
  readonly call: Call;
  readonly health: GatewayHealth;
  readonly service: OfflineService;
  /** A clean stop, then a start on the same journal file (recovery runs at start, as in the terminal). */
  restart(): Promise<void>;
  /**
   * Starts `operation`, waits until its first request is journaled as pending (or it finished
   * without one), then kills the services mid-request and starts new ones on the same file.
   * `processed`: the gateway runs the request before hanging (the charge happened, the answer was
   * lost); otherwise it hangs without recording anything.
   */
  crashDuring(operation: (call: Call) => Promise<unknown>, processed: boolean): Promise<void>;
  /**
   * The gateway runs its next request and never answers it, and goes down before anything else
   * reaches it (the link died mid-request): the undo of that request cannot be sent.
   */
  outageAfterNextRequest(): Promise<void>;
  /** Stops waiting for that request (an outage whose requests all went elsewhere, or none). */
  endOutage(): Promise<void>;
  /** With the gateway reachable: recovery until nothing is left unknown, and the offline queue forwarded. */
  reconcile(): Promise<void>;
  close(): Promise<void>;
}

export interface BooksRigOptions {
  dir: string;
  clock: () => Date;
  /** Holds the managers' PIN hashes, the offline sealing key and the card fingerprint key, shared by every run. */
  secrets: SecretStore;
  /** The client's whole-request timeout: how long a hang costs. */
  totalMs: number;
}

/** How long `reconcile` keeps at it before it gives up, and how many rounds without progress end it sooner (the queue backs off up to 100 ms). */
const reconcileMs = 5_000;
const stallRounds = 6;

export async function startBooksRig(options: BooksRigOptions): Promise<BooksRig> {
  const harness = await paymentsHarness(options.dir, { clock: options.clock, secrets: options.secrets });
  const { sandbox } = harness;
  // The harness's own journal connection belongs to the first generation from here on.
  let journal = harness.context.journal;

  const begin = (): Generation => {
    const client = createGatewayClient({
      baseUrl: sandbox.baseUrl,
      credentials: () => sandbox.credentials,
      clock: options.clock,
      timeouts: { connectMs: options.totalMs, totalMs: options.totalMs },
    });
    const health = new GatewayHealth({ gateway: async () => client, probeBaseMs: 20, probeMaxMs: 100 });
    const context: PaymentContext = { ...harness.context, journal, gateway: async () => watchedClient(client, health) };
    const approve = managerGate(journal, createManagerDirectory(options.secrets), context.logger);
    const service = createOfflineService({ context, health, secrets: options.secrets, approve, forwarder: { backoffBaseMs: 10, backoffMaxMs: 100, pollMs: 60_000 } });
    service.start();
    const handlers = { ...salesHandlers(context), ...hotelHandlers(context, options.secrets), ...dayHandlers(context), ...offlineHandlers(service) };
    const dispatch = createDispatch(handlers as unknown as Handlers, context.logger);
    const call: Call = (channel, args) => dispatch(channel, args) as never;
    return { context, client, health, service, housekeeping: startHousekeeping(context), call };
  };

  let watching: Promise<void> | undefined;
  /** Set when the outage (or the sequence) is over: a watcher still waiting for a request gives up. */
  let outageOver = false;
  let current = begin();
  await current.housekeeping.ready;

  const endOutage = async (): Promise<void> => {
    outageOver = true;
    await watching;
  };
  const stop = async (generation: Generation): Promise<void> => {
    generation.housekeeping.stop();
    await generation.service.stop();
    generation.client.close();
    generation.context.journal.close();
  };
  const startAgain = async (): Promise<void> => {
    journal = openJournal(journal.filePath, { clock: options.clock });
    current = begin();
    await current.housekeeping.ready;
  };

  return {
    harness,
    get context() {
      return current.context;
    },
    get call() {
      return current.call;
    },
    get health() {
      return current.health;
    },
    get service() {
      return current.service;
    },
    async restart() {
      await stop(current);
      await startAgain();
    },
    async crashDuring(operation, processed) {
      const dying = current;
      const before = dying.context.journal.unresolvedAttempts().length;
      await sandbox.faults.set({ kind: 'hang', processed, times: 1 });
      let finished = false;
      const running = operation(dying.call).then(
        () => (finished = true),
        () => (finished = true),
      );
      await until(() => finished || dying.context.journal.unresolvedAttempts().length > before);
      // The journal goes first, so whatever the old services do after the crash point is never written.
      dying.context.journal.close();
      dying.client.close();
      dying.housekeeping.stop();
      await dying.service.stop().catch(() => undefined);
      await running;
      await startAgain();
    },
    async outageAfterNextRequest() {
      outageOver = false;
      const before = sandbox.transactions().length;
      await sandbox.faults.set({ kind: 'hang', processed: true, times: 1 });
      watching = (async () => {
        while (sandbox.transactions().length === before && !outageOver) await new Promise((resolve) => setTimeout(resolve, 2));
        if (!outageOver) await sandbox.faults.set({ kind: 'refuse' });
      })();
    },
    endOutage,
    async reconcile() {
      await endOutage();
      await sandbox.faults.clear();
      await current.health.probeNow();
      const deadline = Date.now() + reconcileMs;
      let stalled = 0;
      let queuedBefore = Number.POSITIVE_INFINITY;
      for (;;) {
        const report = await current.call('recovery.run');
        await current.service.forwarder.drain();
        const queued = current.context.journal.queuedOfflineSales().length;
        // An attempt the gateway answered for but would not undo stays as it is however often recovery runs.
        const answered = report.ok && report.value.items.every((item) => item.result !== 'unreachable');
        stalled = answered && queued >= queuedBefore ? stalled + 1 : 0;
        queuedBefore = queued;
        if ((answered && queued === 0) || stalled >= stallRounds || Date.now() > deadline) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await endOutage();
      await stop(current);
      // The harness closes its client, the sandbox and its keychain service; its journal is outageOver already.
      await harness.close();
    },
  };
}

/** Polls `ready` (the crash point has no event to await), failing after `ms`. */
async function until(ready: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the crash point was never reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
