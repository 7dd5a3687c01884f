/**
 * Tells the relay of this process that a write just recorded an outbox event, so it publishes at
 * once instead of at its next poll (the poll still finds events written by other instances).
 */
export interface OutboxSignal {
  notify(): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createOutboxSignal(): OutboxSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
