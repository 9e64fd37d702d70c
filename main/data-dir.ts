/** Where Counter keeps its settings and journal when Electron's `userData` is not available. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Mirrors Electron's `app.getPath('userData')` for an app named Counter, so both hosts share one folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COUNTER_DATA_DIR) return env.COUNTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Counter');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Counter');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Counter');
}
