import { PlaceholderScreen } from './PlaceholderScreen';

export function SaleScreen() {
  return <PlaceholderScreen title="Sale" purpose="Ring up a sale: key the amount, then the customer swipes, inserts or taps their card." />;
}
