import { PlaceholderScreen } from './PlaceholderScreen';

export function TabsScreen() {
  return <PlaceholderScreen title="Tabs" purpose="Hotel tabs: a hold at check-in, incremental authorizations during the stay, one capture at check-out." />;
}
