import { graphqlRequest } from '@gigmart/shared/testing';
import type { StartedOrdersService } from '@gigmart/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

const DAY = 24 * 60 * 60 * 1000;

const ORDER = `id number status
  gig { id title seller { username } }
  buyer { id username } seller { id username }
  package { tier name price { amountCents } deliveryDays revisions gigTitle }
  subtotal { amountCents formatted } serviceFee { amountCents formatted } total { amountCents formatted } sellerEarnings { amountCents }
  requirements { question answer } dueAt isLate revisionsUsed revisionsRemaining
  deliveries { message attachments } messages { author { username } body }
  events { type actor { username } note } review { rating sellerResponse }
  completedAt cancelledAt`;
const PAYLOAD = `{ order { ${ORDER} } userErrors { field message code } }`;
const M = {
  createGig: `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id requirements { id question required } } userErrors { field message code } } }`,
  publishGig: `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { id status } userErrors { field message code } } }`,
  place: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) ${PAYLOAD} }`,
  submit: `mutation ($input: SubmitRequirementsInput!) { submitRequirements(input: $input) ${PAYLOAD} }`,
  deliver: `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) ${PAYLOAD} }`,
  revise: `mutation ($input: RequestRevisionInput!) { requestRevision(input: $input) ${PAYLOAD} }`,
  accept: `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) ${PAYLOAD} }`,
  cancel: `mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) ${PAYLOAD} }`,
  message: `mutation ($input: SendOrderMessageInput!) { sendOrderMessage(input: $input) ${PAYLOAD} }`,
  review: `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id rating comment author { username } seller { username } gig { title } } userErrors { field message code } } }`,
  respond: `mutation ($input: RespondToReviewInput!) { respondToReview(input: $input) { review { id sellerResponse } userErrors { field message code } } }`,
  order: `query ($id: ID!) { order(id: $id) { ${ORDER} } }`,
};

interface OrderView {
  id: string;
  number: string;
  status: string;
  gig: { id: string; title: string; seller: { username: string } };
  buyer: { id: string; username: string };
  seller: { id: string; username: string };
  package: { tier: string; gigTitle: string; revisions: number | null; price: { amountCents: number } };
  subtotal: { amountCents: number; formatted: string };
  serviceFee: { amountCents: number; formatted: string };
  total: { amountCents: number; formatted: string };
  sellerEarnings: { amountCents: number };
  requirements: Array<{ question: string; answer: string }>;
  dueAt: string | null;
  isLate: boolean;
  revisionsUsed: number;
  revisionsRemaining: number | null;
  deliveries: Array<{ message: string; attachments: string[] }>;
  messages: Array<{ author: { username: string }; body: string }>;
  events: Array<{ type: string; actor: { username: string } | null; note: string | null }>;
  review: { rating: number; sellerResponse: string | null } | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

let gigCount = 0;
function gigInput(overrides: Record<string, unknown> = {}) {
  gigCount += 1;
  return {
    title: `I will design a minimalist logo for your business ${gigCount}`,
    description:
      'A clean, minimalist logo designed from scratch for your business. You get a short questionnaire, two initial concepts, revisions on the one you pick, and the final files in every format you need for print and web.',
    categorySlug: 'logo-design',
    tags: ['logo', 'minimalist'],
    packages: [
      {
        tier: 'BASIC',
        name: 'Starter',
        description: 'One concept',
        priceCents: 5000,
        deliveryDays: 3,
        revisions: 1,
        features: ['1 concept'],
      },
      { tier: 'STANDARD', name: 'Business', description: 'Three concepts', priceCents: 12_345, deliveryDays: 5, revisions: null },
    ],
    requirements: [
      { question: 'What is the name of your business?', required: true },
      { question: 'Any colours you like?', required: false },
    ],
    ...overrides,
  };
}

async function publishedGig(seller: Actor, overrides: Record<string, unknown> = {}) {
  const created = await seller.gql<{
    createGig: {
      gig: { id: string; requirements: Array<{ id: string; question: string; required: boolean }> } | null;
      userErrors: unknown[];
    };
  }>(M.createGig, { input: gigInput(overrides) });
  const gig = created.data?.createGig.gig;
  if (!gig) throw new Error(`createGig failed: ${JSON.stringify(created.errors ?? created.data?.createGig.userErrors)}`);
  const published = await seller.gql<{ publishGig: { gig: { status: string } | null; userErrors: unknown[] } }>(M.publishGig, {
    id: gig.id,
  });
  if (published.data?.publishGig.gig?.status !== 'ACTIVE') throw new Error(`publishGig failed: ${JSON.stringify(published)}`);
  return gig;
}

async function ok(actor: Actor, mutation: string, input: Record<string, unknown>): Promise<OrderView> {
  const res = await actor.gql<Record<string, { order: OrderView | null; userErrors: unknown[] }>>(mutation, { input });
  const payload = res.data ? Object.values(res.data)[0] : null;
  if (res.errors || !payload?.order) throw new Error(JSON.stringify(res.errors ?? payload?.userErrors));
  return payload.order;
}

describe('orders through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let stranger: Actor;

  beforeAll(async () => {
    stack = await startTestStack({ countSubgraphCalls: true });
    [seller, buyer, stranger] = await Promise.all([signUpSeller(stack), signUp(stack), signUp(stack)]);
  });
  afterAll(() => stack?.stop());

  it('walks an order from placement to review and response', async () => {
    const gig = await publishedGig(seller);
    const placed = await ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'e2e-checkout-1' });
    expect(placed).toMatchObject({
      status: 'AWAITING_REQUIREMENTS',
      gig: { id: gig.id, seller: { username: seller.username } },
      buyer: { id: buyer.id, username: buyer.username },
      seller: { id: seller.id, username: seller.username },
      package: { tier: 'BASIC', revisions: 1, price: { amountCents: 5000 } },
      subtotal: { amountCents: 5000, formatted: '$50.00' },
      serviceFee: { amountCents: 575, formatted: '$5.75' },
      total: { amountCents: 5575, formatted: '$55.75' },
      sellerEarnings: { amountCents: 4000 },
      dueAt: null,
    });
    expect(placed.number).toMatch(/^FO[2-9A-HJ-NP-Z]{8}$/);
    expect(placed.package.gigTitle).toBe(placed.gig.title);
    // The same key again: the same order.
    expect((await ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'e2e-checkout-1' })).id).toBe(placed.id);

    const [name, colours] = gig.requirements;
    const started = await ok(buyer, M.submit, {
      orderId: placed.id,
      answers: [
        { requirementId: name!.id, answer: 'Acme Bakery' },
        { requirementId: colours!.id, answer: 'Warm browns' },
      ],
    });
    expect(started).toMatchObject({
      status: 'IN_PROGRESS',
      isLate: false,
      requirements: [
        { question: name!.question, answer: 'Acme Bakery' },
        { question: colours!.question, answer: 'Warm browns' },
      ],
    });
    expect(started.dueAt).not.toBeNull();

    await ok(buyer, M.message, { orderId: placed.id, body: 'Looking forward to it!' });
    await ok(seller, M.message, { orderId: placed.id, body: 'Thanks, first draft tomorrow.' });
    await ok(seller, M.deliver, { orderId: placed.id, message: 'First draft', attachments: ['https://files.example.com/v1.png'] });
    const revising = await ok(buyer, M.revise, { orderId: placed.id, message: 'Could the bread be rounder?' });
    expect(revising).toMatchObject({ status: 'IN_REVISION', revisionsUsed: 1, revisionsRemaining: 0 });
    await ok(seller, M.deliver, { orderId: placed.id, message: 'Rounder bread', attachments: ['https://files.example.com/v2.png'] });
    const limit = await buyer.gql<{ requestRevision: { userErrors: Array<{ code: string }> } }>(M.revise, {
      input: { orderId: placed.id, message: 'More' },
    });
    expect(limit.data!.requestRevision.userErrors[0]!.code).toBe('LIMIT_REACHED');
    const done = await ok(buyer, M.accept, { orderId: placed.id });
    expect(done.status).toBe('COMPLETED');
    expect(done.completedAt).not.toBeNull();
    expect(done.messages.map((m) => [m.author.username, m.body])).toEqual([
      [buyer.username, 'Looking forward to it!'],
      [seller.username, 'Thanks, first draft tomorrow.'],
    ]);

    const reviewed = await buyer.gql<{
      leaveReview: {
        review: { id: string; rating: number; author: { username: string }; seller: { username: string }; gig: { title: string } } | null;
        userErrors: unknown[];
      };
    }>(M.review, {
      input: {
        orderId: placed.id,
        rating: 5,
        communication: 5,
        serviceAsDescribed: 4,
        recommend: 5,
        comment: 'Lovely logo and quick to respond.',
      },
    });
    expect(reviewed.errors).toBeUndefined();
    const review = reviewed.data!.leaveReview.review!;
    expect(review).toMatchObject({
      rating: 5,
      author: { username: buyer.username },
      seller: { username: seller.username },
      gig: { title: placed.gig.title },
    });
    const response = await seller.gql<{ respondToReview: { review: { sellerResponse: string } } }>(M.respond, {
      input: { reviewId: review.id, response: 'Thank you, it was a pleasure!' },
    });
    expect(response.data!.respondToReview.review.sellerResponse).toBe('Thank you, it was a pleasure!');

    const final = (await buyer.gql<{ order: OrderView }>(M.order, { id: placed.id })).data!.order;
    expect(final.events.map((e) => e.type)).toEqual([
      'PLACED',
      'REQUIREMENTS_SUBMITTED',
      'STARTED',
      'DELIVERED',
      'REVISION_REQUESTED',
      'DELIVERED',
      'COMPLETED',
      'REVIEWED',
    ]);
    expect(final.events.map((e) => e.actor?.username ?? null)).toEqual([
      buyer.username,
      buyer.username,
      null,
      seller.username,
      buyer.username,
      seller.username,
      buyer.username,
      buyer.username,
    ]);
    expect(final.review).toEqual({ rating: 5, sellerResponse: 'Thank you, it was a pleasure!' });

    // The gig's and the seller's public track record, joined across subgraphs.
    const gigView = await graphqlRequest<{
      gig: {
        rating: { average: number; count: number };
        ordersCompleted: number;
        ordersInQueue: number;
        reviews: { totalCount: number; edges: Array<{ node: { comment: string; sellerResponse: string } }> };
      };
    }>(
      stack.graphqlUrl,
      'query ($id: ID!) { gig(id: $id) { rating { average count } ordersCompleted ordersInQueue reviews { totalCount edges { node { comment sellerResponse } } } } }',
      { id: gig.id },
    );
    expect(gigView.errors).toBeUndefined();
    expect(gigView.data!.gig).toEqual({
      rating: { average: 5, count: 1 },
      ordersCompleted: 1,
      ordersInQueue: 0,
      reviews: {
        totalCount: 1,
        edges: [{ node: { comment: 'Lovely logo and quick to respond.', sellerResponse: 'Thank you, it was a pleasure!' } }],
      },
    });
    const userView = await graphqlRequest<{
      user: { sellerStats: Record<string, unknown>; sellerEarnings: unknown; reviewsReceived: { totalCount: number } };
    }>(
      stack.graphqlUrl,
      'query ($id: ID!) { user(id: $id) { sellerStats { level completedOrders activeOrders rating { average count } onTimeDeliveryRate } sellerEarnings { lifetime { amountCents } } reviewsReceived { totalCount } } }',
      { id: seller.id },
    );
    expect(userView.errors).toBeUndefined();
    expect(userView.data!.user).toEqual({
      sellerStats: { level: 'NEW', completedOrders: 1, activeOrders: 0, rating: { average: 5, count: 1 }, onTimeDeliveryRate: 1 },
      sellerEarnings: null,
      reviewsReceived: { totalCount: 1 },
    });
  });

  it('keeps orders and earnings private', async () => {
    const gig = await publishedGig(seller, { requirements: [] });
    const order = await ok(buyer, M.place, { gigId: gig.id, tier: 'STANDARD' });
    expect(order).toMatchObject({
      status: 'IN_PROGRESS',
      subtotal: { amountCents: 12_345 },
      serviceFee: { amountCents: 679 },
      total: { amountCents: 13_024 },
      sellerEarnings: { amountCents: 9876 },
    });
    await ok(seller, M.deliver, { orderId: order.id, message: 'All done' });
    await ok(buyer, M.accept, { orderId: order.id });

    expect((await stranger.gql<{ order: unknown }>(M.order, { id: order.id })).data!.order).toBeNull();
    expect((await graphqlRequest<{ order: unknown }>(stack.graphqlUrl, M.order, { id: order.id })).data!.order).toBeNull();
    expect((await seller.gql<{ order: OrderView }>(M.order, { id: order.id })).data!.order.id).toBe(order.id);
    const strangerMine = await stranger.gql<{ myOrders: { totalCount: number } }>('{ myOrders(role: BUYER) { totalCount } }');
    expect(strangerMine.data!.myOrders.totalCount).toBe(0);

    const earnings =
      'query ($id: ID!) { user(id: $id) { sellerEarnings { pendingClearance { amountCents } cleared { amountCents } lifetime { amountCents } } } }';
    const own = await seller.gql<{
      user: {
        sellerEarnings: { pendingClearance: { amountCents: number }; cleared: { amountCents: number }; lifetime: { amountCents: number } };
      };
    }>(earnings, { id: seller.id });
    expect(own.errors).toBeUndefined();
    expect(own.data!.user.sellerEarnings.lifetime.amountCents).toBeGreaterThanOrEqual(9876);
    expect(own.data!.user.sellerEarnings.pendingClearance.amountCents).toBe(own.data!.user.sellerEarnings.lifetime.amountCents);
    for (const other of [buyer, stranger]) {
      expect((await other.gql<{ user: { sellerEarnings: unknown } }>(earnings, { id: seller.id })).data!.user.sellerEarnings).toBeNull();
    }
    expect(
      (await graphqlRequest<{ user: { sellerEarnings: unknown } }>(stack.graphqlUrl, earnings, { id: seller.id })).data!.user
        .sellerEarnings,
    ).toBeNull();
  });

  it("refuses one's own gig, the wrong person and the wrong state", async () => {
    const gig = await publishedGig(seller, { requirements: [] });
    const own = await seller.gql<{ placeOrder: { order: unknown; userErrors: Array<{ field: string[]; code: string }> } }>(M.place, {
      input: { gigId: gig.id, tier: 'BASIC' },
    });
    expect(own.data!.placeOrder).toMatchObject({ order: null, userErrors: [{ field: ['input', 'gigId'], code: 'INVALID' }] });
    const order = await ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
    const byBuyer = await buyer.gql(M.deliver, { input: { orderId: order.id, message: 'Not mine to deliver' } });
    expect(byBuyer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const early = await buyer.gql<{ acceptDelivery: { userErrors: Array<{ code: string }> } }>(M.accept, { input: { orderId: order.id } });
    expect(early.data!.acceptDelivery.userErrors[0]!.code).toBe('INVALID_STATE');
    const anon = await graphqlRequest(stack.graphqlUrl, M.place, { input: { gigId: gig.id, tier: 'BASIC' } });
    expect(anon.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('auto-completes a delivered order after 3 days', async () => {
    const gig = await publishedGig(seller, { requirements: [] });
    const order = await ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
    await ok(seller, M.deliver, { orderId: order.id, message: 'Here you go' });
    const orders = stack.services.orders as unknown as StartedOrdersService;
    expect(await orders.autoCompletion.runOnce(new Date(Date.now() + 3 * DAY + 60_000))).toBeGreaterThanOrEqual(1);
    const view = (await buyer.gql<{ order: OrderView }>(M.order, { id: order.id })).data!.order;
    expect(view.status).toBe('COMPLETED');
    expect(view.events.at(-1)).toEqual({ type: 'AUTO_COMPLETED', actor: null, note: null });
  });

  it("lists the buyer's orders with their gigs, and asks the orders subgraph once for a page of gig ratings", async () => {
    const mine = await buyer.gql<{
      myOrders: { totalCount: number; edges: Array<{ node: { gig: { title: string }; seller: { username: string } } }> };
    }>('{ myOrders(role: BUYER, first: 50) { totalCount edges { node { gig { title } seller { username } } } } }');
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myOrders.totalCount).toBeGreaterThanOrEqual(4);
    for (const edge of mine.data!.myOrders.edges) expect(edge.node.seller.username).toBe(seller.username);

    stack.subgraphCalls!.reset();
    const page = await graphqlRequest<{ searchGigs: { edges: Array<{ node: { rating: { count: number }; ordersCompleted: number } }> } }>(
      stack.graphqlUrl,
      '{ searchGigs(first: 50) { edges { node { title rating { average count } ordersCompleted ordersInQueue } } } }',
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.searchGigs.edges.length).toBeGreaterThanOrEqual(4);
    expect(page.data!.searchGigs.edges.some((e) => e.node.ordersCompleted > 0)).toBe(true);
    expect(stack.subgraphCalls!.counts().orders).toBe(1);
  });
  it('keeps an archived gig on its orders and reviews while hiding it from queries', async () => {
    const gig = await publishedGig(seller, { requirements: [] });
    const placed = await ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
    expect(placed.status).toBe('IN_PROGRESS');
    await ok(seller, M.deliver, { orderId: placed.id, message: 'Here are your files.' });
    await ok(buyer, M.accept, { orderId: placed.id });
    const reviewed = await buyer.gql<{ leaveReview: { review: { id: string } | null } }>(M.review, {
      input: { orderId: placed.id, rating: 5, comment: 'Exactly what I needed.' },
    });
    expect(reviewed.data?.leaveReview.review?.id).toBeTruthy();

    const archived = await seller.gql<{ archiveGig: { gig: { status: string } | null } }>(
      'mutation ($id: ID!) { archiveGig(input: { id: $id }) { gig { status } userErrors { code } } }',
      { id: gig.id },
    );
    expect(archived.data?.archiveGig.gig?.status).toBe('ARCHIVED');

    // The gig itself is gone for the buyer...
    const direct = await buyer.gql<{ gig: unknown }>('query ($id: ID!) { gig(id: $id) { id } }', { id: gig.id });
    expect(direct.data?.gig).toBeNull();
    // ...but the order they bought and the public review still show it (both fields are non-null).
    const order = await buyer.gql<{ order: OrderView }>(M.order, { id: placed.id });
    expect(order.errors).toBeUndefined();
    expect(order.data?.order.gig.id).toBe(gig.id);
    const reviews = await graphqlRequest<{ user: { reviewsReceived: { edges: Array<{ node: { gig: { id: string } } }> } } }>(
      stack.graphqlUrl,
      'query ($id: ID!) { user(id: $id) { reviewsReceived(first: 50) { edges { node { gig { id title } } } } } }',
      { id: seller.id },
    );
    expect(reviews.errors).toBeUndefined();
    expect(reviews.data?.user.reviewsReceived.edges.map((e) => e.node.gig.id)).toContain(gig.id);
  });
});
