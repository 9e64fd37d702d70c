/** The renderer's only door to main: Electron's preload, or the browser host's WebSocket bridge. */
import { createPosApi, type PosApi } from '../../preload/pos-api';
import { createWebSocketTransport } from './host-bridge';
import { useConnectionStore } from './stores/connection-store';

declare global {
  interface Window {
    pos?: PosApi;
  }
}

export const pos: PosApi =
  window.pos ?? createPosApi(createWebSocketTransport(new URL('bridge', window.location.href), () => useConnectionStore.getState().lost()));
