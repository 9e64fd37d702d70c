/**
 * The composition root: the terminal's services wired together, with every platform-specific
 * part passed in. The Electron entry and the browser host both build the terminal here, so the
 * same handlers serve both.
 */
import type { hostKinds } from '../preload/contract';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import { createEventBus, type EventBus } from './ipc/event-bus';
import type { Logger } from './log';
import { createCredentialVault } from './secrets/credentials';
import type { SecretStore } from './secrets/secret-store';
import type { OpenedConf } from './settings/conf-backing';
import { openSettingsService } from './settings/settings-service';

export interface TerminalParts {
  settingsFile: OpenedConf;
  secrets: SecretStore;
  logger: Logger;
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
  const events = createEventBus();
  const settings = openSettingsService(parts.settingsFile.backing, events, parts.settingsFile.problems);
  for (const problem of settings.problems) logger.log('warn', 'settings problem at start', { problem });
  const credentials = createCredentialVault(parts.secrets, logger);

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
    'settings.update': (patch) => {
      const updated = settings.update(patch);
      logger.log('info', 'settings updated', { fields: Object.keys(patch) });
      return updated;
    },
    'credentials.status': ({ environment }) => credentials.status(environment),
    'credentials.set': (update) => credentials.save(update),
    'credentials.clear': ({ environment }) => credentials.clear(environment),
  };

  return {
    dispatch: createDispatch(handlers, logger),
    events,
    close: async () => {},
  };
}
