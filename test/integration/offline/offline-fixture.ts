/**
 * Offline tests on real parts: the payments harness (journal file, sandbox over HTTP, card store,
 * keychain), plus a gateway client with short timeouts whose requests are recorded, a health
 * monitor probing fast, a manager with a PIN, and the offline service started on the context.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';
import type { OfflineStatus } from '../../../preload/channels/offline';
import { createGatewayClient, type GatewayClient } from '../../../main/gateway/client';
import { createTransport } from '../../../main/gateway/transport';
import { GatewayHealth, watchedClient } from '../../../main/offline/gateway-health';
import { offlineHandlers, type OfflineHandlers } from '../../../main/offline/offline-handlers';
import { createOfflineService, type OfflineService, type OfflineServiceOptions } from '../../../main/offline/offline-service';
import { approveAction, type ManagerGate } from '../../../main/payments/manager-approval';
import { createManagerDirectory } from '../../../main/payments/manager-directory';
import type { PaymentContext } from '../../../main/payments/payment-context';
import { keytarSecretStore, type SecretStore } from '../../../main/secrets/secret-store';
import { callerFor, usePayments, type Call, type Payments } from '../payments/payments-fixture';

export { cards, charged, errorOf, newKey, valueOf } from '../payments/payments-fixture';

export const managerPin = '246810';

export interface OfflineRig extends Payments {
  /** The context the offline service is attached to (its gateway reports to `health`). */
  offlineContext: PaymentContext;
  sell: Call;
  health: GatewayHealth;
  service: OfflineService;
  handlers: OfflineHandlers;
  secrets: SecretStore;
  /** The throwaway keychain service `secrets` lives in (for child processes). */
  secretsService: string;
  statuses: OfflineStatus[];
  /** The client underneath (not reporting to `health`). */
  raw: GatewayClient;
  /** Manager approval on the rig's journal and directory. */
  approve: ManagerGate;
  /** JSON bodies of every request sent, in order. */
  sentBodies: string[];
}

export interface RigOptions {
  policy?: OfflineServiceOptions['policy'];
  forwarder?: OfflineServiceOptions['forwarder'];
  /** The client's whole-request timeout (short for the hang tests). */
  totalMs?: number;
  /** Shared by the flows, the journal and the sandbox. */
  clock?: () => Date;
}

export function useOffline(): { start(options?: RigOptions): Promise<OfflineRig> } {
  const payments = usePayments();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async start(options = {}) {
      const harness = await payments.start(options.clock ? { clock: options.clock } : {});
      const sentBodies: string[] = [];
      const timeouts = { connectMs: 1_000, totalMs: options.totalMs ?? 3_000 };
      const inner = createTransport({ baseUrl: harness.sandbox.baseUrl, timeouts });
      const raw = createGatewayClient({
        baseUrl: harness.sandbox.baseUrl,
        credentials: () => harness.sandbox.credentials,
        timeouts,
        ...(options.clock ? { clock: options.clock } : {}),
        transport: {
          exchange: (request) => {
            if (request.body) sentBodies.push(request.body.toString('utf8'));
            return inner.exchange(request);
          },
          close: () => inner.close(),
        },
      });
      const health = new GatewayHealth({ gateway: async () => raw, probeBaseMs: 40, probeMaxMs: 200 });
      const offlineContext: PaymentContext = { ...harness.context, gateway: async () => watchedClient(raw, health) };
      const secretsService = `counter-test-${randomUUID()}`;
      const secrets = keytarSecretStore(secretsService);
      const directory = createManagerDirectory(secrets);
      await directory.setPin('mgr-1', managerPin);
      const approve: ManagerGate = (request) => approveAction({ journal: offlineContext.journal, directory, record: () => undefined }, request);
      const statuses: OfflineStatus[] = [];
      const service = createOfflineService({
        context: offlineContext,
        health,
        secrets,
        approve,
        ...(options.policy ? { policy: options.policy } : {}),
        forwarder: { backoffBaseMs: 20, backoffMaxMs: 200, pollMs: 60_000, ...options.forwarder },
        onStatus: (status) => statuses.push(status),
      });
      service.start();
      cleanups.push(async () => {
        await service.stop();
        raw.close();
        for (const account of await secrets.list()) await secrets.delete(account);
      });
      return { ...harness, offlineContext, sell: callerFor(offlineContext), health, service, handlers: offlineHandlers(service), secrets, secretsService, statuses, sentBodies, raw, approve };
    },
  };
}

/** Waits until `check` holds (polling), failing after `ms`. */
export async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Fails if any 16-byte run of a sealed card is still in the journal, its WAL or its shared memory:
 * the ciphertext opens with the keychain's data key and the order id, so a wiped one must be gone.
 */
export function expectSealedCardsGone(journalFile: string, sealed: Buffer[]): void {
  const files = ['', '-wal', '-shm'].map((suffix) => `${journalFile}${suffix}`).filter((path) => existsSync(path));
  const bytes = Buffer.concat(files.map((path) => readFileSync(path)));
  for (const blob of sealed) {
    for (let at = 0; at + 16 <= blob.length; at += 8) expect(bytes.includes(blob.subarray(at, at + 16)), `sealed bytes ${at}–${at + 16}`).toBe(false);
  }
}
