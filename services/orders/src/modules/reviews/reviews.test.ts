import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, M, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { CUT_OFF_REVIEW_AGE_MS } from './service.js';

let h: OrdersHarness;
beforeAll(async () => {
  // No relay loop: its polls would land inside the query-count windows below.
  h = await startOrdersHarness('reviews', { events: { relay: false } });
});
afterAll(() => h?.stop());

const REVIEW_FIELDS =
  'id order { id } gig { id } author { id } seller { id } rating communication serviceAsDescribed recommend comment sellerResponse createdAt';
const LEAVE = `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { ${REVIEW_FIELDS} } userErrors { field message code } } }`;
const RESPOND = `mutation ($input: RespondToReviewInput!) { respondToReview(input: $input) { review { id sellerResponse } userErrors { field message code } } }`;

interface ReviewPayload {
  review: { id: string; sellerResponse: string | null; [k: string]: unknown } | null;
  userErrors: Array<{ field: string[] | null; code: string }>;
}

async function completed(options: { seller?: Member } = {}) {
  const buyer = await h.member();
  const seller = options.seller ?? (await h.member(['BUYER', 'SELLER']));
  const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
  const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
  await h.ok(seller, M.deliver, { orderId: order.id, message: 'Done' });
  await h.ok(buyer, M.accept, { orderId: order.id });
  return { buyer, seller, gig, order };
}

async function leave(member: Member, input: Record<string, unknown>) {
  const res = await h.gql<{ leaveReview: ReviewPayload }>(LEAVE, { input }, { token: member.token });
  return { payload: res.data?.leaveReview ?? null, errors: res.errors };
}

describe('leaveReview and respondToReview', () => {
  it("records the buyer's review once, with a REVIEWED event, and the seller's one response", async () => {
    const { buyer, seller, gig, order } = await completed();
    const { payload } = await leave(buyer, { orderId: order.id, rating: 5, communication: 4, comment: '  Great logo, fast work!  ' });
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.review).toMatchObject({
      order: { id: order.id },
      gig: { id: gig.id },
      author: { id: buyer.id },
      seller: { id: seller.id },
      rating: 5,
      communication: 4,
      serviceAsDescribed: null,
      recommend: null,
      comment: 'Great logo, fast work!',
      sellerResponse: null,
    });
    const again = await leave(buyer, { orderId: order.id, rating: 1, comment: 'Changed my mind about it' });
    expect(again.payload).toMatchObject({ review: null, userErrors: [{ code: 'INVALID_STATE' }] });

    const view = await h.gql<{ order: { events: Array<{ type: string }>; review: { id: string } } }>(
      'query ($id: ID!) { order(id: $id) { events { type } review { id } } }',
      { id: order.id },
      { token: buyer.token },
    );
    expect(view.data!.order.events.map((e) => e.type)).toEqual(['PLACED', 'STARTED', 'DELIVERED', 'COMPLETED', 'REVIEWED']);
    expect(view.data!.order.review.id).toBe(payload!.review!.id);

    const reviewId = payload!.review!.id;
    expect(
      (await h.gql(RESPOND, { input: { reviewId, response: 'Thanks!' } }, { token: buyer.token })).errors?.[0]?.extensions?.['code'],
    ).toBe('FORBIDDEN');
    const responded = await h.gql<{ respondToReview: ReviewPayload }>(
      RESPOND,
      { input: { reviewId, response: ' Thank you! ' } },
      { token: seller.token },
    );
    expect(responded.data!.respondToReview).toEqual({ review: { id: reviewId, sellerResponse: 'Thank you!' }, userErrors: [] });
    const twice = await h.gql<{ respondToReview: ReviewPayload }>(
      RESPOND,
      { input: { reviewId, response: 'Again' } },
      { token: seller.token },
    );
    expect(twice.data!.respondToReview).toMatchObject({ review: null, userErrors: [{ code: 'INVALID_STATE' }] });
    const missing = await h.gql<{ respondToReview: ReviewPayload }>(
      RESPOND,
      { input: { reviewId: 'nope', response: 'x' } },
      { token: seller.token },
    );
    expect(missing.data!.respondToReview.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'reviewId'], code: 'NOT_FOUND' }),
    ]);
  });

  it("is public, but its order only for the order's parties", async () => {
    const { buyer, order } = await completed();
    const { payload } = await leave(buyer, { orderId: order.id, rating: 4, comment: 'Solid work overall.' });
    const id = payload!.review!.id;
    const stranger = await h.member();
    const pub = await h.gql<{ review: { rating: number; comment: string } }>('query ($id: ID!) { review(id: $id) { rating comment } }', {
      id,
    });
    expect(pub.data!.review).toEqual({ rating: 4, comment: 'Solid work overall.' });
    const peek = await h.gql('query ($id: ID!) { review(id: $id) { order { total { amountCents } } } }', { id }, { token: stranger.token });
    expect(peek.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await h.gql<{ review: null }>('{ review(id: "nope") { id } }')).data!.review).toBeNull();
  });

  it('validates ratings and the comment, and refuses other people and open orders', async () => {
    const { buyer, seller, order } = await completed();
    const bad = await leave(buyer, { orderId: order.id, rating: 6, communication: 0, recommend: 3, comment: 'Too short' });
    expect(bad.payload!.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.rating', 'INVALID'],
      ['input.communication', 'INVALID'],
      ['input.comment', 'TOO_SHORT'],
    ]);
    expect((await leave(buyer, { orderId: order.id, rating: 5, comment: 'x'.repeat(1001) })).payload!.userErrors[0]!.code).toBe('TOO_LONG');
    expect((await leave(seller, { orderId: order.id, rating: 5, comment: 'Reviewing myself!' })).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    const open = await h.member();
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    const running = await h.ok(open, M.place, { gigId: gig.id, tier: 'BASIC' });
    expect((await leave(open, { orderId: running.id, rating: 5, comment: 'Not done yet but fine' })).payload!.userErrors[0]!.code).toBe(
      'INVALID_STATE',
    );
  });

  it('takes one response when several race', async () => {
    const { buyer, seller, order } = await completed();
    const { payload } = await leave(buyer, { orderId: order.id, rating: 5, comment: 'Great work, thank you' });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        h.gql<{ respondToReview: ReviewPayload }>(
          RESPOND,
          { input: { reviewId: payload!.review!.id, response: `Response ${i}` } },
          { token: seller.token },
        ),
      ),
    );
    const winners = results.filter((r) => r.data?.respondToReview.review);
    expect(winners).toHaveLength(1);
    const stored = await h.gql<{ review: { sellerResponse: string } }>('query ($id: ID!) { review(id: $id) { sellerResponse } }', {
      id: payload!.review!.id,
    });
    expect(stored.data!.review.sellerResponse).toBe(winners[0]!.data!.respondToReview.review!.sellerResponse);
  });

  it('finishes a review whose request stopped before its REVIEWED event when the buyer tries again, and only then', async () => {
    const { buyer, seller, order } = await completed();
    // What a process killed between the review's two writes leaves: the review, no event on the order.
    const stored = await h.service.models.Order.findById(order.id).lean().exec();
    await h.service.models.Review.create({
      orderId: stored!._id,
      gigId: stored!.gigId,
      authorId: buyer.id,
      sellerId: seller.id,
      rating: 4,
      comment: 'Written before the process stopped',
      createdAt: new Date(stored!.createdAt.getTime() - CUT_OFF_REVIEW_AGE_MS),
    });
    const retried = await leave(buyer, { orderId: order.id, rating: 4, comment: 'Written before the process stopped' });
    expect(retried.payload!.userErrors).toEqual([]);
    expect(retried.payload!.review).toMatchObject({ rating: 4, comment: 'Written before the process stopped' });
    const view = await h.gql<{ order: { events: Array<{ type: string }> } }>(
      'query ($id: ID!) { order(id: $id) { events { type } } }',
      { id: order.id },
      { token: buyer.token },
    );
    expect(view.data!.order.events.map((e) => e.type)).toEqual(['PLACED', 'STARTED', 'DELIVERED', 'COMPLETED', 'REVIEWED']);
    // Finished once: a further attempt is refused as before, and adds nothing.
    const again = await leave(buyer, { orderId: order.id, rating: 1, comment: 'Changed my mind about it' });
    expect(again.payload).toMatchObject({ review: null, userErrors: [{ code: 'INVALID_STATE' }] });
    const after = await h.service.models.Order.findById(order.id).lean().exec();
    expect(after!.events.filter((e) => e.type === 'REVIEWED')).toHaveLength(1);
  });

  it('takes one review when two race', async () => {
    const { buyer, order } = await completed();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => leave(buyer, { orderId: order.id, rating: 5, comment: `Racing review number ${i}` })),
    );
    expect(results.filter((r) => r.payload?.review)).toHaveLength(1);
    expect(results.filter((r) => r.payload?.userErrors[0]?.code === 'INVALID_STATE')).toHaveLength(4);
  });
});

describe('Gig and User fields', () => {
  it("summarises a gig's rating and order counts, and pages its reviews newest first", async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    const ratings = [5, 4, 4];
    for (const rating of ratings) {
      const buyer = await h.member();
      const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
      await h.ok(seller, M.deliver, { orderId: order.id, message: 'Done' });
      await h.ok(buyer, M.accept, { orderId: order.id });
      h.clock.advance(1000);
      await leave(buyer, { orderId: order.id, rating, comment: `I give this ${rating} stars` });
    }
    const queued = await h.member();
    await h.ok(queued, M.place, { gigId: gig.id, tier: 'BASIC' });
    const res = await h.gql<{
      _entities: Array<{
        rating: { average: number; count: number };
        ordersCompleted: number;
        ordersInQueue: number;
        reviews: { totalCount: number; edges: Array<{ node: { rating: number } }>; pageInfo: { hasNextPage: boolean } };
      }>;
    }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Gig { rating { average count } ordersCompleted ordersInQueue reviews(first: 2) { totalCount edges { node { rating } } pageInfo { hasNextPage } } } } }',
      { r: [{ __typename: 'Gig', id: gig.id }] },
    );
    const [g] = res.data!._entities;
    expect(g!.rating).toEqual({ average: 13 / 3, count: 3 });
    expect(g!.ordersCompleted).toBe(3);
    expect(g!.ordersInQueue).toBe(1);
    expect(g!.reviews.totalCount).toBe(3);
    expect(g!.reviews.edges.map((e) => e.node.rating)).toEqual([4, 4]);
    expect(g!.reviews.pageInfo.hasNextPage).toBe(true);
  });

  it('computes sellerStats from the required sellerSince, and earnings only for the member themself', async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    for (let i = 0; i < 2; i += 1) {
      const { buyer, order } = await completed({ seller });
      await leave(buyer, { orderId: order.id, rating: 5, comment: 'Excellent work, thanks' });
      h.clock.advance(20 * 24 * 3600 * 1000); // the first completion clears
    }
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    const buyer = await h.member();
    const open = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
    expect(open.status).toBe('IN_PROGRESS');
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { sellerStats { level completedOrders activeOrders rating { average count } onTimeDeliveryRate } sellerEarnings { pendingClearance { amountCents } cleared { amountCents } lifetime { amountCents } } } } }';
    const rep = {
      __typename: 'User',
      id: seller.id,
      sellerProfile: { sellerSince: new Date(h.clock.now().getTime() - 400 * 86_400_000).toISOString() },
    };
    const own = await h.gql<{
      _entities: Array<{ sellerStats: Record<string, unknown>; sellerEarnings: Record<string, { amountCents: number }> | null }>;
    }>(query, { r: [rep] }, { token: seller.token });
    expect(own.data!._entities[0]).toEqual({
      sellerStats: { level: 'NEW', completedOrders: 2, activeOrders: 1, rating: { average: 5, count: 2 }, onTimeDeliveryRate: 1 },
      // 4000 each; the second completed 20 days ago... both completed >14 days before "now"
      sellerEarnings: { pendingClearance: { amountCents: 0 }, cleared: { amountCents: 8000 }, lifetime: { amountCents: 8000 } },
    });
    const other = await h.gql<{ _entities: Array<{ sellerEarnings: unknown }> }>(query, { r: [rep] }, { token: buyer.token });
    expect(other.data!._entities[0]!.sellerEarnings).toBeNull();
    const anon = await h.gql<{ _entities: Array<{ sellerEarnings: unknown; sellerStats: { completedOrders: number } }> }>(query, {
      r: [{ ...rep, sellerProfile: null }],
    });
    expect(anon.data!._entities[0]).toMatchObject({ sellerEarnings: null, sellerStats: { completedOrders: 2, level: 'NEW' } });
  });

  it('splits earnings into pending clearance and cleared at 14 days', async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    await completed({ seller });
    h.clock.advance(13 * 86_400_000);
    await completed({ seller });
    const query =
      '{ _entities(representations: [{ __typename: "User", id: "ID" }]) { ... on User { sellerEarnings { pendingClearance { amountCents } cleared { amountCents } lifetime { amountCents } } } } }'.replace(
        'ID',
        seller.id,
      );
    let res = await h.gql<{ _entities: Array<{ sellerEarnings: Record<string, { amountCents: number }> }> }>(
      query,
      {},
      { token: seller.token },
    );
    expect(res.data!._entities[0]!.sellerEarnings).toEqual({
      pendingClearance: { amountCents: 8000 },
      cleared: { amountCents: 0 },
      lifetime: { amountCents: 8000 },
    });
    h.clock.advance(1 * 86_400_000 + 1);
    res = await h.gql(query, {}, { token: seller.token });
    expect(res.data!._entities[0]!.sellerEarnings).toEqual({
      pendingClearance: { amountCents: 4000 },
      cleared: { amountCents: 4000 },
      lifetime: { amountCents: 8000 },
    });
  });

  it('reaches LEVEL_ONE with 10 on-time five-star orders worth $400 after 60 days', async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({
      sellerId: seller.id,
      requirements: [],
      packages: [{ tier: 'BASIC', name: 'Basic', description: 'x', priceCents: 5000, deliveryDays: 2, revisions: 1, features: [] }],
    });
    for (let i = 0; i < 10; i += 1) {
      const buyer = await h.member();
      const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
      await h.ok(seller, M.deliver, { orderId: order.id, message: 'Done' });
      await h.ok(buyer, M.accept, { orderId: order.id });
      await leave(buyer, { orderId: order.id, rating: 5, comment: 'Perfect as always' });
    }
    const stats = async (daysAsSeller: number) =>
      (
        await h.gql<{ _entities: Array<{ sellerStats: { level: string; completedOrders: number } }> }>(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { sellerStats { level completedOrders } } } }',
          {
            r: [
              {
                __typename: 'User',
                id: seller.id,
                sellerProfile: { sellerSince: new Date(h.clock.now().getTime() - daysAsSeller * 86_400_000).toISOString() },
              },
            ],
          },
        )
      ).data!._entities[0]!.sellerStats;
    expect(await stats(59)).toEqual({ level: 'NEW', completedOrders: 10 });
    expect(await stats(60)).toEqual({ level: 'LEVEL_ONE', completedOrders: 10 });
  });

  it('costs a fixed number of queries for the figures of 50 gigs and 50 sellers', async () => {
    const gigIds = Array.from({ length: 50 }, () => h.gigs.add({ sellerId: 'x' }).id);
    const { result, ops } = await countQueries(h.service.connection, () =>
      h.gql<{ _entities: unknown[] }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Gig { rating { average count } ordersCompleted ordersInQueue } } }',
        { r: gigIds.map((id) => ({ __typename: 'Gig', id })) },
      ),
    );
    expect(result.data!._entities).toHaveLength(50);
    expect(ops.sort()).toEqual(['orders.aggregate', 'reviews.aggregate']);
    const sellers = Array.from({ length: 50 }, (_, i) => ({ __typename: 'User', id: `seller${i}`, sellerProfile: null }));
    const users = await countQueries(h.service.connection, () =>
      h.gql<{ _entities: unknown[] }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { sellerStats { level rating { count } } } } }',
        { r: sellers },
      ),
    );
    expect(users.result.data!._entities).toHaveLength(50);
    // Order counts and earnings are two aggregations (one accumulator each, for FerretDB).
    expect(users.ops.sort()).toEqual(['orders.aggregate', 'orders.aggregate', 'reviews.aggregate']);
  });
});
