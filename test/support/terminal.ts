import Conf from 'conf';
import { join } from 'node:path';
import type { Channel, ChannelArgs, ChannelResult, EventName, EventPayload, PosResult } from '../../preload/contract';
import { createLogger } from '../../main/log';
import { keytarSecretStore } from '../../main/secrets/secret-store';
import { openConfBacking } from '../../main/settings/conf-backing';
import { randomUUID } from 'node:crypto';
import { createTerminal, type Terminal, type TerminalParts } from '../../main/terminal';

/**
 * A terminal under plain Node with its settings in `dataDir`, its own keychain service (so tests
 * never share or leave credentials), and its log lines collected in memory.
 */
export function terminalIn(
  dataDir: string,
  keychainService = `counter-test-${randomUUID()}`,
  extra: Pick<TerminalParts, 'gatewayCaPem' | 'clock'> = {},
): { terminal: Terminal; logLines: string[] } {
  const logLines: string[] = [];
  const settingsFile = openConfBacking(
    () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings' }),
    join(dataDir, 'settings.json'),
  );
  const terminal = createTerminal({ settingsFile, journalPath: join(dataDir, 'journal.sqlite'), secrets: keytarSecretStore(keychainService), logger: createLogger((line) => logLines.push(line)), version: '0.0.0-test', host: 'browser', ...extra });
  return { terminal, logLines };
}

/** A contract call with the contract's types, through the same dispatcher the bridges use. */
export function call<C extends Channel>(terminal: Terminal, channel: C, args?: ChannelArgs<C>): Promise<PosResult<ChannelResult<C>>> {
  return terminal.dispatch(channel, args) as Promise<PosResult<ChannelResult<C>>>;
}

/** The next event `name` (that `accept` takes) the terminal sends. */
export function nextEvent<E extends EventName>(terminal: Terminal, name: E, accept: (payload: EventPayload<E>) => boolean = () => true): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const stop = terminal.events.subscribe((event: EventName, payload: unknown) => {
      if (event !== name) return;
      const typed = payload as EventPayload<E>;
      if (!accept(typed)) return;
      stop();
      resolve(typed);
    });
  });
}

/** Taps training test card `index` on the simulated reader; resolves with the card's handle. */
export async function tapTestCard(terminal: Terminal, index = 0): Promise<string> {
  const card = nextEvent(terminal, 'reader.card');
  await call(terminal, 'reader.present', { index, how: 'tap' });
  return (await card).handle;
}
