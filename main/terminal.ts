/**
 * The composition root: the terminal's services wired together, with every platform-specific
 * part passed in. The Electron entry and the browser host both build the terminal here, so the
 * same handlers serve both.
 */
import type { hostKinds } from '../preload/contract';
import { TerminalError } from './errors';
import { createGatewayAccess } from './gateway-access';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import { createEventBus, type EventBus } from './ipc/event-bus';
import type { Logger } from './log';
import { GatewayHealth, watchedClient } from './offline/gateway-health';
import { offlineHandlers } from './offline/offline-handlers';
import { createOfflineService } from './offline/offline-service';
import { createCardFingerprinter } from './payments/card-fingerprint';
import { dayHandlers } from './payments/day-handlers';
import { historyHandlers } from './payments/history-handlers';
import { hotelHandlers } from './payments/hotel-handlers';
import { startHousekeeping } from './payments/housekeeping';
import { openJournal } from './payments/journal/journal';
import { managerGate } from './payments/manager-approval';
import { createManagerDirectory } from './payments/manager-directory';
import { newTransactionId, type PaymentContext } from './payments/payment-context';
import { salesHandlers } from './payments/sales-handlers';
import { gatewaySearch } from './payments/till';
import { tillHandlers } from './payments/till-handlers';
import { keyedCardRead } from './reader/keyed-entry';
import type { ReaderProblemCode } from './reader/reader-problem';
import { SensitiveCardStore } from './reader/sensitive-card-store';
import { createReaderService } from './reader-service';
import { createCredentialVault } from './secrets/credentials';
import type { SecretStore } from './secrets/secret-store';
import type { OpenedConf } from './settings/conf-backing';
import { openSettingsService } from './settings/settings-service';

export interface TerminalParts {
  settingsFile: OpenedConf;
  /** The SQLite journal file; created with its schema on first start. */
  journalPath: string;
  secrets: SecretStore;
  logger: Logger;
  clock?: () => Date;
  /** A certificate authority the gateway client trusts besides the system's. */
  gatewayCaPem?: string;
  version: string;
  host: (typeof hostKinds)[number];
}

export interface Terminal {
  dispatch: Dispatch;
  events: EventBus;
  close(): Promise<void>;
}

export function createTerminal(parts: TerminalParts): Terminal {
  const { logger } = parts;
  const clock = parts.clock ?? (() => new Date());
  const events = createEventBus();
  const settings = openSettingsService(parts.settingsFile.backing, events, parts.settingsFile.problems);
  for (const problem of settings.problems) logger.log('warn', 'settings problem at start', { problem });
  const credentials = createCredentialVault(parts.secrets, logger);
  const gateway = createGatewayAccess({
    settings: settings.current,
    credentials,
    logger,
    clock,
    ...(parts.gatewayCaPem === undefined ? {} : { extraCaPem: parts.gatewayCaPem }),
  });

  const journal = openJournal(parts.journalPath, { clock });
  const currentClient = async () => (await gateway.client()).client;
  // Every flow's client reports unknown outcomes to the health monitor; its probes use the bare client.
  const health = new GatewayHealth({ gateway: currentClient });
  const payments: PaymentContext = {
    journal,
    gateway: async () => watchedClient(await currentClient(), health),
    cards: new SensitiveCardStore(),
    settings: settings.current,
    clock,
    logger,
    newTransactionId,
    fingerprint: createCardFingerprinter(parts.secrets),
  };

  // Recovery of attempts left unresolved by a crash runs now; money calls wait for it.
  const housekeeping = startHousekeeping(payments);
  const approve = managerGate(journal, createManagerDirectory(parts.secrets), logger);
  const offline = createOfflineService({
    context: payments,
    health,
    secrets: parts.secrets,
    approve,
    policy: () => {
      const { maxAgeHours, ...limits } = settings.current().offline;
      return { ...limits, maxAgeMs: maxAgeHours * 60 * 60_000 };
    },
    onStatus: (status) => events.emit('offline.status', status),
  });
  offline.start();
  const reader = createReaderService({ choice: () => settings.current().reader, store: payments.cards, events, logger, clock });

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Counter',
      version: parts.version,
      environment: settings.current().environment,
      terminalId: settings.current().terminalId,
      host: parts.host,
      settingsProblems: [...settings.problems],
    }),
    'settings.get': () => settings.current(),
    'settings.update': async (patch) => {
      const updated = settings.update(patch);
      logger.log('info', 'settings updated', { fields: Object.keys(patch) });
      gateway.reset();
      if (patch.reader) await reader.reconfigure();
      return updated;
    },
    'credentials.status': ({ environment }) => credentials.status(environment),
    'credentials.set': async (update) => {
      const status = await credentials.save(update);
      gateway.reset();
      return status;
    },
    'credentials.clear': async ({ environment }) => {
      const status = await credentials.clear(environment);
      gateway.reset();
      return status;
    },
    'gateway.test': () => gateway.check(),
    'sandbox.fault': async (fault) => {
      if (settings.current().environment !== 'sandbox') {
        throw new TerminalError('FORBIDDEN', 'sandbox faults exist only in training mode (environment: sandbox)');
      }
      const sandbox = await gateway.sandbox();
      await (fault.kind === 'none' ? sandbox.faults.clear() : sandbox.faults.set(fault));
      logger.log('info', 'training fault set on the sandbox gateway', { fault: fault.kind });
      return fault;
    },
    'card.keyed': (entry) => {
      const read = keyedCardRead(entry, { store: payments.cards, clock });
      if (!read.ok) throw new TerminalError('INVALID_ARGUMENT', read.problem.message, [{ field: keyedFieldOf(read.problem.code), message: read.problem.message }]);
      return read.value;
    },
    'reader.status': () => reader.status(),
    'reader.listPorts': () => reader.listPorts(),
    'reader.testCards': () => reader.testCards(),
    'reader.present': async ({ index, how }) => {
      await reader.present(index, how);
      return { presented: true as const };
    },
    ...salesHandlers(payments, approve),
    ...dayHandlers(payments),
    ...hotelHandlers(payments, parts.secrets),
    ...historyHandlers(payments, parts.secrets),
    ...offlineHandlers(offline),
    ...tillHandlers({ context: payments, approve, search: gatewaySearch(payments) }),
  };

  return {
    dispatch: createDispatch(handlers, logger),
    events,
    close: async () => {
      housekeeping.stop();
      await offline.stop();
      await reader.close();
      await gateway.close();
      journal.close();
    },
  };
}

/** Which keyed-entry field a reader problem is about, so the screen can mark it. */
function keyedFieldOf(code: ReaderProblemCode): string {
  if (code === 'bad-luhn') return 'pan';
  if (code === 'expired-card') return 'expiryYear';
  return 'card';
}
