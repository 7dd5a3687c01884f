import { randomBytes } from 'node:crypto';
import type { StartedSubgraph } from '@gigmart/shared';
import {
  createNatsEventPublisher,
  fetchOrderFactsPage,
  isOrderFactEvent,
  ORDER_FACTS_ROUTE,
  removeNatsStream,
  type DomainEvent,
} from '@gigmart/shared';
import { TEST_SERVICE_TOKEN, testLogger, until } from '@gigmart/shared/testing';
import { orderFactModel, reconcileStats, type GigDoc } from '@gigmart/gigs';
import { createOutboxRelay, type StartedOrdersService } from '@gigmart/orders';
import type { Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayDetail, signUp, signUpSeller, type Actor } from './actors.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

/**
 * Order facts travel from the orders service's outbox to the gigs service's stats and so into
 * search, over HTTP (default) and NATS JetStream, without restarts, through outages, once.
 */

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

const M = {
  createGig: `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }`,
  publishGig: `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { id status } userErrors { field message code } } }`,
  place: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } userErrors { code message } } }`,
  deliver: `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { id status } userErrors { code message } } }`,
  accept: `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { id status } userErrors { code message } } }`,
  review: `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id } userErrors { code message } } }`,
  search: `query ($query: String, $sort: GigSort, $filter: GigFilter) { searchGigs(query: $query, sort: $sort, filter: $filter, first: 20) { edges { node { id } } } }`,
};

async function mutate(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await actor.gql<Record<string, { userErrors: unknown[] } & Record<string, unknown>>>(mutation, { input });
  const payload = res.data ? Object.values(res.data)[0] : undefined;
  if (!payload || payload.userErrors.length) throw new Error(`mutation failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return payload;
}

async function publishedGig(seller: Actor, word: string, n: number): Promise<string> {
  const created = await seller.gql<{ createGig: { gig: { id: string } | null; userErrors: unknown[] } }>(M.createGig, {
    input: {
      title: `I will design a bold ${word} logo number ${n} for you`,
      description:
        'A bold logo designed from scratch for your business, with two concepts, revisions on the one you pick and the final files for print and web.',
      categorySlug: 'logo-design',
      tags: ['logo'],
      packages: [
        { tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: [] },
      ],
      requirements: [],
    },
  });
  const id = created.data?.createGig.gig?.id;
  if (!id) throw new Error(`createGig failed: ${JSON.stringify(created.errors ?? created.data?.createGig.userErrors)}`);
  await seller.gql(M.publishGig, { id });
  return id;
}

/** An order of `gigId` delivered and waiting for the buyer. */
async function deliveredOrder(buyer: Actor, seller: Actor, gigId: string): Promise<string> {
  const placed = (await mutate(buyer, M.place, { gigId, tier: 'BASIC' })) as { order: { id: string } };
  await mutate(seller, M.deliver, { orderId: placed.order.id, message: 'Here it is', attachments: [] });
  return placed.order.id;
}

async function searchIds(stack: TestStack, query: string, sort: string, filter: Record<string, unknown> = {}): Promise<string[]> {
  const res = await (
    await signUpless(stack)
  ).gql<{ searchGigs: { edges: Array<{ node: { id: string } }> } }>(M.search, { query, sort, filter });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.searchGigs.edges.map((e) => e.node.id);
}

/** Anonymous search (searchGigs needs no session). */
async function signUpless(stack: TestStack): Promise<Pick<Actor, 'gql'>> {
  const { graphqlRequest } = await import('@gigmart/shared/testing');
  return { gql: (query, variables = {}) => graphqlRequest(stack.graphqlUrl, query, variables) };
}

interface StatsView {
  ordersCompleted: number;
  ordersInQueue: number;
  ratingSum: number;
  ratingCount: number;
  ratingAverage: number | null;
}

/** The gig's stats as the orders service (the source of truth) has them. */
async function truthFor(stack: TestStack, gigId: string): Promise<StatsView> {
  const orders = stack.services.orders as StartedOrdersService;
  const all = await orders.models.Order.find({ gigId }, { status: 1 }).lean().exec();
  const reviews = await orders.models.Review.find({ gigId }, { rating: 1 }).lean().exec();
  const ratingSum = reviews.reduce((sum, r) => sum + r.rating, 0);
  return {
    ordersCompleted: all.filter((o) => o.status === 'COMPLETED').length,
    ordersInQueue: all.filter((o) => o.status !== 'COMPLETED' && o.status !== 'CANCELLED').length,
    ratingSum,
    ratingCount: reviews.length,
    ratingAverage: reviews.length ? ratingSum / reviews.length : null,
  };
}

async function storedStats(stack: TestStack, gigId: string): Promise<StatsView | null> {
  const gigs = stack.services.gigs as StartedSubgraph<{ Gig: Model<GigDoc> }>;
  const gig = await gigs.models.Gig.findById(gigId).lean().exec();
  return gig?.stats ?? null;
}

describe('order events to the gigs service over HTTP', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  beforeAll(async () => {
    stack = await startTestStack();
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(() => stack?.stop());

  it('a completed order and a 5-star review reach search (BEST_SELLING, TOP_RATED, minRating) without a restart', async () => {
    const word = `evh${randomBytes(3).toString('hex')}`;
    const [plain, sold] = [await publishedGig(seller, word, 1), await publishedGig(seller, word, 2)];
    expect(await searchIds(stack, word, 'TOP_RATED', { minRating: 4 })).toEqual([]);
    const orderId = await deliveredOrder(buyer, seller, sold);
    await mutate(buyer, M.accept, { orderId });
    await until(async () => (await searchIds(stack, word, 'BEST_SELLING'))[0] === sold || null, 'the sale in BEST_SELLING');
    expect(await searchIds(stack, '', 'RELEVANCE', { sellerId: seller.id })).toEqual([sold, plain]);
    await mutate(buyer, M.review, { orderId, rating: 5, comment: 'Exactly what I wanted, thank you!' });
    const topRated = await until(async () => {
      const ids = await searchIds(stack, word, 'TOP_RATED', { minRating: 4.5 });
      return ids.length ? ids : null;
    }, 'the review in TOP_RATED with minRating');
    expect(topRated).toEqual([sold]);
    expect(await searchIds(stack, word, 'TOP_RATED')).toEqual([sold, plain]);
    expect(await storedStats(stack, sold)).toEqual({
      ordersCompleted: 1,
      ordersInQueue: 0,
      ratingSum: 5,
      ratingCount: 1,
      ratingAverage: 5,
    });
    // The consumer answered before the relay cleared the outbox: the backlog empties right after.
    expect(
      await until(async () => {
        const detail = await relayDetail(stack);
        return detail.pending === 0 ? detail : null;
      }, 'an empty backlog'),
    ).toMatchObject({ pending: 0, oldestPendingAgeMs: 0, transport: 'http' });
  });

  it('orders keep completing while the gigs service is down; once it is back, its stats equal the source of truth', async () => {
    const word = `evo${randomBytes(3).toString('hex')}`;
    const gigId = await publishedGig(seller, word, 1);
    const orderIds: string[] = [];
    for (let i = 0; i < 5; i += 1) orderIds.push(await deliveredOrder(buyer, seller, gigId));
    await until(async () => (await relayDetail(stack)).pending === 0 || null, 'the placements delivered');

    await stack.stopService('gigs');
    for (const orderId of orderIds.slice(0, 4)) await mutate(buyer, M.accept, { orderId });
    await mutate(buyer, M.review, { orderId: orderIds[0], rating: 5, comment: 'Great work while you were away!' });
    await mutate(buyer, M.review, { orderId: orderIds[1], rating: 2, comment: 'Not quite what I asked for.' });
    const backlog = await until(async () => {
      const detail = await relayDetail(stack);
      return detail.pending >= 6 ? detail : null;
    }, 'a backlog while gigs is down');
    expect(backlog.pending).toBe(6); // 4 completions + 2 reviews, kept in the outboxes

    await stack.startService('gigs');
    const truth = await truthFor(stack, gigId);
    expect(truth).toEqual({ ordersCompleted: 4, ordersInQueue: 1, ratingSum: 7, ratingCount: 2, ratingAverage: 3.5 });
    await until(async () => (await relayDetail(stack)).pending === 0 || null, 'the backlog delivered', 1200);
    expect(await storedStats(stack, gigId)).toEqual(truth);
    expect(await searchIds(stack, word, 'TOP_RATED', { minRating: 3.5 })).toEqual([gigId]);
  });

  it('reconciliation repairs drifted stats from the orders service and reports the change', async () => {
    const word = `evr${randomBytes(3).toString('hex')}`;
    const gigId = await publishedGig(seller, word, 1);
    const orderId = await deliveredOrder(buyer, seller, gigId);
    await mutate(buyer, M.accept, { orderId });
    await until(async () => (await storedStats(stack, gigId))?.ordersCompleted === 1 || null, 'the sale');
    const gigs = stack.services.gigs as StartedSubgraph<{ Gig: Model<GigDoc> }>;
    // Drift: the stored counters and the order's row no longer match what happened.
    await gigs.models.Gig.updateOne({ _id: gigId }, { $set: { 'stats.ordersCompleted': 7, ratingSortKey: 5 } }).exec();
    const OrderFact = orderFactModel(gigs.connection);
    await OrderFact.deleteOne({ _id: orderId }).exec();

    const refused = await fetch(`${stack.urls.orders}${ORDER_FACTS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const report = await reconcileStats(
      { models: { Gig: gigs.models.Gig, OrderFact }, logger: testLogger, clock: () => new Date() },
      (after) => fetchOrderFactsPage(stack.urls.orders, { after, limit: 3 }, { serviceToken: TEST_SERVICE_TOKEN }),
    );
    expect(report.factsRepaired).toBeGreaterThanOrEqual(1);
    expect(report.changes.find((c) => c.gigId === gigId)).toMatchObject({ before: { ordersCompleted: 7 }, after: { ordersCompleted: 1 } });
    expect(await storedStats(stack, gigId)).toEqual(await truthFor(stack, gigId));
    expect(await searchIds(stack, word, 'TOP_RATED', { minRating: 1 })).toEqual([]);
  });
});

describe('order events over NATS JetStream, with two relay instances', () => {
  const stream = `E2E_${randomBytes(4).toString('hex').toUpperCase()}`;
  const nats = { natsUrl: NATS_URL, natsStream: stream, natsSubjectPrefix: `e2e.${stream.toLowerCase()}` };
  const deliveries = new Map<string, number>();
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  beforeAll(async () => {
    stack = await startTestStack({
      ordersOptions: { events: nats },
      gigsOptions: {
        events: {
          ...nats,
          observe: (events: DomainEvent[]) => {
            // The stream carries every order event (order.updated for live updates too); the facts gigs applies are counted.
            for (const e of events.filter(isOrderFactEvent)) deliveries.set(e.id, (deliveries.get(e.id) ?? 0) + 1);
          },
        },
      },
    });
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(async () => {
    await stack?.stop();
    await removeNatsStream({ servers: NATS_URL, stream });
  });

  it('delivers each event once and a 5-star review reaches TOP_RATED with minRating', async () => {
    const orders = stack.services.orders as StartedOrdersService;
    const second = createOutboxRelay({
      Order: orders.models.Order,
      publisher: await createNatsEventPublisher({ servers: NATS_URL, stream: nats.natsStream, subjectPrefix: nats.natsSubjectPrefix }),
      logger: testLogger,
      signal: orders.models.outboxSignal,
      pollMs: 20,
    });
    const task = second.start();
    try {
      const word = `evn${randomBytes(3).toString('hex')}`;
      const [rated, other] = [await publishedGig(seller, word, 1), await publishedGig(seller, word, 2)];
      const orderIds = await Promise.all(Array.from({ length: 4 }, (_, i) => deliveredOrder(buyer, seller, i < 3 ? rated : other)));
      await Promise.all(orderIds.map((orderId) => mutate(buyer, M.accept, { orderId })));
      await Promise.all(
        orderIds.slice(0, 3).map((orderId) => mutate(buyer, M.review, { orderId, rating: 5, comment: 'Superb, fast and friendly.' })),
      );

      const ids = await until(async () => {
        const found = await searchIds(stack, word, 'TOP_RATED', { minRating: 5 });
        return found.length ? found : null;
      }, 'the reviews in TOP_RATED');
      expect(ids).toEqual([rated]);
      // Over NATS the relay's acknowledgement is the stream's: wait for the consumer to have applied everything.
      await until(async () => (await relayDetail(stack)).pending === 0 || null, 'an empty backlog');
      await until(async () => (await storedStats(stack, other))?.ordersCompleted === 1 || null, "the other gig's sale");
      await until(async () => (await storedStats(stack, rated))?.ratingCount === 3 || null, 'the three reviews');
      expect(await storedStats(stack, rated)).toEqual({
        ordersCompleted: 3,
        ordersInQueue: 0,
        ratingSum: 15,
        ratingCount: 3,
        ratingAverage: 5,
      });
      // 4 placements + 4 completions + 3 reviews, each delivered to the consumer exactly once.
      await until(() => Promise.resolve(deliveries.size >= 11 || null), 'every event at the consumer');
      expect(deliveries.size).toBe(11);
      expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(await relayDetail(stack)).toMatchObject({ transport: 'nats' });
    } finally {
      await task.stop();
    }
  });
});
