/**
 * The process the offline crash tests kill: a terminal's offline parts on the journal file, the
 * sandbox and the keychain service the test started.
 *
 *   node --import tsx crash-child.ts <journal file> <sandbox url> <keychain service> sell <count>
 *     sells <count> swiped sales one after another (the test has the gateway down: each is queued offline)
 *   node --import tsx crash-child.ts <journal file> <sandbox url> <keychain service> drain
 *     forwards the queue
 */
import { createHmac, randomUUID } from 'node:crypto';
import { defaultSettings } from '../../../preload/contract';
import { createGatewayClient } from '../../../main/gateway/client';
import { createLogger } from '../../../main/log';
import { GatewayHealth, watchedClient } from '../../../main/offline/gateway-health';
import { createOfflineService } from '../../../main/offline/offline-service';
import { openJournal } from '../../../main/payments/journal/journal';
import { newTransactionId, type PaymentContext } from '../../../main/payments/payment-context';
import { chargeSale } from '../../../main/payments/sale';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { demoCredentials } from '../../../main/sandbox/gateway-server';
import { keytarSecretStore } from '../../../main/secrets/secret-store';

const [file = '', baseUrl = '', service = '', mode = 'sell', count = '1'] = process.argv.slice(2);

const cards = new SensitiveCardStore();
// Long enough that only the kill ends a hanging request.
const client = createGatewayClient({ baseUrl, credentials: () => demoCredentials, timeouts: { connectMs: 2_000, totalMs: 120_000 } });
const health = new GatewayHealth({ gateway: async () => client, probeBaseMs: 10_000 });
const context: PaymentContext = {
  journal: openJournal(file),
  gateway: async () => watchedClient(client, health),
  cards,
  settings: () => defaultSettings,
  clock: () => new Date(),
  logger: createLogger(() => undefined),
  newTransactionId,
  fingerprint: async (pan) => createHmac('sha256', 'crash-test-key').update(pan).digest('hex'),
};
const offline = createOfflineService({
  context,
  health,
  secrets: keytarSecretStore(service),
  approve: () => Promise.reject(new Error('no manager here')),
  policy: { perCardLimit: 1_000, outstandingLimitMinor: 10_000_000 },
  forwarder: { concurrency: 4 },
});

async function main(): Promise<void> {
  if (mode === 'drain') {
    await offline.forwarder.drain();
    process.stdout.write('finished drain\n');
    return;
  }
  offline.start();
  const expiry = `${String((new Date().getUTCFullYear() + 4) % 100).padStart(2, '0')}12`;
  for (let index = 0; index < Number(count); index++) {
    const pan = '4111111111111111';
    const handle = cards.put({ entryMode: 'swiped', pan, expiry: { month: 12, year: 2000 + Number(expiry.slice(0, 2)) }, trackData: `;${pan}=${expiry}1010000000000000?` });
    const result = await chargeSale(context, { idempotencyKey: `crash${randomUUID().replaceAll('-', '')}`, operatorId: 'op-crash', amountMinor: 100 + index, cardHandle: handle });
    process.stdout.write(`sale ${index} ${result.outcome}\n`);
  }
  process.stdout.write('finished sell\n');
}

main().catch((error: unknown) => process.stdout.write(`failed ${String(error)}\n`));
