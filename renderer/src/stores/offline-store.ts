/** The gateway's reachability and the offline queue, as every screen's banner shows them. */
import { create } from 'zustand';
import type { OfflineStatus } from '../../../preload/channels/offline';
import { pos } from '../pos';

interface OfflineState {
  status?: OfflineStatus;
  load(): Promise<void>;
}

export const useOfflineStore = create<OfflineState>((set) => ({
  async load() {
    const result = await pos.offline.status();
    if (result.ok) set({ status: result.value });
  },
}));

pos.on('offline.status', (status) => useOfflineStore.setState({ status }));
