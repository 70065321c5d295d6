// Main's outgoing events to every connected renderer (Electron windows, browser-mode tabs).
import type { AppEvent } from '../../src-shared/ipc/index';

export interface EventBus {
  emit(event: AppEvent): void;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    emit(event) {
      for (const l of listeners) l(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
