/**
 * `window.pos` over the browser host's WebSocket, for when the renderer runs in a plain browser
 * instead of Electron. Calls made before the socket opens wait for it; calls after it closes
 * resolve to a DISCONNECTED error rather than hanging.
 */
import type { Channel, EventName, PosResult } from '../../preload/contract';
import type { PosTransport } from '../../preload/pos-api';

type Incoming = { kind: 'result'; id: number; result: PosResult<unknown> } | { kind: 'event'; event: EventName; payload: unknown };

const disconnected: PosResult<never> = {
  ok: false,
  error: { code: 'DISCONNECTED', message: 'The connection to the terminal was lost. Reload the page to reconnect.' },
};

export function createWebSocketTransport(bridgeUrl: URL, onClose: () => void): PosTransport {
  bridgeUrl.protocol = bridgeUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(bridgeUrl);
  const pending = new Map<number, (result: PosResult<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
  let nextId = 1;
  let closed = false;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const incoming = JSON.parse(message.data) as Incoming;
    if (incoming.kind === 'result') {
      pending.get(incoming.id)?.(incoming.result);
      pending.delete(incoming.id);
    } else {
      for (const listener of listeners.get(incoming.event) ?? []) listener(incoming.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(disconnected);
    pending.clear();
    onClose();
  });

  return {
    async invoke(channel: Channel, args: unknown) {
      await Promise.race([opened, new Promise<void>((resolve) => socket.addEventListener('close', () => resolve(), { once: true }))]);
      if (closed) return disconnected;
      const id = nextId++;
      return new Promise<PosResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, args }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
