import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M, startOrdersHarness, type Member, type OrderView, type OrdersHarness } from '../../../test/harness.js';

/**
 * Who may act on an order, across the modules' mutations: a caller must be a member who exists
 * (context.ts requireMember), and an order the caller cannot see is, to them, not there
 * (orders/service.ts loadOrder).
 */

let h: OrdersHarness;
beforeAll(async () => {
  h = await startOrdersHarness('access', { events: { relay: false } });
});
afterAll(() => h?.stop());

const LEAVE = `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id } userErrors { field message code } } }`;
const RESPOND = `mutation ($input: RespondToReviewInput!) { respondToReview(input: $input) { review { id } userErrors { field message code } } }`;
const MADE_UP = '0123456789abcdef01234567';

type Stage = 'placed' | 'inProgress' | 'delivered' | 'completed';

/** An order of a known buyer and seller, moved on to `stage` (the gig asks requirements only for 'placed'). */
async function orderAt(stage: Stage): Promise<{ buyer: Member; seller: Member; order: OrderView; requirementId: string }> {
  const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
  const gig = h.gigs.add({ sellerId: seller.id, ...(stage === 'placed' ? {} : { requirements: [] }) });
  const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'STANDARD' });
  if (stage !== 'placed' && stage !== 'inProgress') await h.ok(seller, M.deliver, { orderId: order.id, message: 'Here it is' });
  if (stage === 'completed') await h.ok(buyer, M.accept, { orderId: order.id });
  return { buyer, seller, order, requirementId: gig.requirements[0]?.id ?? MADE_UP };
}

/** Each mutation on an order, with an input its party could send in the stage where they may. */
const ON_AN_ORDER: Array<{
  name: string;
  mutation: string;
  party: 'buyer' | 'seller';
  stage: Stage;
  input: (orderId: string, requirementId: string) => Record<string, unknown>;
}> = [
  {
    name: 'submitRequirements',
    mutation: M.submit,
    party: 'buyer',
    stage: 'placed',
    input: (orderId, requirementId) => ({ orderId, answers: [{ requirementId, answer: 'Acme' }] }),
  },
  { name: 'deliverOrder', mutation: M.deliver, party: 'seller', stage: 'inProgress', input: (orderId) => ({ orderId, message: 'Done' }) },
  {
    name: 'requestRevision',
    mutation: M.revise,
    party: 'buyer',
    stage: 'delivered',
    input: (orderId) => ({ orderId, message: 'Bigger please' }),
  },
  { name: 'acceptDelivery', mutation: M.accept, party: 'buyer', stage: 'delivered', input: (orderId) => ({ orderId }) },
  {
    name: 'cancelOrder',
    mutation: M.cancel,
    party: 'buyer',
    stage: 'placed',
    input: (orderId) => ({ orderId, reason: 'Changed my mind' }),
  },
  { name: 'sendOrderMessage', mutation: M.message, party: 'buyer', stage: 'inProgress', input: (orderId) => ({ orderId, body: 'Hello?' }) },
  {
    name: 'leaveReview',
    mutation: LEAVE,
    party: 'buyer',
    stage: 'completed',
    input: (orderId) => ({ orderId, rating: 5, comment: 'Lovely work, thank you!' }),
  },
];

async function run(member: Member, mutation: string, input: Record<string, unknown>) {
  const res = await h.gql<Record<string, unknown>>(mutation, { input }, { token: member.token });
  return { data: res.data ?? null, errors: res.errors };
}

async function versionOf(orderId: string): Promise<number> {
  const order = await h.service.models.Order.findById(orderId).lean().exec();
  return order!.version;
}

describe('an order the caller cannot see is not there', () => {
  for (const { name, mutation, stage, input } of ON_AN_ORDER) {
    it(`${name}: a stranger gets the same NOT_FOUND for a real order as for a made-up one`, async () => {
      const { order, requirementId } = await orderAt(stage);
      const version = await versionOf(order.id);
      const stranger = await h.member();
      const real = await run(stranger, mutation, input(order.id, requirementId));
      const madeUp = await run(stranger, mutation, input(MADE_UP, requirementId));
      const malformed = await run(stranger, mutation, input('nope', requirementId));
      expect(real.errors).toBeUndefined();
      expect(Object.values(real.data!)[0]).toMatchObject({
        userErrors: [{ field: ['input', 'orderId'], message: 'No such order.', code: 'NOT_FOUND' }],
      });
      expect(real).toEqual(madeUp);
      expect(real).toEqual(malformed);
      expect(await versionOf(order.id)).toBe(version);
    });
  }

  it('the parties and admins still see the order: a party who may not act gets FORBIDDEN', async () => {
    const { seller, buyer, order, requirementId } = await orderAt('placed');
    const admin = await h.member(['BUYER', 'ADMIN']);
    const bySeller = await run(seller, M.submit, { orderId: order.id, answers: [{ requirementId, answer: 'Acme' }] });
    expect(bySeller.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const byAdmin = await run(admin, M.message, { orderId: order.id, body: 'Hello' });
    expect(byAdmin.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const ownReview = await run(buyer, LEAVE, { orderId: order.id, rating: 5, comment: 'Not done yet, but great!' });
    expect(ownReview.data!['leaveReview']).toMatchObject({ userErrors: [{ code: 'INVALID_STATE' }] });
  });
});

describe('a token for a member who does not exist is UNAUTHENTICATED', () => {
  it('placeOrder: no order is placed for an unknown member', async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({ sellerId: seller.id });
    const ghost = await h.unknownMember();
    const res = await run(ghost, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'ghost-1' });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
    expect(await h.service.models.Order.countDocuments({ buyerId: ghost.id }).exec()).toBe(0);
  });

  for (const { name, mutation, party, stage, input } of ON_AN_ORDER) {
    it(`${name}: the order's own ${party}, once their account is gone, changes nothing`, async () => {
      const { order, requirementId } = await orderAt(stage);
      const ghost = await h.unknownMember();
      // The order is theirs, as when its party's account has since been deleted.
      await h.service.models.Order.updateOne({ _id: order.id }, { $set: { [`${party}Id`]: ghost.id } }).exec();
      const before = await h.service.models.Order.findById(order.id).lean().exec();
      const res = await run(ghost, mutation, input(order.id, requirementId));
      expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
      const after = await h.service.models.Order.findById(order.id).lean().exec();
      expect(after!.version).toBe(before!.version);
      expect(await h.service.models.Message.countDocuments({ orderId: order.id }).exec()).toBe(0);
      expect(await h.service.models.Review.countDocuments({ orderId: order.id }).exec()).toBe(0);
    });
  }

  it("respondToReview: the review's seller, once their account is gone, cannot answer", async () => {
    const { buyer, order } = await orderAt('completed');
    const left = await run(buyer, LEAVE, { orderId: order.id, rating: 4, comment: 'Good work, thank you' });
    const reviewId = (left.data!['leaveReview'] as { review: { id: string } }).review.id;
    const ghost = await h.unknownMember(['BUYER', 'SELLER']);
    await h.service.models.Review.updateOne({ _id: reviewId }, { $set: { sellerId: ghost.id } }).exec();
    const res = await run(ghost, RESPOND, { reviewId, response: 'Thanks!' });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await h.service.models.Review.findById(reviewId).lean().exec())!.sellerResponse).toBeNull();
  });

  it("while the users service is down: SERVICE_UNAVAILABLE for a mutation, and one's own orders still read", async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({ sellerId: seller.id });
    const buyer = await h.member(); // never asked about yet: nothing cached
    await h.users.stop();
    try {
      const res = await run(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      const mine = await h.gql<{ myOrders: { totalCount: number } }>(
        '{ myOrders(role: BUYER) { totalCount } }',
        {},
        { token: buyer.token },
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data).toEqual({ myOrders: { totalCount: 0 } });
    } finally {
      await h.users.start();
    }
    expect((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' })).status).toBe('AWAITING_REQUIREMENTS');
  });

  it('a stranger with an unknown id learns nothing either: UNAUTHENTICATED before any lookup', async () => {
    const { order } = await orderAt('delivered');
    const ghost = await h.unknownMember();
    for (const orderId of [order.id, MADE_UP]) {
      const res = await run(ghost, M.accept, { orderId });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  });
});
