import { connect, JSONCodec } from 'nats';
import type { Logger } from '../logger.js';
import { isDomainEvent, newEventId, type DomainEvent } from './envelope.js';
import { createHttpEventPublisher } from './http.js';
import type { EventHandler, EventPublisher, EventSubscription } from './transport.js';

/**
 * Live events: what the gateway pushes to subscribers besides the orders' outbox events. They are
 * signals, not records: the subscriber's data is read again through the gateway when one arrives,
 * so a lost one loses a push, never data (clients read the lists again when they reconnect).
 *
 * Local default: POSTed to the gateway's EVENTS_ROUTE (GATEWAY_URL). With NATS_URL: plain NATS
 * messages on `gigmart.live.<type>`, outside the durable stream, which every gateway instance
 * receives.
 */
export const LIVE_SUBJECT_PREFIX = 'gigmart.live';
/** The subjects of the orders' durable stream (events.nats.ts), which the gateway also listens to. */
export const EVENTS_SUBJECT_PREFIX = 'gigmart.events';

export interface MessageAddedData {
  messageId: string;
  conversationId: string;
  authorId: string;
  /** Both members of the conversation. */
  participantIds: string[];
}
export interface NotificationAddedData {
  notificationId: string;
  recipientId: string;
}
export interface CountsChangedData {
  memberIds: string[];
}

export type LiveEvent =
  | DomainEvent<'message.added', MessageAddedData>
  | DomainEvent<'notification.added', NotificationAddedData>
  | DomainEvent<'inbox.counts_changed', CountsChangedData>;

export function liveEvent<T extends LiveEvent['type']>(
  type: T,
  aggregateId: string,
  data: Extract<LiveEvent, { type: T }>['data'],
  at: Date,
) {
  return { id: newEventId(), type, aggregateId, sequence: 0, occurredAt: at.toISOString(), data } as Extract<LiveEvent, { type: T }>;
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export function isLiveEvent(event: DomainEvent): event is LiveEvent {
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return false;
  switch (event.type) {
    case 'message.added':
      return (
        typeof d['messageId'] === 'string' &&
        typeof d['conversationId'] === 'string' &&
        typeof d['authorId'] === 'string' &&
        strings(d['participantIds'])
      );
    case 'notification.added':
      return typeof d['notificationId'] === 'string' && typeof d['recipientId'] === 'string';
    case 'inbox.counts_changed':
      return strings(d['memberIds']);
    default:
      return false;
  }
}

/** Where a service sends live events: NATS when `natsUrl` is set, else the gateway over HTTP; null: nowhere. */
export async function createLivePublisher(options: {
  natsUrl?: string;
  gatewayUrl?: string;
  serviceToken: string;
  subjectPrefix?: string;
}): Promise<EventPublisher | null> {
  if (options.natsUrl) {
    const nc = await connect({ servers: options.natsUrl, name: 'gigmart-live-publisher' });
    const codec = JSONCodec<DomainEvent>();
    const prefix = options.subjectPrefix ?? LIVE_SUBJECT_PREFIX;
    return {
      name: 'nats-live',
      publish(events) {
        for (const event of events) nc.publish(`${prefix}.${event.type}`, codec.encode(event));
        return nc.flush();
      },
      close: () => nc.drain(),
    };
  }
  if (!options.gatewayUrl) return null;
  const http = createHttpEventPublisher({ consumerUrl: options.gatewayUrl, serviceToken: options.serviceToken, timeoutMs: 2000 });
  return { ...http, name: 'gateway' };
}

/**
 * Every message on the given subject prefixes, for every instance that listens (no queue group, no
 * durable consumer): each gateway instance receives each event once and serves its own subscribers.
 */
export async function subscribeNatsBroadcast(options: {
  servers: string;
  subjectPrefixes: string[];
  handler: EventHandler;
  logger: Logger;
}): Promise<EventSubscription> {
  const nc = await connect({ servers: options.servers, name: 'gigmart-gateway-live' });
  const codec = JSONCodec<DomainEvent>();
  const loops = options.subjectPrefixes.map((prefix) => {
    const sub = nc.subscribe(`${prefix}.>`);
    return (async () => {
      for await (const message of sub) {
        try {
          const event = codec.decode(message.data);
          if (!isDomainEvent(event)) throw new Error('not an event');
          await options.handler([event]);
        } catch (error) {
          options.logger.warn({ err: error, subject: message.subject }, 'dropping a live event');
        }
      }
    })();
  });
  return {
    name: 'nats',
    async close() {
      await nc.drain();
      await Promise.all(loops);
    },
  };
}
