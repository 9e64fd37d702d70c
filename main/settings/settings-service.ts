/**
 * The terminal's settings: read once at start, validated field by field, kept in memory, and
 * written through on every accepted change.
 */
import { Settings, defaultSettings, type SettingsPatch } from '../../preload/contract';
import { invalidArgument } from '../errors';
import type { EventBus } from '../ipc/event-bus';

export interface SettingsBacking {
  read(): unknown;
  write(settings: Settings): void;
}

export interface SettingsService {
  current(): Settings;
  update(patch: SettingsPatch): Settings;
  /** What was wrong with the settings on disk at start; each was replaced by its default. */
  readonly problems: readonly string[];
}

export function openSettingsService(backing: SettingsBacking, events: EventBus, startProblems: string[] = []): SettingsService {
  const { settings: loaded, problems } = repairSettings(backing.read());
  let settings = loaded;
  const allProblems = [...startProblems, ...problems];
  if (allProblems.length > 0) backing.write(settings);
  return {
    problems: allProblems,
    current: () => settings,
    update(patch) {
      const merged = Settings.safeParse({ ...settings, ...patch });
      if (!merged.success) throw invalidArgument(merged.error);
      backing.write(merged.data);
      settings = merged.data;
      events.emit('settings.changed', settings);
      return settings;
    },
  };
}

/**
 * Keeps every valid stored field and replaces each invalid one by its default, so one bad value
 * does not cost the operator the rest of their configuration. Missing fields (a setting newer
 * than the file) take their default silently.
 */
export function repairSettings(stored: unknown): { settings: Settings; problems: string[] } {
  if (stored === undefined) return { settings: defaultSettings, problems: [] };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return { settings: defaultSettings, problems: ['settings on disk are not an object; all settings reset to defaults'] };
  }
  const record = stored as Record<string, unknown>;
  const problems: string[] = [];
  const repaired: Record<string, unknown> = {};
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    if (!(key in record)) {
      repaired[key] = defaultSettings[key];
      continue;
    }
    const field = Settings.shape[key].safeParse(record[key]);
    if (field.success) {
      repaired[key] = field.data;
    } else {
      repaired[key] = defaultSettings[key];
      const reason = field.error.issues[0]?.message ?? 'invalid';
      problems.push(`${key}: stored value ${JSON.stringify(record[key])} ${reason}; reset to ${JSON.stringify(defaultSettings[key])}`);
    }
  }
  for (const key of Object.keys(record)) {
    if (!(key in defaultSettings)) problems.push(`${key}: not a setting Counter knows; removed`);
  }
  return { settings: Settings.parse(repaired), problems };
}
