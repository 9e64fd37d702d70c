/**
 * `node dist/main/host.js [--port N] [--bind 127.0.0.1] [--data-dir DIR]`: the terminal under
 * plain Node, served to a browser. Prints the address (with its token) on stdout.
 */
import Conf from 'conf';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { defaultDataDir, openPrivateLog, preparePrivateDataDir } from '../data-dir';
import { createLogger } from '../log';
import { keytarSecretStore } from '../secrets/secret-store';
import { openConfBacking } from '../settings/conf-backing';
import { createTerminal } from '../terminal';
import { startHost } from './host-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    bind: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
preparePrivateDataDir(dataDir);

const logFile = openPrivateLog(dataDir);
const logger = createLogger((line) => logFile.write(line));
const settingsFile = openConfBacking(
  () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings' }),
  join(dataDir, 'settings.json'),
);
const terminal = createTerminal({ settingsFile, journalPath: join(dataDir, 'journal.sqlite'), secrets: keytarSecretStore(process.env.COUNTER_KEYCHAIN_SERVICE), logger, version, host: 'browser' });

try {
  const host = await startHost({
    terminal,
    logger,
    port,
    bindAddress: values.bind,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  });
  logger.log('info', 'browser host started', { dataDir });
  console.log(`Counter is running at ${host.url}`);
  const stop = async () => {
    await host.close();
    await terminal.close();
    logFile.end(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Counter could not start the browser host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
