/** Whether the renderer can still reach main (only the browser host's socket can drop). */
import { create } from 'zustand';

interface ConnectionState {
  connected: boolean;
  lost(): void;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  connected: true,
  lost: () => set({ connected: false }),
}));
