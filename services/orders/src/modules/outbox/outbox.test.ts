import { createHttpEventPublisher, newId, type DomainEvent, type EventPublisher, type OrderFactEvent } from '@gigmart/shared';
import { Schema } from 'mongoose';
import { TEST_SERVICE_TOKEN, testLogger, until } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { outboxEventSchema, relayLeaseSchema } from '../orders/index.js';
import { createOutboxRelay, RELAY_CONCURRENCY, type OutboxDoc } from './relay.js';

const LEAVE = `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id } userErrors { code } } }`;

describe('outbox and relay (HTTP transport to a stand-in gigs service)', () => {
  let h: OrdersHarness;
  beforeAll(async () => {
    h = await startOrdersHarness('outbox');
  });
  afterAll(() => h?.stop());

  async function completedOrder(): Promise<{ buyer: Member; orderId: string; gigId: string; sellerId: string }> {
    const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
    await h.ok(seller, M.deliver, { orderId: order.id, message: 'Done', attachments: [] });
    await h.ok(buyer, M.accept, { orderId: order.id });
    return { buyer, orderId: order.id, gigId: gig.id, sellerId: seller.id };
  }

  const deliveredFor = (orderId: string) => h.gigs.events.filter((e) => e.aggregateId === orderId) as OrderFactEvent[];

  it("records each fact in the order's own write and delivers it with absolute data and the order's version", async () => {
    const { buyer, orderId, gigId, sellerId } = await completedOrder();
    const review = await h.gql<{ leaveReview: { userErrors: unknown[] } }>(
      LEAVE,
      { input: { orderId, rating: 5, comment: 'Wonderful work, thanks!' } },
      { token: buyer.token },
    );
    expect(review.data!.leaveReview.userErrors).toEqual([]);
    const events = await until(() => deliveredFor(orderId).length >= 3 && deliveredFor(orderId), 'three events');
    expect(events.map((e) => [e.type, e.data.status, e.data.rating])).toEqual([
      ['order.placed', 'IN_PROGRESS', null],
      ['order.completed', 'COMPLETED', null],
      ['review.left', 'COMPLETED', 5],
    ]);
    const order = await h.service.models.Order.findById(orderId).lean().exec();
    // placed (0) -> delivered (1) -> completed (2) -> reviewed (3): sequences are the versions.
    expect(events.map((e) => e.sequence)).toEqual([0, 2, 3]);
    expect(order!.version).toBe(3);
    for (const e of events) expect(e.data).toMatchObject({ orderId, gigId, sellerId });
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    await until(async () => (await h.service.models.Order.findById(orderId).lean().exec())!.outboxCount === 0, 'an empty outbox');
    expect((await h.service.models.Order.findById(orderId).lean().exec())!.outbox).toEqual([]);
  });

  it('keeps events while the consumer refuses them, shows the backlog on /ready, and delivers them once it accepts again', async () => {
    h.gigs.acceptEvents = false;
    let orderId = '';
    try {
      ({ orderId } = await completedOrder());
      const ready = await until(async () => {
        const body = (await (await fetch(`${h.service.url}/ready`)).json()) as {
          checks: { relay: { ok: boolean; detail: { pending: number; transport: string; oldestPendingAgeMs: number } } };
        };
        return body.checks.relay.detail.pending >= 2 && body.checks.relay;
      }, 'a backlog');
      expect(ready).toMatchObject({ ok: true, detail: { transport: 'http' } });
      const doc = await h.service.models.Order.findById(orderId).lean().exec();
      expect(doc!.relayFailures).toBeGreaterThan(0);
      expect(deliveredFor(orderId)).toEqual([]);
    } finally {
      h.gigs.acceptEvents = true;
    }
    const events = await until(() => deliveredFor(orderId).length >= 2 && deliveredFor(orderId), 'the delayed events', 600);
    expect(events.map((e) => e.type)).toEqual(['order.placed', 'order.completed']);
    const doc = await until(async () => {
      const d = await h.service.models.Order.findById(orderId).lean().exec();
      return d!.outboxCount === 0 && d;
    }, 'an empty outbox');
    expect(doc.relayFailures).toBe(0);
    expect(doc.relayLease).toBeNull();
  });

  it('two relay instances deliver each event exactly once', async () => {
    const second = createOutboxRelay({
      Order: h.service.models.Order,
      publisher: createHttpEventPublisher({ consumerUrl: h.gigs.url, serviceToken: TEST_SERVICE_TOKEN }),
      logger: testLogger,
      signal: h.service.models.outboxSignal,
      pollMs: 20,
    });
    const task = second.start();
    const before = h.gigs.events.length;
    try {
      const scenes = await Promise.all(Array.from({ length: 8 }, () => completedOrder()));
      const ids = new Set(scenes.map((s) => s.orderId));
      // This second relay publishes straight to the stand-in (the service's own hands the gigs service
      // only its facts): each order's placed, delivered (order.updated) and completed events.
      await until(() => h.gigs.events.filter((e) => ids.has(e.aggregateId) && e.type !== 'order.updated').length >= 16, 'sixteen facts');
      // Whatever is still in flight lands now.
      await until(async () => (await h.service.relay.backlog()).pending === 0, 'no backlog');
      const delivered = h.gigs.events.slice(before).filter((e) => ids.has(e.aggregateId) && e.type !== 'order.updated');
      const perId = new Map<string, number>();
      for (const e of delivered) perId.set(e.id, (perId.get(e.id) ?? 0) + 1);
      expect(delivered).toHaveLength(16);
      expect([...perId.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await task.stop();
    }
  });

  it("publishes several documents at once, each one's events in sequence and every event once", async () => {
    // Documents of a collection of their own, so that the service's relays never touch them.
    const Probe = h.service.connection.model<OutboxDoc>(
      'RelayProbe',
      new Schema({
        outbox: { type: [outboxEventSchema], default: [] },
        outboxCount: { type: Number, default: 0 },
        relayLease: { type: relayLeaseSchema, default: null },
        relayFailures: { type: Number, default: 0 },
      }),
    );
    const event = (aggregateId: string, sequence: number): DomainEvent => ({
      id: newId().toHexString(),
      type: 'probe.step',
      aggregateId,
      sequence,
      occurredAt: new Date().toISOString(),
      data: {},
    });
    const ids = Array.from({ length: 10 }, () => newId().toHexString());
    await Probe.insertMany(ids.map((id) => ({ _id: id, outbox: [0, 1, 2].map((n) => event(id, n)), outboxCount: 3 })));

    // A consumer that holds every publication until released: how many are in flight shows.
    const received: DomainEvent[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const held: Array<() => void> = [];
    const publisher: EventPublisher = {
      name: 'held',
      publish: async (events) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise<void>((release) => held.push(release));
        received.push(...events);
        inFlight -= 1;
      },
      close: () => Promise.resolve(),
    };
    const relay = createOutboxRelay({ Order: Probe, publisher, logger: testLogger });
    const pass = relay.runOnce();
    for (let released = 0; released < ids.length; released += 1) {
      await until(() => held.length > 0, 'a publication waiting');
      // Every lane is busy before the first is released, and stays so while documents are left.
      if (released === 0) await until(() => inFlight === RELAY_CONCURRENCY, 'every lane publishing');
      held.shift()!();
    }
    expect(await pass).toEqual({ delivered: 30, failed: 0 });
    expect(mostInFlight).toBe(RELAY_CONCURRENCY);
    expect(new Set(received.map((e) => e.id)).size).toBe(30);
    for (const id of ids) {
      expect(received.filter((e) => e.aggregateId === id).map((e) => e.sequence)).toEqual([0, 1, 2]);
    }
    expect(await Probe.countDocuments({ outboxCount: { $gt: 0 } }).exec()).toBe(0);
    expect(await Probe.countDocuments({ relayLease: { $ne: null } }).exec()).toBe(0);
    // Nothing left: the next pass is one look, no claim.
    expect(await relay.runOnce()).toEqual({ delivered: 0, failed: 0 });
  });
});
