import { PlaceholderScreen } from './PlaceholderScreen';

export function PreAuthScreen() {
  return <PlaceholderScreen title="Pre-auth" purpose="Place a hold on a card now and capture the final amount later." />;
}
