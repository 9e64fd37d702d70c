/**
 * The terminal process the front-desk crash tests kill: it opens the journal, talks to the test's
 * sandbox, and runs one hotel channel call whose request the sandbox processes but never answers.
 * It prints `sending` just before the call, and never finishes it.
 *
 *   node --import tsx front-desk-crash-child.ts <journal> <sandbox url> <keychain service> <channel> <args json>
 */
import { createGatewayClient } from '../../../main/gateway/client';
import { createDispatch, type Handlers } from '../../../main/ipc/dispatch';
import { createLogger } from '../../../main/log';
import { createCardFingerprinter } from '../../../main/payments/card-fingerprint';
import { hotelHandlers } from '../../../main/payments/hotel-handlers';
import { openJournal } from '../../../main/payments/journal/journal';
import { newTransactionId, type PaymentContext } from '../../../main/payments/payment-context';
import { SensitiveCardStore } from '../../../main/reader/sensitive-card-store';
import { demoCredentials } from '../../../main/sandbox/demo-credentials';
import { keytarSecretStore } from '../../../main/secrets/secret-store';
import { defaultSettings } from '../../../preload/contract';

const [journalFile = '', baseUrl = '', keychainService = '', channel = '', argsJson = '{}'] = process.argv.slice(2);
const secrets = keytarSecretStore(keychainService);
const client = createGatewayClient({ baseUrl, credentials: () => demoCredentials, timeouts: { connectMs: 2_000, totalMs: 600_000 } });
const context: PaymentContext = {
  journal: openJournal(journalFile),
  gateway: async () => client,
  cards: new SensitiveCardStore(),
  settings: () => defaultSettings,
  clock: () => new Date(),
  logger: createLogger(() => undefined),
  newTransactionId,
  fingerprint: createCardFingerprinter(secrets),
};
const dispatch = createDispatch(hotelHandlers(context, secrets) as Handlers, context.logger);
process.stdout.write('sending\n');
void dispatch(channel, JSON.parse(argsJson)).then((result) => process.stdout.write(`finished ${JSON.stringify(result)}\n`));
