import { PlaceholderScreen } from './PlaceholderScreen';

export function VoidScreen() {
  return <PlaceholderScreen title="Void" purpose="A manager voids today's captures and sales before the batch settles." />;
}
