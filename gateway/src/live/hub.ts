import type { DomainEvent } from '@gigmart/shared';

/** Event ids remembered to drop a redelivery (an outbox relay retrying a batch, NATS and HTTP both). */
const REMEMBERED_IDS = 10_000;

export type LiveListener = (event: DomainEvent) => void;

/**
 * The events this gateway process received (from the services over HTTP, from the cluster primary,
 * or from NATS), handed to every subscription of this process once per event id.
 */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private readonly seen = new Set<string>();

  get size(): number {
    return this.listeners.size;
  }

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(events: readonly DomainEvent[]): void {
    for (const event of events) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value!);
      for (const listener of this.listeners) listener(event);
    }
  }
}
