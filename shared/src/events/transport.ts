import type { DomainEvent } from './envelope.js';

/**
 * How events leave a service. `publish` resolves only once the other side has acknowledged every
 * event given (the consumer for HTTP, the durable stream for NATS JetStream); a rejection means
 * none can be assumed delivered, and the caller keeps them to retry.
 */
export interface EventPublisher {
  readonly name: string;
  publish(events: DomainEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** Applies delivered events; must be idempotent and safe for any order of arrival. */
export type EventHandler = (events: DomainEvent[]) => Promise<void>;

/** How events arrive when the transport is pull-based (NATS); HTTP pushes to a route instead. */
export interface EventSubscription {
  readonly name: string;
  close(): Promise<void>;
}
