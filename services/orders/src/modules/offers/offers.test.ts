import type { GigSnapshot, OfferEvent } from '@gigmart/shared';
import { until } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  M,
  ORDER_FIELDS,
  startOrdersHarness,
  type Member,
  type OrderView,
  type OrdersHarness,
  type UserErrorView,
} from '../../../test/harness.js';
import { priceOrder } from '../orders/index.js';

/** Custom offers over real HTTP on the run's real database, with stand-ins for the gigs, users and inbox services. */

let h: OrdersHarness;
beforeAll(async () => {
  h = await startOrdersHarness('offers');
});
afterAll(() => h?.stop());

const OFFER_FIELDS = `id status description price { amountCents } serviceFee { amountCents } total { amountCents }
  deliveryDays revisions skipRequirements declineReason expiresAt createdAt gig { id } seller { id } buyer { id } order { id }`;

interface OfferView {
  id: string;
  status: string;
  description: string;
  price: { amountCents: number };
  serviceFee: { amountCents: number };
  total: { amountCents: number };
  deliveryDays: number;
  revisions: number | null;
  skipRequirements: boolean;
  declineReason: string | null;
  expiresAt: string;
  createdAt: string;
  gig: { id: string } | null;
  seller: { id: string } | null;
  buyer: { id: string } | null;
  order: { id: string } | null;
}

interface OfferPayloadView {
  offer: OfferView | null;
  order?: (OrderView & { offer: { id: string } | null }) | null;
  userErrors: UserErrorView[];
}

const SEND = `mutation ($input: SendOfferInput!) { sendOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
const WITHDRAW = `mutation ($input: OfferIdInput!) { withdrawOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
const DECLINE = `mutation ($input: DeclineOfferInput!) { declineOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
const ACCEPT = `mutation ($input: OfferIdInput!) { acceptOffer(input: $input) {
  offer { ${OFFER_FIELDS} } order { ${ORDER_FIELDS} offer { id } } userErrors { field message code } } }`;
const OFFER = `query ($id: ID!) { offer(id: $id) { ${OFFER_FIELDS} } }`;
const MY_OFFERS = `query ($role: OrderRole!, $status: [OfferStatus!], $first: Int, $after: String) {
  myOffers(role: $role, status: $status, first: $first, after: $after) {
    totalCount edges { cursor node { id status } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

async function run(member: Member, mutation: string, input: Record<string, unknown>): Promise<OfferPayloadView> {
  const res = await h.gql<Record<string, OfferPayloadView>>(mutation, { input }, { token: member.token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return Object.values(res.data!)[0]!;
}

const codes = (payload: OfferPayloadView) => payload.userErrors.map((e) => [e.field?.join('.') ?? null, e.code]);

interface Pair {
  buyer: Member;
  seller: Member;
  gig: GigSnapshot;
}

/** A seller with an ACTIVE gig and a buyer who wrote to them. */
async function pair(gig: Partial<GigSnapshot> = {}): Promise<Pair> {
  const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
  h.inbox.write(buyer, seller);
  return { buyer, seller, gig: h.gigs.add({ sellerId: seller.id, ...gig }) };
}

const terms = (p: Pair, extra: Record<string, unknown> = {}) => ({
  gigId: p.gig.id,
  buyerId: p.buyer.id,
  description: 'A full brand kit: logo, colours and type, three rounds of changes.',
  priceCents: 42_000,
  deliveryDays: 10,
  revisions: 3,
  ...extra,
});

async function sent(p: Pair, extra: Record<string, unknown> = {}): Promise<OfferView> {
  const payload = await run(p.seller, SEND, terms(p, extra));
  expect(payload.userErrors).toEqual([]);
  return payload.offer!;
}

const offerCount = (filter: Record<string, unknown>) => h.service.models.Offer.countDocuments(filter).exec();

describe('sendOffer', () => {
  it('records the terms with fees as for any order, expires in 7 days, and tells the inbox (offer.sent)', async () => {
    const p = await pair();
    const offer = await sent(p);
    const fees = priceOrder(42_000);
    expect(offer).toMatchObject({
      status: 'PENDING',
      price: { amountCents: 42_000 },
      serviceFee: { amountCents: fees.serviceFeeCents },
      total: { amountCents: fees.totalCents },
      deliveryDays: 10,
      revisions: 3,
      skipRequirements: false,
      declineReason: null,
      order: null,
      gig: { id: p.gig.id },
      seller: { id: p.seller.id },
      buyer: { id: p.buyer.id },
    });
    expect(Date.parse(offer.expiresAt) - Date.parse(offer.createdAt)).toBe(7 * DAY);
    const event = await until(() => h.inbox.events.find((e) => e.aggregateId === offer.id), 'the offer.sent event');
    expect(event).toMatchObject({
      type: 'offer.sent',
      sequence: 0,
      data: { offerId: offer.id, gigId: p.gig.id, sellerId: p.seller.id, buyerId: p.buyer.id, status: 'PENDING', orderId: null },
    });
  });

  it('refuses a member who never wrote, and a blocked conversation (INVALID_STATE), storing nothing', async () => {
    const p = await pair();
    const stranger = await h.member();
    const never = await run(p.seller, SEND, terms(p, { buyerId: stranger.id }));
    expect(codes(never)).toEqual([['input.buyerId', 'INVALID_STATE']]);
    h.inbox.blocked.add(`${p.seller.id}:${p.buyer.id}`);
    const blocked = await run(p.seller, SEND, terms(p));
    expect(codes(blocked)).toEqual([['input.buyerId', 'INVALID_STATE']]);
    expect(blocked.userErrors[0]!.message).toMatch(/blocked/);
    expect(await offerCount({ sellerId: p.seller.id })).toBe(0);
  });

  it("refuses another seller's gig (INVALID), a paused gig (INVALID_STATE), an unknown gig (NOT_FOUND) and oneself", async () => {
    const p = await pair();
    const other = await pair();
    expect(codes(await run(p.seller, SEND, terms(p, { gigId: other.gig.id })))).toEqual([['input.gigId', 'INVALID']]);
    const paused = h.gigs.add({ sellerId: p.seller.id, status: 'PAUSED' });
    expect(codes(await run(p.seller, SEND, terms(p, { gigId: paused.id })))).toEqual([['input.gigId', 'INVALID_STATE']]);
    expect(codes(await run(p.seller, SEND, terms(p, { gigId: '0123456789abcdef01234567' })))).toEqual([['input.gigId', 'NOT_FOUND']]);
    expect(codes(await run(p.seller, SEND, terms(p, { buyerId: p.seller.id })))).toEqual([['input.buyerId', 'INVALID']]);
    expect(await offerCount({ sellerId: p.seller.id })).toBe(0);
  });

  it('refuses a price, days, revisions, expiry or description out of range, every rule at once', async () => {
    const p = await pair();
    const tooLow = await run(
      p.seller,
      SEND,
      terms(p, { priceCents: 499, deliveryDays: 0, revisions: 21, expiresInDays: 0, description: 'Short' }),
    );
    expect(codes(tooLow)).toEqual([
      ['input.description', 'TOO_SHORT'],
      ['input.priceCents', 'INVALID'],
      ['input.deliveryDays', 'INVALID'],
      ['input.revisions', 'INVALID'],
      ['input.expiresInDays', 'INVALID'],
    ]);
    const tooHigh = await run(
      p.seller,
      SEND,
      terms(p, { priceCents: 1_000_001, deliveryDays: 91, expiresInDays: 31, description: 'x'.repeat(1501) }),
    );
    expect(codes(tooHigh)).toEqual([
      ['input.description', 'TOO_LONG'],
      ['input.priceCents', 'INVALID'],
      ['input.deliveryDays', 'INVALID'],
      ['input.expiresInDays', 'INVALID'],
    ]);
    const edges = await run(p.seller, SEND, terms(p, { priceCents: 500, deliveryDays: 90, revisions: null, expiresInDays: 30 }));
    expect(edges.userErrors).toEqual([]);
    expect(edges.offer).toMatchObject({ price: { amountCents: 500 }, deliveryDays: 90, revisions: null });
    expect(await offerCount({ sellerId: p.seller.id })).toBe(1);
  });

  it('allows 10 pending offers to one buyer and 20 offers a day (LIMIT_REACHED beyond), and 20 more the next day', async () => {
    const p = await pair();
    for (let i = 0; i < 10; i += 1) await sent(p, { priceCents: 1000 + i });
    expect(codes(await run(p.seller, SEND, terms(p)))).toEqual([[null, 'LIMIT_REACHED']]);
    const others = await Promise.all(Array.from({ length: 2 }, () => h.member()));
    for (const buyer of others) h.inbox.write(buyer, p.seller);
    for (let i = 0; i < 10; i += 1) await sent({ ...p, buyer: others[0]! }, { priceCents: 2000 + i });
    // The 21st of the day, to a third buyer who has no pending offer.
    const refused = await run(p.seller, SEND, terms({ ...p, buyer: others[1]! }));
    expect(codes(refused)).toEqual([[null, 'LIMIT_REACHED']]);
    expect(refused.userErrors[0]!.message).toMatch(/20 offers a day/);
    expect(await offerCount({ sellerId: p.seller.id })).toBe(20);
    h.clock.advance(DAY);
    await sent({ ...p, buyer: others[1]! });
    expect(await offerCount({ sellerId: p.seller.id })).toBe(21);
  });

  it('keeps the limit of 10 pending offers to one buyer under 14 concurrent sends, and frees a place with each offer that leaves PENDING', async () => {
    const p = await pair();
    const racing = await Promise.all(Array.from({ length: 14 }, (_, i) => run(p.seller, SEND, terms(p, { priceCents: 3000 + i }))));
    const accepted = racing.filter((r) => r.offer);
    expect(accepted).toHaveLength(10);
    expect(racing.filter((r) => !r.offer).map((r) => codes(r))).toEqual(Array.from({ length: 4 }, () => [[null, 'LIMIT_REACHED']]));
    expect(await offerCount({ sellerId: p.seller.id, buyerId: p.buyer.id, status: 'PENDING' })).toBe(10);
    // Withdrawing one frees its place for one more, and only one.
    const withdrawn = await run(p.seller, WITHDRAW, { offerId: accepted[0]!.offer!.id });
    expect(withdrawn.userErrors).toEqual([]);
    const again = await Promise.all(Array.from({ length: 3 }, () => run(p.seller, SEND, terms(p))));
    expect(again.filter((r) => r.offer)).toHaveLength(1);
    // An offer past its expiry that the job has not written yet gives its place up too.
    h.clock.advance(8 * DAY);
    const afterExpiry = await run(p.seller, SEND, terms(p));
    expect(afterExpiry.userErrors).toEqual([]);
    expect(await offerCount({ sellerId: p.seller.id, buyerId: p.buyer.id, status: 'PENDING' })).toBe(1);
  });

  it('returns the first offer for a repeated idempotency key, and refuses the key with other input (INVALID)', async () => {
    const p = await pair();
    const first = await sent(p, { idempotencyKey: 'offer-key-1' });
    const again = await sent(p, { idempotencyKey: 'offer-key-1' });
    expect(again.id).toBe(first.id);
    const other = await run(p.seller, SEND, terms(p, { idempotencyKey: 'offer-key-1', priceCents: 43_000 }));
    expect(codes(other)).toEqual([['input.idempotencyKey', 'INVALID']]);
    expect(other.offer).toBeNull();
    // Racing sends with one key make one offer.
    const racing = await Promise.all(Array.from({ length: 5 }, () => run(p.seller, SEND, terms(p, { idempotencyKey: 'offer-key-2' }))));
    expect(new Set(racing.map((r) => r.offer?.id)).size).toBe(1);
    expect(await offerCount({ sellerId: p.seller.id })).toBe(2);
  });

  it('needs a signed-in member', async () => {
    const p = await pair();
    const res = await h.gql(SEND, { input: terms(p) });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('acceptOffer', () => {
  it('places the order on the offer’s terms (tier CUSTOM, one ORDER charge with fees as for any order, no extras) and returns the same order again', async () => {
    const p = await pair();
    const offer = await sent(p, { skipRequirements: true });
    const accepted = await run(p.buyer, ACCEPT, { offerId: offer.id });
    expect(accepted.userErrors).toEqual([]);
    const order = accepted.order!;
    const fees = priceOrder(42_000);
    expect(order).toMatchObject({
      status: 'IN_PROGRESS',
      buyer: { id: p.buyer.id },
      seller: { id: p.seller.id },
      gig: { id: p.gig.id },
      package: {
        tier: 'CUSTOM',
        name: 'Custom offer',
        price: { amountCents: 42_000 },
        deliveryDays: 10,
        revisions: 3,
        gigTitle: p.gig.title,
      },
      subtotal: { amountCents: 42_000 },
      serviceFee: { amountCents: fees.serviceFeeCents },
      total: { amountCents: fees.totalCents },
      sellerEarnings: { amountCents: fees.sellerEarningsCents },
      requirements: [],
      offer: { id: offer.id },
    });
    expect(Date.parse(order.dueAt!) - Date.parse(order.createdAt)).toBe(10 * DAY);
    // Priced like any order (insertOrder): one ORDER charge at the offer's price, no extras.
    const stored = await h.service.models.Order.findById(order.id).lean().exec();
    expect(stored!.extras).toEqual([]);
    expect((stored!.charges ?? []).map((c) => [c.kind, c.subtotalCents, c.serviceFeeCents])).toEqual([
      ['ORDER', 42_000, fees.serviceFeeCents],
    ]);
    expect(accepted.offer).toMatchObject({ status: 'ACCEPTED', order: { id: order.id } });
    const again = await run(p.buyer, ACCEPT, { offerId: offer.id });
    expect(again.userErrors).toEqual([]);
    expect(again.order!.id).toBe(order.id);
    expect(await h.service.models.Order.countDocuments({ buyerId: p.buyer.id }).exec()).toBe(1);
    const events = await until(() => {
      const mine = h.inbox.events.filter((e) => e.aggregateId === offer.id) as OfferEvent[];
      return mine.length >= 2 && mine;
    }, 'the offer.accepted event');
    expect(events.map((e) => [e.type, e.sequence, e.data.status, e.data.orderId])).toEqual([
      ['offer.sent', 0, 'PENDING', null],
      ['offer.accepted', 1, 'ACCEPTED', order.id],
    ]);
    // Order.offer for a package order is null.
    const plain = h.gigs.add({ sellerId: p.seller.id, requirements: [] });
    const placed = await h.gql<{ placeOrder: { order: { offer: unknown } } }>(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { offer { id } } } }`,
      { input: { gigId: plain.id, tier: 'BASIC' } },
      { token: p.buyer.token },
    );
    expect(placed.data!.placeOrder.order.offer).toBeNull();
  });

  it('asks the gig’s requirements unless the offer skips them', async () => {
    const p = await pair();
    const offer = await sent(p);
    const { order } = await run(p.buyer, ACCEPT, { offerId: offer.id });
    expect(order).toMatchObject({ status: 'AWAITING_REQUIREMENTS', dueAt: null });
  });

  it('makes exactly one order from ten concurrent accepts', async () => {
    const p = await pair();
    const offer = await sent(p);
    const results = await Promise.all(Array.from({ length: 10 }, () => run(p.buyer, ACCEPT, { offerId: offer.id })));
    for (const r of results) expect(r.userErrors).toEqual([]);
    expect(new Set(results.map((r) => r.order!.id)).size).toBe(1);
    expect(await h.service.models.Order.countDocuments({ buyerId: p.buyer.id }).exec()).toBe(1);
    const stored = await h.service.models.Offer.findById(offer.id).lean().exec();
    expect(stored).toMatchObject({ status: 'ACCEPTED', version: 1 });
    expect(String(stored!.orderId)).toBe(results[0]!.order!.id);
  });

  it('refuses an expired, withdrawn or declined offer, and a paused gig (INVALID_STATE)', async () => {
    const p = await pair();
    const expiring = await sent(p, { expiresInDays: 1 });
    const withdrawn = await sent(p, { priceCents: 1000 });
    const declined = await sent(p, { priceCents: 2000 });
    const pausedLater = await sent(p, { priceCents: 3000, expiresInDays: 30 });
    expect((await run(p.seller, WITHDRAW, { offerId: withdrawn.id })).offer).toMatchObject({ status: 'WITHDRAWN' });
    expect((await run(p.buyer, DECLINE, { offerId: declined.id, reason: '  Over my budget, sorry. ' })).offer).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Over my budget, sorry.',
    });
    h.clock.advance(DAY);
    // Past its expiry the offer reads EXPIRED before the job has run.
    expect((await h.gql<{ offer: OfferView }>(OFFER, { id: expiring.id }, { token: p.buyer.token })).data!.offer.status).toBe('EXPIRED');
    for (const offer of [expiring, withdrawn, declined]) {
      expect(codes(await run(p.buyer, ACCEPT, { offerId: offer.id }))).toEqual([[null, 'INVALID_STATE']]);
    }
    h.gigs.gigs.get(p.gig.id)!.status = 'PAUSED';
    expect(codes(await run(p.buyer, ACCEPT, { offerId: pausedLater.id }))).toEqual([[null, 'INVALID_STATE']]);
    expect((await h.gql<{ offer: OfferView }>(OFFER, { id: pausedLater.id }, { token: p.buyer.token })).data!.offer.status).toBe('PENDING');
    expect(await h.service.models.Order.countDocuments({ buyerId: p.buyer.id }).exec()).toBe(0);
  });

  it("refuses someone else's offer: NOT_FOUND for a stranger, FORBIDDEN for its seller", async () => {
    const p = await pair();
    const offer = await sent(p);
    const stranger = await h.member();
    expect(codes(await run(stranger, ACCEPT, { offerId: offer.id }))).toEqual([['input.offerId', 'NOT_FOUND']]);
    const bySeller = await h.gql(ACCEPT, { input: { offerId: offer.id } }, { token: p.seller.token });
    expect(bySeller.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const byBuyer = await h.gql(WITHDRAW, { input: { offerId: offer.id } }, { token: p.buyer.token });
    expect(byBuyer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await h.service.models.Offer.findById(offer.id).lean().exec())!.status).toBe('PENDING');
  });
});

describe('declineOffer and withdrawOffer', () => {
  it('decline takes a reason of at most 500 characters, and only while PENDING', async () => {
    const p = await pair();
    const offer = await sent(p);
    expect(codes(await run(p.buyer, DECLINE, { offerId: offer.id, reason: 'x'.repeat(501) }))).toEqual([['input.reason', 'TOO_LONG']]);
    expect((await run(p.buyer, DECLINE, { offerId: offer.id })).offer).toMatchObject({ status: 'DECLINED', declineReason: null });
    expect(codes(await run(p.buyer, DECLINE, { offerId: offer.id }))).toEqual([[null, 'INVALID_STATE']]);
    expect(codes(await run(p.seller, WITHDRAW, { offerId: offer.id }))).toEqual([[null, 'INVALID_STATE']]);
  });
});

describe('reading offers', () => {
  it('shows an offer to its seller, buyer and admins only (null otherwise, also as a reference)', async () => {
    const p = await pair();
    const offer = await sent(p);
    const [stranger, admin] = await Promise.all([h.member(), h.member(['BUYER', 'ADMIN'])]);
    for (const member of [p.seller, p.buyer, admin]) {
      expect((await h.gql<{ offer: OfferView | null }>(OFFER, { id: offer.id }, { token: member.token })).data!.offer?.id).toBe(offer.id);
    }
    expect((await h.gql<{ offer: OfferView | null }>(OFFER, { id: offer.id }, { token: stranger.token })).data!.offer).toBeNull();
    expect((await h.gql<{ offer: OfferView | null }>(OFFER, { id: offer.id })).data!.offer).toBeNull();
    const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Offer { id status } } }`;
    const reps = [{ __typename: 'Offer', id: offer.id }];
    expect((await h.gql<{ _entities: unknown[] }>(ENTITIES, { reps }, { token: stranger.token })).data!._entities).toEqual([null]);
    expect((await h.gql<{ _entities: unknown[] }>(ENTITIES, { reps }, { token: p.buyer.token })).data!._entities).toEqual([
      { id: offer.id, status: 'PENDING' },
    ]);
  });

  it('pages myOffers newest first with totalCount, by role and by the status a reader sees', async () => {
    const p = await pair();
    const offers = [];
    for (let i = 0; i < 5; i += 1) {
      offers.push(await sent(p, { priceCents: 1000 + i, expiresInDays: i === 0 ? 1 : 7 }));
      h.clock.advance(1000);
    }
    type Page = {
      myOffers: {
        totalCount: number;
        edges: Array<{ node: { id: string; status: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (await h.gql<Page>(MY_OFFERS, { role: 'SELLER', first: 2 }, { token: p.seller.token })).data!.myOffers;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.id)).toEqual([offers[4]!.id, offers[3]!.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await h.gql<Page>(MY_OFFERS, { role: 'SELLER', first: 50, after: first.pageInfo.endCursor }, { token: p.seller.token }))
      .data!.myOffers;
    expect(rest.edges.map((e) => e.node.id)).toEqual([offers[2]!.id, offers[1]!.id, offers[0]!.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await h.gql<Page>(MY_OFFERS, { role: 'BUYER' }, { token: p.seller.token })).data!.myOffers.totalCount).toBe(0);
    h.clock.advance(DAY);
    const expired = (await h.gql<Page>(MY_OFFERS, { role: 'BUYER', status: ['EXPIRED'] }, { token: p.buyer.token })).data!.myOffers;
    expect(expired.edges.map((e) => e.node)).toEqual([{ id: offers[0]!.id, status: 'EXPIRED' }]);
    const pending = (await h.gql<Page>(MY_OFFERS, { role: 'BUYER', status: ['PENDING'] }, { token: p.buyer.token })).data!.myOffers;
    expect(pending.totalCount).toBe(4);
    const bad = await h.gql(MY_OFFERS, { role: 'BUYER', first: 51 }, { token: p.buyer.token });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const anonymous = await h.gql(MY_OFFERS, { role: 'BUYER' });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('expiry job', () => {
  it('writes EXPIRED on pending offers past their expiry, once, and tells the inbox (offer.expired)', async () => {
    const p = await pair();
    const offer = await sent(p, { expiresInDays: 2 });
    const later = await sent(p, { expiresInDays: 5, priceCents: 900 });
    const at = new Date(h.clock.now().getTime() + 3 * DAY);
    expect(await h.service.offerExpiry.runOnce(at)).toBeGreaterThanOrEqual(1);
    expect(await h.service.offerExpiry.runOnce(at)).toBe(0);
    expect((await h.service.models.Offer.findById(offer.id).lean().exec())!.status).toBe('EXPIRED');
    expect((await h.service.models.Offer.findById(later.id).lean().exec())!.status).toBe('PENDING');
    const events = await until(() => {
      const mine = h.inbox.events.filter((e) => e.aggregateId === offer.id);
      return mine.length >= 2 && mine;
    }, 'the offer.expired event');
    expect(events.map((e) => [e.type, e.sequence])).toEqual([
      ['offer.sent', 0],
      ['offer.expired', 1],
    ]);
  });
});

describe('placeOrder', () => {
  it('refuses the CUSTOM tier (INVALID)', async () => {
    const p = await pair();
    const { payload } = await h.attempt(p.buyer, M.place, { gigId: p.gig.id, tier: 'CUSTOM' });
    expect(payload!.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([['input.tier', 'INVALID']]);
  });
});
