import { describe, expect, it } from 'vitest';
import { testLogger, until } from '../testing/index.js';
import { newEventId, type DomainEvent } from './envelope.js';
import { createFanOutPublisher } from './fan-out.js';
import type { EventPublisher } from './transport.js';

const event = (type: string): DomainEvent => ({
  id: newEventId(),
  type,
  aggregateId: 'order-1',
  sequence: 0,
  occurredAt: new Date().toISOString(),
  data: {},
});

/** A consumer whose every publication waits until the test answers it (ok, or a failure). */
function heldConsumer(name: string) {
  const waiting: Array<{ events: DomainEvent[]; answer: (error?: Error) => void }> = [];
  const publisher: EventPublisher = {
    name,
    publish: (events) =>
      new Promise<void>((resolve, reject) => waiting.push({ events, answer: (error) => (error ? reject(error) : resolve()) })),
    close: () => Promise.resolve(),
  };
  return { publisher, waiting };
}

describe('fan-out to several consumers', () => {
  it('asks every required consumer at once and resolves when all have applied their events', async () => {
    const gigs = heldConsumer('gigs');
    const inbox = heldConsumer('inbox');
    const live = heldConsumer('gateway');
    const fanOut = createFanOutPublisher({
      required: [{ publisher: gigs.publisher, accepts: (e) => e.type !== 'offer.sent' }, { publisher: inbox.publisher }],
      bestEffort: [{ publisher: live.publisher }],
      logger: testLogger,
    });
    let settled = false;
    const published = fanOut.publish([event('order.placed'), event('offer.sent')]).then(() => (settled = true));
    // Both are asked before either answers: the order waits for the slower one, not for the sum.
    await until(() => gigs.waiting.length === 1 && inbox.waiting.length === 1, 'both consumers asked');
    expect(gigs.waiting[0]!.events.map((e) => e.type)).toEqual(['order.placed']);
    expect(inbox.waiting[0]!.events.map((e) => e.type)).toEqual(['order.placed', 'offer.sent']);
    inbox.waiting[0]!.answer();
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    gigs.waiting[0]!.answer();
    await published;
    // The live consumer is handed the batch after the required ones, and never waited for.
    expect(live.waiting).toHaveLength(1);
  });

  it('rejects when one required consumer fails, so that the relay keeps the events and retries', async () => {
    const gigs = heldConsumer('gigs');
    const inbox = heldConsumer('inbox');
    const fanOut = createFanOutPublisher({ required: [{ publisher: gigs.publisher }, { publisher: inbox.publisher }], logger: testLogger });
    const published = fanOut.publish([event('order.placed')]);
    await until(() => gigs.waiting.length === 1 && inbox.waiting.length === 1, 'both consumers asked');
    gigs.waiting[0]!.answer();
    inbox.waiting[0]!.answer(new Error('inbox is down'));
    await expect(published).rejects.toThrow('inbox is down');
  });
});
