/**
 * Tells the relay of this process that a write just recorded an outbox event, so it publishes at
 * once instead of at its next poll (the poll still finds events written by other instances), and
 * the track-record cache whose seller's orders changed.
 */
export interface OutboxSignal {
  notify(sellerId: string): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (sellerId: string) => void): () => void;
}

export function createOutboxSignal(): OutboxSignal {
  const listeners = new Set<(sellerId: string) => void>();
  return {
    notify(sellerId) {
      for (const listener of listeners) listener(sellerId);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
