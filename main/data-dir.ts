/** Where Counter keeps its settings and journal when Electron's `userData` is not available. */
import { chmodSync, createWriteStream, fchmodSync, mkdirSync, openSync, type WriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Mirrors Electron's `app.getPath('userData')` for an app named Counter, so both hosts share one folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COUNTER_DATA_DIR) return env.COUNTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Counter');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Counter');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Counter');
}

/**
 * Creates the data folder readable by its owner only (0700), and tightens one made before: the
 * journal, the log and the settings in it are nobody else's business on a shared machine.
 */
export function preparePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The log file, appended to, readable by its owner only (0600) even when it existed before. */
export function openPrivateLog(dir: string): WriteStream {
  const path = join(dir, 'counter.log');
  const fd = openSync(path, 'a', 0o600);
  fchmodSync(fd, 0o600);
  return createWriteStream(path, { fd });
}
