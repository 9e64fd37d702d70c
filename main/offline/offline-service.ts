/**
 * The offline parts put together for one terminal: the health monitor, the sealer, the offline
 * sale fallback attached to the payment context, the forwarder, and the status the banner shows.
 * The context's gateway must already report to `health` (see `watchedClient`), so every flow's
 * unknown outcome degrades it, not only the sale's.
 */
import type { OfflineStatus } from '../../preload/channels/offline';
import type { ManagerGate } from '../payments/manager-approval';
import type { PaymentContext } from '../payments/payment-context';
import type { SecretStore } from '../secrets/secret-store';
import { createCardSealer, type CardSealer } from './card-seal';
import { Forwarder, type ForwarderOptions } from './forwarder';
import type { GatewayHealth } from './gateway-health';
import { attachOfflineFallback, detachOfflineFallback } from './offline-fallback';
import { defaultOfflinePolicy, type OfflinePolicyOptions } from './offline-policy';
import { acceptOfflineSale } from './offline-queue';

export interface OfflineServiceOptions {
  context: PaymentContext;
  health: GatewayHealth;
  secrets: SecretStore;
  /** Manager approval for writing an exception off (the terminal's bound `approveAction`). */
  approve: ManagerGate;
  /** The rules, or a function giving the current ones (the terminal reads them from the settings). */
  policy?: Partial<OfflinePolicyOptions> | (() => Partial<OfflinePolicyOptions>);
  forwarder?: ForwarderOptions;
  /** Told of every status change (gateway or queue): the lead sends it as the `offline.status` event. */
  onStatus?: (status: OfflineStatus) => void;
}

export interface OfflineService {
  context: PaymentContext;
  health: GatewayHealth;
  sealer: CardSealer;
  forwarder: Forwarder;
  policy: OfflinePolicyOptions;
  approve: ManagerGate;
  status(): OfflineStatus;
  /** Sends the current status to `onStatus` (after a change the service did not make itself). */
  notify(): void;
  /** Attaches the sale fallback and starts polling; forwards whatever is due once the gateway answers. */
  start(): void;
  stop(): Promise<void>;
}

export function createOfflineService(options: OfflineServiceOptions): OfflineService {
  const { context, health } = options;
  const currentPolicy = (): OfflinePolicyOptions => ({
    ...defaultOfflinePolicy,
    ...(typeof options.policy === 'function' ? options.policy() : options.policy),
  });
  const sealer = createCardSealer(options.secrets);
  const status = (): OfflineStatus => offlineStatus(context, health, currentPolicy());
  const notify = (): void => {
    try {
      options.onStatus?.(status());
    } catch (error) {
      context.logger.log('warn', 'offline status listener failed', { message: error instanceof Error ? error.message : String(error) });
    }
  };
  const forwarder = new Forwarder({ context, sealer, health, onQueueChange: notify }, options.forwarder);
  const queueDeps = {
    context,
    sealer,
    health,
    get policy() {
      return currentPolicy();
    },
    onQueueChange: notify,
  };
  return {
    context,
    health,
    sealer,
    forwarder,
    get policy() {
      return currentPolicy();
    },
    approve: options.approve,
    status,
    notify,
    start() {
      attachOfflineFallback(context, {
        straightOffline: () => health.status === 'offline',
        // After the online attempt's undo got an answer the gateway is up: a refusal to undo is not an outage.
        fallBackAfter: (failure) => failure !== 'unresolved' || health.status !== 'online',
        accept: (request) => acceptOfflineSale(queueDeps, request),
      });
      health.subscribe((now) => {
        notify();
        if (now === 'online') forwarder.wake();
      });
      forwarder.start();
      forwarder.wake();
    },
    async stop() {
      detachOfflineFallback(context);
      health.stop();
      await forwarder.stop();
    },
  };
}

export function offlineStatus(context: PaymentContext, health: GatewayHealth, policy: OfflinePolicyOptions): OfflineStatus {
  const { journal } = context;
  // Reading the status is when the age rule is applied: a flag needs nobody to be forwarding.
  journal.flagOverdueOfflineSales(context.clock().getTime() - policy.maxAgeMs);
  const totals = journal.offlineQueueTotals();
  return {
    gateway: health.status,
    problem: health.lastProblem,
    queuedCount: totals.count,
    queuedMinor: totals.amountMinor,
    currency: context.settings().currency,
    oldestQueuedAt: totals.oldestAtMs === null ? null : new Date(totals.oldestAtMs).toISOString(),
    flaggedCount: totals.flagged,
    exceptionCount: totals.exceptions,
    exceptionMinor: totals.exceptionsMinor,
  };
}
