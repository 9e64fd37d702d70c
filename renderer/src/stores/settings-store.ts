/** The settings screen's state: what is stored, what is being saved, and what main refused and why. */
import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../preload/contract';
import { pos } from '../pos';

interface SettingsState {
  settings?: Settings;
  loadError?: string;
  saving: boolean;
  saveError?: string;
  /** By field path, e.g. `terminalId` or `reader.serial.path`. */
  fieldErrors: Record<string, string>;
  savedAt?: number;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  saving: false,
  fieldErrors: {},
  async load() {
    const result = await pos.settings.get();
    set(result.ok ? { settings: result.value, loadError: undefined } : { loadError: result.error.message });
  },
  async save(patch) {
    set({ saving: true, saveError: undefined, fieldErrors: {}, savedAt: undefined });
    const result = await pos.settings.update(patch);
    if (result.ok) {
      set({ saving: false, settings: result.value, savedAt: Date.now() });
      return;
    }
    const fieldErrors: SettingsState['fieldErrors'] = {};
    for (const problem of result.error.fields ?? []) fieldErrors[problem.field] = problem.message;
    set({ saving: false, saveError: result.error.message, fieldErrors });
  },
}));
