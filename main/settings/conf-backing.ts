/**
 * Settings on disk through `conf` (plain Node) or `electron-store` (which is `conf` underneath):
 * both expose the whole file as `store`.
 */
import { renameSync } from 'node:fs';
import type { Settings } from '../../preload/contract';
import type { SettingsBacking } from './settings-service';

export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface OpenedConf {
  backing: SettingsBacking;
  problems: string[];
}

/**
 * Opens the settings file; one that is not valid JSON is moved aside (kept for support, never
 * deleted) and a fresh file is started, so a damaged file never stops the terminal from starting.
 */
export function openConfBacking(open: () => ConfLike, filePath: string, now: () => Date = () => new Date()): OpenedConf {
  const problems: string[] = [];
  let conf: ConfLike;
  try {
    conf = open();
    void conf.store;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const aside = `${filePath}.invalid-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(filePath, aside);
    problems.push(`settings file was not valid JSON (${error.message}); moved to ${aside} and reset to defaults`);
    conf = open();
  }
  return {
    problems,
    backing: {
      read: () => (Object.keys(conf.store).length === 0 ? undefined : conf.store),
      write: (settings: Settings) => {
        conf.store = settings;
      },
    },
  };
}
