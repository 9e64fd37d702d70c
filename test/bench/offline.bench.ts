/**
 * Offline benchmark: the durable, encrypted enqueue of a sale approved offline (seal under the
 * data key + one SQLite transaction with synchronous=FULL), and forwarding 1,000 queued sales to
 * the embedded sandbox over HTTP at concurrency 1, 4 and 8.
 *
 *   npx tsx test/bench/offline.bench.ts [enqueues, default 2000] [forwards, default 1000]
 *
 * Targets (issue 6): enqueue p99 < 10 ms; 1,000 forwards in < 10 s at concurrency 4.
 * The data key comes from an in-memory SecretStore here (read once either way; the keychain is not on the hot path).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../../preload/contract';
import { createGatewayClient } from '../../main/gateway/client';
import { createLogger } from '../../main/log';
import { createCardSealer } from '../../main/offline/card-seal';
import { Forwarder } from '../../main/offline/forwarder';
import { GatewayHealth } from '../../main/offline/gateway-health';
import { defaultOfflinePolicy } from '../../main/offline/offline-policy';
import { acceptOfflineSale } from '../../main/offline/offline-queue';
import { openJournal } from '../../main/payments/journal/journal';
import { newTransactionId, type PaymentContext } from '../../main/payments/payment-context';
import type { PresentedCard } from '../../main/payments/presented-card';
import { SensitiveCardStore } from '../../main/reader/sensitive-card-store';
import { startSandboxGateway } from '../../main/sandbox/gateway-server';
import type { SecretStore } from '../../main/secrets/secret-store';
import { percentile, printTable } from './report';

const enqueues = Number(process.argv[2] ?? 2_000);
const forwards = Number(process.argv[3] ?? 1_000);

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (account) => values.get(account),
    set: async (account, value) => void values.set(account, value),
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

const expiry = `${String((new Date().getUTCFullYear() + 4) % 100).padStart(2, '0')}12`;
const pans = ['4111111111111111', '5555555555554444', '4005510000000005', '378282246310005'];
function card(n: number): PresentedCard {
  const pan = pans[n % pans.length] ?? '4111111111111111';
  return {
    summary: {
      maskedPan: `•••• ${pan.slice(-4)}`,
      brand: 'visa',
      entryMode: 'swiped',
      fingerprint: createHmac('sha256', 'bench').update(`${pan}${n}`).digest('hex'),
    },
    payment: { pointOfSale: { entryMode: 'swiped', terminalCapability: 2, terminalId: 'T1', trackData: `;${pan}=${expiry}1010000000000000?` } },
    handBack: () => {
      throw new Error('the offline bench never hands a card back');
    },
  };
}

const folder = mkdtempSync(join(tmpdir(), 'counter-offline-bench-'));
const sandbox = await startSandboxGateway();
const client = createGatewayClient({ baseUrl: sandbox.baseUrl, credentials: () => sandbox.credentials, timeouts: { connectMs: 2_000, totalMs: 10_000 } });
const secrets = memorySecrets();
const sealer = createCardSealer(secrets);
const health = new GatewayHealth({ gateway: async () => client });
const policy = { ...defaultOfflinePolicy, perSaleLimitMinor: 1_000_000, outstandingLimitMinor: Number.MAX_SAFE_INTEGER, perCardLimit: Number.MAX_SAFE_INTEGER };

function contextOn(file: string): PaymentContext {
  return {
    journal: openJournal(file),
    gateway: async () => client,
    cards: new SensitiveCardStore(),
    settings: () => defaultSettings,
    clock: () => new Date(),
    logger: createLogger(() => undefined),
    newTransactionId,
    fingerprint: async () => randomBytes(32).toString('hex'),
  };
}

async function fill(context: PaymentContext, count: number, timings?: number[]): Promise<void> {
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    const result = await acceptOfflineSale({ context, sealer, health, policy }, { amountMinor: 100 + (n % 4000), operatorId: 'op-bench', card: card(n) });
    timings?.push(performance.now() - started);
    if (result.outcome !== 'approved') throw new Error(`enqueue ${n}: ${JSON.stringify(result)}`);
  }
}

try {
  const enqueueContext = contextOn(join(folder, 'enqueue.sqlite'));
  await fill(enqueueContext, 50); // warm-up: statements compiled, data key read
  const timings: number[] = [];
  await fill(enqueueContext, enqueues, timings);
  enqueueContext.journal.close();
  printTable(`enqueue, durable + encrypted (${enqueues} sales; ms)`, ['p50', 'p90', 'p99', 'max'], [
    ['enqueue', percentile(timings, 50), percentile(timings, 90), percentile(timings, 99), percentile(timings, 100)],
  ]);

  const rows: (string | number)[][] = [];
  for (const concurrency of [1, 4, 8]) {
    const context = contextOn(join(folder, `forward-${concurrency}.sqlite`));
    await fill(context, forwards);
    const forwarder = new Forwarder({ context, sealer, health }, { concurrency });
    const started = performance.now();
    const report = await forwarder.drain();
    const seconds = (performance.now() - started) / 1000;
    if (report.forwarded !== forwards) throw new Error(`forwarded ${report.forwarded} of ${forwards}: ${JSON.stringify(report)}`);
    rows.push([`concurrency ${concurrency}`, String(forwards), seconds, forwards / seconds]);
    context.journal.close();
  }
  printTable(`forward ${forwards} queued sales to the sandbox`, ['sales', 'seconds', 'sales/s'], rows);
} finally {
  client.close();
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
}
