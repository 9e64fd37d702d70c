/**
 * The process the payment crash tests kill: a terminal's payment flows on the journal file and
 * the sandbox the test started, making one sale or one pre-auth capture. The test has the sandbox
 * hang on that request, waits for the attempt row (and the sandbox's record of the request), and
 * SIGKILLs this process before any answer can be stored.
 *
 *   node --import tsx crash-child.ts <journal file> <sandbox url> <idempotency key> sale <amount minor>
 *   node --import tsx crash-child.ts <journal file> <sandbox url> <idempotency key> capture <amount minor> <order id>
 */
import { createHmac } from 'node:crypto';
import { defaultSettings } from '../../../preload/contract';
import { createGatewayClient } from '../../../main/gateway/client';
import { createLogger } from '../../../main/log';
import { openJournal } from '../../../main/payments/journal/journal';
import { newTransactionId, type PaymentContext } from '../../../main/payments/payment-context';
import { capturePreAuth } from '../../../main/payments/pre-auth';
import { chargeSale } from '../../../main/payments/sale';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { demoCredentials } from '../../../main/sandbox/gateway-server';

const [file = '', baseUrl = '', idempotencyKey = '', mode = 'sale', amount = '0', orderId = ''] = process.argv.slice(2);

const cards = new SensitiveCardStore();
const context: PaymentContext = {
  journal: openJournal(file),
  // Long enough that only the kill ends the request.
  gateway: async () => createGatewayClient({ baseUrl, credentials: () => demoCredentials, timeouts: { connectMs: 5_000, totalMs: 120_000 } }),
  cards,
  settings: () => defaultSettings,
  clock: () => new Date(),
  logger: createLogger(() => undefined),
  newTransactionId,
  fingerprint: async (pan) => createHmac('sha256', 'crash-test-key').update(pan).digest('hex'),
};

const operatorId = 'op-crash';
const amountMinor = Number(amount);
const run =
  mode === 'sale'
    ? chargeSale(context, { idempotencyKey, operatorId, amountMinor, cardHandle: cards.put({ entryMode: 'keyed', pan: '4111111111111111', expiry: { month: 12, year: new Date().getUTCFullYear() + 4 } }) })
    : capturePreAuth(context, { idempotencyKey, operatorId, orderId, amountMinor });
run.then(
  (result) => process.stdout.write(`finished ${JSON.stringify(result)}\n`),
  (error: unknown) => process.stdout.write(`failed ${String(error)}\n`),
);
