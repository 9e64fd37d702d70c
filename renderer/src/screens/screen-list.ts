/** The terminal's screens in navigation order, each with the Alt+letter shortcut shown on its button. */
export const screens = [
  { id: 'sale', label: 'Sale', key: 'S' },
  { id: 'preauth', label: 'Pre-auth', key: 'A' },
  { id: 'tabs', label: 'Tabs', key: 'T' },
  { id: 'split', label: 'Split tender', key: 'L' },
  { id: 'void', label: 'Void', key: 'V' },
  { id: 'history', label: 'History', key: 'H' },
  { id: 'voice', label: 'Voice auth', key: 'U' },
  { id: 'offline', label: 'Offline', key: 'O' },
  { id: 'day', label: 'Day', key: 'D' },
  { id: 'settings', label: 'Settings', key: 'G' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

export function screenForShortcut(code: string): ScreenId | undefined {
  return screens.find((screen) => code === `Key${screen.key}`)?.id;
}
