import { useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NavBar } from './components/NavBar';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { DayScreen } from './screens/DayScreen';
import { HistoryScreen } from './screens/HistoryScreen';
import { OfflineScreen } from './screens/OfflineScreen';
import { PreAuthScreen } from './screens/PreAuthScreen';
import { SaleScreen } from './screens/SaleScreen';
import { screenForShortcut, type ScreenId } from './screens/screen-list';
import { SettingsScreen } from './screens/SettingsScreen';
import { SplitTenderScreen } from './screens/SplitTenderScreen';
import { TabsScreen } from './screens/TabsScreen';
import { VoiceScreen } from './screens/VoiceScreen';
import { VoidScreen } from './screens/VoidScreen';
import { useAppStore } from './stores/app-store';

const screenComponents: Record<ScreenId, () => React.JSX.Element> = {
  sale: SaleScreen,
  preauth: PreAuthScreen,
  tabs: TabsScreen,
  split: SplitTenderScreen,
  void: VoidScreen,
  history: HistoryScreen,
  voice: VoiceScreen,
  offline: OfflineScreen,
  day: DayScreen,
  settings: SettingsScreen,
};

export function App() {
  const screen = useAppStore((state) => state.screen);
  const Screen = screenComponents[screen];
  const go = useAppStore((state) => state.go);
  const loadInfo = useAppStore((state) => state.loadInfo);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = screenForShortcut(event.code);
      if (!target) return;
      event.preventDefault();
      go(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [go]);

  return (
    <div className="frame">
      <StatusBar />
      <NavBar />
      <Notices />
      <ErrorBoundary key={screen} onReset={() => go('sale')}>
        <Screen />
      </ErrorBoundary>
    </div>
  );
}
