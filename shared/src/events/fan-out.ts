import type { Logger } from '../logger.js';
import type { DomainEvent } from './envelope.js';
import type { EventPublisher } from './transport.js';

export interface FanOutTarget {
  publisher: EventPublisher;
  /** Only these events go to this consumer (default: all). */
  accepts?: (event: DomainEvent) => boolean;
}

/**
 * One outbox, several consumers over HTTP. `publish` resolves once every `required` consumer
 * acknowledged its events, all asked at once (a failure rejects, and the relay retries the whole batch: consumers
 * apply events idempotently, so the ones that had them already change nothing). Then the batch is
 * handed to each `bestEffort` consumer (the gateway's live updates) without waiting: a gateway
 * that is down must not hold the outbox back, and its subscribers re-read on reconnect.
 */
export function createFanOutPublisher(options: { required: FanOutTarget[]; bestEffort?: FanOutTarget[]; logger: Logger }): EventPublisher {
  const pick = (target: FanOutTarget, events: DomainEvent[]) => (target.accepts ? events.filter(target.accepts) : events);
  return {
    name: 'http',
    async publish(events) {
      // At once: each consumer applies in its own database, so the order waits for the slowest, not the sum.
      await Promise.all(options.required.map((target) => target.publisher.publish(pick(target, events))));
      for (const target of options.bestEffort ?? []) {
        target.publisher.publish(pick(target, events)).catch((error: unknown) => {
          options.logger.debug({ err: error, consumer: target.publisher.name }, 'live event not delivered (best effort)');
        });
      }
    },
    async close() {
      await Promise.all([...options.required, ...(options.bestEffort ?? [])].map((t) => t.publisher.close()));
    },
  };
}
