import { PlaceholderScreen } from './PlaceholderScreen';

export function SplitTenderScreen() {
  return <PlaceholderScreen title="Split tender" purpose="Pay one sale with several cards or cash when a card is only partly approved." />;
}
