import { ScreenFrame } from '../components/ScreenFrame';

/** A screen whose flow is not in this version yet: says what it will do, so nobody mistakes it for broken. */
export function PlaceholderScreen({ title, purpose }: { title: string; purpose: string }) {
  return (
    <ScreenFrame title={title}>
      <p>{purpose}</p>
      <p className="muted">Not available in this version of Counter yet.</p>
    </ScreenFrame>
  );
}
