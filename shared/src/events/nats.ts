import { AckPolicy, connect, DeliverPolicy, JSONCodec, RetentionPolicy, type NatsConnection } from 'nats';
import type { Logger } from '../logger.js';
import { measureEventHandler } from '../observability/metrics.js';
import { isDomainEvent, type DomainEvent } from './envelope.js';
import type { EventHandler, EventPublisher, EventSubscription } from './transport.js';

/**
 * NATS JetStream transport, for when several instances of each service share one durable stream.
 * Publishing sets the event id as the message id, so JetStream's duplicate window drops a
 * re-publish after a relay crash; consumers share one durable consumer and ack after applying.
 */
export interface NatsOptions {
  servers: string;
  /** Stream name; tests use their own. */
  stream?: string;
  /** Subjects are `<subjectPrefix>.<event type>`. */
  subjectPrefix?: string;
}

const codec = JSONCodec<DomainEvent>();

function names(options: NatsOptions) {
  const stream = options.stream ?? 'GIGMART_EVENTS';
  const prefix = options.subjectPrefix ?? 'gigmart.events';
  return { stream, prefix, subjects: [`${prefix}.>`] };
}

/**
 * How many copies of the stream a new one keeps: one per server of the NATS cluster the connection
 * sees (its INFO's connect_urls, which name every server including this one), at most three. A lone
 * server: 1; a three-node cluster: 3, so that losing any one node loses no event and stops nothing.
 */
export function streamReplicas(nc: Pick<NatsConnection, 'info'>): number {
  const servers = new Set(nc.info?.connect_urls ?? []).size;
  return Math.min(3, Math.max(1, servers));
}

async function ensureStream(nc: NatsConnection, options: NatsOptions): Promise<void> {
  const { stream, subjects } = names(options);
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams
      .add({
        name: stream,
        subjects,
        retention: RetentionPolicy.Limits,
        duplicate_window: 2 * 60 * 1_000_000_000,
        num_replicas: streamReplicas(nc),
      })
      .catch(async (error: unknown) => {
        // Another instance created it first.
        await jsm.streams.info(stream).catch(() => {
          throw error;
        });
      });
  }
}

export async function createNatsEventPublisher(options: NatsOptions): Promise<EventPublisher> {
  const nc = await connect({ servers: options.servers, name: 'gigmart-publisher' });
  await ensureStream(nc, options);
  const js = nc.jetstream();
  const { prefix } = names(options);
  return {
    name: 'nats',
    async publish(events) {
      // In order, one at a time: the stream keeps each aggregate's events in sequence.
      for (const event of events) {
        await js.publish(`${prefix}.${event.type}`, codec.encode(event), { msgID: event.id });
      }
    },
    async close() {
      await nc.drain();
    },
  };
}

/**
 * A durable pull consumer: every instance of the consuming service uses the same `durable` name,
 * so each event is handled by one of them; a failed handler naks for redelivery after a delay.
 */
export async function subscribeNatsEvents(
  options: NatsOptions & { durable: string; handler: EventHandler; logger: Logger },
): Promise<EventSubscription> {
  const nc = await connect({ servers: options.servers, name: `gigmart-${options.durable}` });
  await ensureStream(nc, options);
  const { stream } = names(options);
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.consumers.info(stream, options.durable);
  } catch {
    await jsm.consumers
      .add(stream, {
        durable_name: options.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 30_000_000_000,
      })
      .catch(async (error: unknown) => {
        await jsm.consumers.info(stream, options.durable).catch(() => {
          throw error;
        });
      });
  }
  const handler = measureEventHandler(options.durable, 'nats', options.handler);
  const consumer = await nc.jetstream().consumers.get(stream, options.durable);
  const messages = await consumer.consume({ max_messages: 100 });
  const loop = (async () => {
    for await (const message of messages) {
      let event: DomainEvent;
      try {
        event = codec.decode(message.data);
        if (!isDomainEvent(event)) throw new Error('not an event');
      } catch (error) {
        options.logger.error({ err: error, subject: message.subject }, 'dropping a malformed event');
        message.term();
        continue;
      }
      try {
        await handler([event]);
        message.ack();
      } catch (error) {
        options.logger.warn({ err: error, eventId: event.id }, 'event handler failed: redelivering later');
        message.nak(1000);
      }
    }
  })();
  return {
    name: 'nats',
    async close() {
      messages.stop();
      await loop.catch(() => {});
      await nc.drain();
    },
  };
}

/** Deletes a stream and its consumers (tests clean up their own streams). */
export async function removeNatsStream(options: NatsOptions): Promise<void> {
  const nc = await connect({ servers: options.servers, name: 'gigmart-cleanup' });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(names(options).stream).catch(() => false);
  } finally {
    await nc.drain();
  }
}
