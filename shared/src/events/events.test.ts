import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { testLogger, until } from '../testing/index.js';
import { newEventId, type DomainEvent } from './envelope.js';
import { createHttpEventPublisher, mountEventReceiver } from './http.js';
import { createNatsEventPublisher, subscribeNatsEvents } from './nats.js';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const TOKEN = 'x'.repeat(40);

function event(sequence: number, aggregateId = 'order-1'): DomainEvent {
  return { id: newEventId(), type: 'order.placed', aggregateId, sequence, occurredAt: new Date().toISOString(), data: { n: sequence } };
}

describe('HTTP transport', () => {
  const received: DomainEvent[] = [];
  let failNext = false;
  const app = express();
  mountEventReceiver(app, {
    serviceToken: TOKEN,
    logger: testLogger,
    handler: (events) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('consumer failed'));
      }
      received.push(...events);
      return Promise.resolve();
    },
  });
  const server = app.listen(0, '127.0.0.1');
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise((r) => server.close(r)));

  it('delivers a batch and resolves once the consumer applied it', async () => {
    const publisher = createHttpEventPublisher({ consumerUrl: url(), serviceToken: TOKEN });
    const batch = [event(1), event(2)];
    await publisher.publish(batch);
    expect(received.map((e) => e.id)).toEqual(batch.map((e) => e.id));
  });

  it('rejects when the consumer fails or the credential is wrong, so the relay retries', async () => {
    failNext = true;
    await expect(createHttpEventPublisher({ consumerUrl: url(), serviceToken: TOKEN }).publish([event(3)])).rejects.toThrow(/500/);
    await expect(createHttpEventPublisher({ consumerUrl: url(), serviceToken: 'y'.repeat(40) }).publish([event(4)])).rejects.toThrow(/401/);
    expect(received.map((e) => e.sequence)).toEqual([1, 2]);
  });
});

describe('NATS JetStream transport', () => {
  const stream = `TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
  const subjectPrefix = `test.${stream.toLowerCase()}`;

  it('delivers each event once across consumers sharing a durable, and drops re-published duplicates', async () => {
    const seen: DomainEvent[] = [];
    const handler = (events: DomainEvent[]) => {
      seen.push(...events);
      return Promise.resolve();
    };
    const a = await subscribeNatsEvents({ servers: NATS_URL, stream, subjectPrefix, durable: 'gigs', handler, logger: testLogger });
    const b = await subscribeNatsEvents({ servers: NATS_URL, stream, subjectPrefix, durable: 'gigs', handler, logger: testLogger });
    const publisher = await createNatsEventPublisher({ servers: NATS_URL, stream, subjectPrefix });
    try {
      const events = Array.from({ length: 20 }, (_, i) => event(i + 1));
      await publisher.publish(events);
      await publisher.publish(events.slice(0, 5)); // a relay that crashed before marking them sent
      await until(() => seen.length >= 20, '20 events');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toHaveLength(20);
      expect(new Set(seen.map((e) => e.id)).size).toBe(20);
    } finally {
      await Promise.all([a.close(), b.close(), publisher.close()]);
    }
  });

  it('redelivers an event whose handler failed', async () => {
    const seen: number[] = [];
    let failures = 0;
    const sub = await subscribeNatsEvents({
      servers: NATS_URL,
      stream,
      subjectPrefix,
      durable: 'flaky',
      logger: testLogger,
      handler: ([e]) => {
        if (e!.sequence === 100 && failures === 0) {
          failures += 1;
          return Promise.reject(new Error('temporary'));
        }
        seen.push(e!.sequence);
        return Promise.resolve();
      },
    });
    const publisher = await createNatsEventPublisher({ servers: NATS_URL, stream, subjectPrefix });
    try {
      await publisher.publish([event(100, 'order-2')]);
      await until(() => seen.includes(100), 'the redelivery');
      expect(failures).toBe(1);
    } finally {
      await Promise.all([sub.close(), publisher.close()]);
    }
  });
});
