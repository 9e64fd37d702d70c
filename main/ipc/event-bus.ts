/** Main → renderer events, typed by the contract; each bridge (Electron, browser host) subscribes once. */
import type { EventName, EventPayload } from '../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
