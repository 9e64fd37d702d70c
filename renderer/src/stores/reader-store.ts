/** The card reader as the screens see it: its status, and the last card presented (masked). */
import { create } from 'zustand';
import type { CardRead, ReaderStatus } from '../../../preload/contract';
import { pos } from '../pos';

interface ReaderState {
  status?: ReaderStatus;
  lastCard?: CardRead;
  error?: string;
  connect(): Promise<void>;
}

export const useReaderStore = create<ReaderState>((set) => ({
  async connect() {
    const result = await pos.reader.status();
    set(result.ok ? { status: result.value, error: undefined } : { error: result.error.message });
  },
}));

pos.on('reader.status', (status) => useReaderStore.setState({ status }));
pos.on('reader.card', (card) => useReaderStore.setState({ lastCard: card }));

/** The status in words for the status bar; never colour alone. */
export function describeReader(status: ReaderStatus | undefined): string {
  if (!status) return 'Checking…';
  switch (status.state) {
    case 'off':
      return 'None (keyed entry)';
    case 'disconnected':
      return status.retryInMs === undefined ? 'Disconnected' : `Disconnected, retrying in ${Math.ceil(status.retryInMs / 1000)} s`;
    case 'connecting':
      return 'Connecting…';
    case 'ready':
      return 'Ready';
    case 'reading':
      return 'Waiting for card';
    case 'error':
      return `Problem: ${status.problem.message}`;
  }
}
