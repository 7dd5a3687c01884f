import type { Express } from 'express';
import { callInternal, InternalCallError } from '../auth/service-token.js';
import { internalRoute } from '../http/internal-route.js';
import type { Logger } from '../logger.js';
import { measureEventHandler } from '../observability/metrics.js';
import { isDomainEvent, type DomainEvent } from './envelope.js';
import type { EventHandler, EventPublisher } from './transport.js';

/** The consumer's internal route for pushed events (not reachable through the gateway). */
export const EVENTS_ROUTE = '/internal/events';

export interface EventBatch {
  events: DomainEvent[];
}

/** Default transport: POST batches to the consumer service; its 2xx is the acknowledgement. */
export function createHttpEventPublisher(options: { consumerUrl: string; serviceToken: string; timeoutMs?: number }): EventPublisher {
  return {
    name: 'http',
    async publish(events) {
      if (!events.length) return;
      await callInternal<unknown>(options.consumerUrl, EVENTS_ROUTE, { events } satisfies EventBatch, {
        token: options.serviceToken,
        timeoutMs: options.timeoutMs ?? 5000,
      });
    },
    async close() {},
  };
}

/**
 * Mounts EVENTS_ROUTE on a consumer: the credential is checked before the body is read (see
 * `internalRoute`), the batch's shape next, and the answer is 204 only once the handler applied it.
 */
export function mountEventReceiver(
  app: Express,
  options: { serviceToken: string; handler: EventHandler; logger: Logger; maxBytes?: number; consumer?: string },
): void {
  // Named in the metrics by the consuming service (its logger's `service`) unless told otherwise.
  const handler = measureEventHandler(options.consumer ?? consumerName(options.logger), 'http', options.handler);
  internalRoute(
    app,
    EVENTS_ROUTE,
    { serviceToken: options.serviceToken, maxBytes: options.maxBytes ?? 1024 * 1024 },
    async (body, _req, res) => {
      const events = (body as Partial<EventBatch> | null)?.events;
      if (!Array.isArray(events) || !events.every(isDomainEvent)) {
        res.status(400).json({ error: 'Expected { events: DomainEvent[] }.' });
        return;
      }
      try {
        await handler(events);
      } catch (error) {
        options.logger.error({ err: error, count: events.length }, 'applying events failed');
        throw error;
      }
      res.status(204).end();
    },
  );
}

export { InternalCallError };

/** The service a logger speaks for (createLogger's `service`). */
export function consumerName(logger: Logger): string {
  const service = logger.bindings()['service'] as unknown;
  return typeof service === 'string' ? service : 'unknown';
}
