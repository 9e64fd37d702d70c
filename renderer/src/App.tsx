import { useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NavBar } from './components/NavBar';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { PlaceholderScreen } from './screens/PlaceholderScreen';
import { screenForShortcut, type ScreenId } from './screens/screen-list';
import { SettingsScreen } from './screens/SettingsScreen';
import { useAppStore } from './stores/app-store';

const placeholders: Record<Exclude<ScreenId, 'settings'>, { title: string; purpose: string }> = {
  sale: { title: 'Sale', purpose: 'Ring up a sale: key the amount, then the customer swipes, inserts or taps their card.' },
  preauth: { title: 'Pre-auth', purpose: 'Place a hold on a card now and capture the final amount later.' },
  tabs: { title: 'Tabs', purpose: 'Hotel tabs: a hold at check-in, incremental authorizations during the stay, one capture at check-out.' },
  split: { title: 'Split tender', purpose: 'Pay one sale with several cards or cash when a card is only partly approved.' },
  void: { title: 'Void', purpose: "A manager voids today's captures and sales before the batch settles." },
};

export function App() {
  const screen = useAppStore((state) => state.screen);
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
        {screen === 'settings' ? <SettingsScreen /> : <PlaceholderScreen {...placeholders[screen]} />}
      </ErrorBoundary>
    </div>
  );
}
