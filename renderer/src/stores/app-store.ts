/** Which screen is showing and what the terminal says about itself (version, environment, terminal id). */
import { create } from 'zustand';
import type { AppInfo, Settings } from '../../../preload/contract';
import { pos } from '../pos';
import type { ScreenId } from '../screens/screen-list';

interface AppState {
  screen: ScreenId;
  info?: AppInfo;
  infoError?: string;
  problemsDismissed: boolean;
  go(screen: ScreenId): void;
  loadInfo(): Promise<void>;
  settingsChanged(settings: Settings): void;
  dismissProblems(): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  screen: 'sale',
  problemsDismissed: false,
  go: (screen) => set({ screen }),
  async loadInfo() {
    const result = await pos.app.info();
    set(result.ok ? { info: result.value, infoError: undefined } : { infoError: result.error.message });
  },
  settingsChanged(settings) {
    const { info } = get();
    if (info) set({ info: { ...info, environment: settings.environment, terminalId: settings.terminalId } });
  },
  dismissProblems: () => set({ problemsDismissed: true }),
}));

pos.on('settings.changed', (settings) => useAppStore.getState().settingsChanged(settings));
