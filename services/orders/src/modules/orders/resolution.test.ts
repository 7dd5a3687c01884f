import { newId } from '@gigmart/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { customExtra, fastExtra, R, resolutionClient, revisionExtra, type ResolutionClient } from '../../../test/resolution.js';

/**
 * Extras, extension requests, cancellation by agreement, partial refunds and disputes
 * (orders.resolution.graphql) over HTTP on the real database: the flows, every bad input and the
 * races of the issue (one winner, nothing changed by the loser).
 */

let h: OrdersHarness;
let admin: Member;
beforeAll(async () => {
  h = await startOrdersHarness('resolution', { events: { relay: false } });
  admin = await h.member(['BUYER', 'ADMIN']);
});
afterAll(() => h?.stop());
let api: ResolutionClient;
beforeAll(() => {
  api = resolutionClient(h);
});
const run: ResolutionClient['run'] = (...args) => api.run(...args);
const ok: ResolutionClient['ok'] = (...args) => api.ok(...args);
const refused: ResolutionClient['refused'] = (...args) => api.refused(...args);
const view: ResolutionClient['view'] = (...args) => api.view(...args);
const stored: ResolutionClient['stored'] = (...args) => api.stored(...args);
const started: ResolutionClient['started'] = (...args) => api.started(...args);
const delivered: ResolutionClient['delivered'] = (...args) => api.delivered(...args);

describe('extras', () => {
  it('buys extras at checkout as part of the ORDER charge, and orderQuote says the same', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
    const [rev, custom] = [revisionExtra(), customExtra()];
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [], extras: [fastExtra(), rev, custom] });
    const wanted = [
      { extraId: rev.id, quantity: 2 },
      { extraId: custom.id, quantity: 1 },
    ];
    const quote = await h.gql<{ orderQuote: Record<string, unknown> }>(
      `query ($gigId: ID!, $extras: [OrderExtraInput!]) { orderQuote(gigId: $gigId, tier: BASIC, extras: $extras) {
        subtotal { amountCents } serviceFee { amountCents } total { amountCents } deliveryDays revisions } }`,
      { gigId: gig.id, extras: wanted },
    );
    // 5000 + 2 x 500 + 1500 = 7500; 5.5% = 412.5 -> 413, + 300; 3 days + 2; 1 revision + 2.
    expect(quote.data!.orderQuote).toEqual({
      subtotal: { amountCents: 7500 },
      serviceFee: { amountCents: 713 },
      total: { amountCents: 8213 },
      deliveryDays: 5,
      revisions: 3,
    });
    const order = await ok(buyer, R.place, { gigId: gig.id, tier: 'BASIC', extras: wanted });
    expect(order).toMatchObject({
      subtotal: { amountCents: 7500 },
      serviceFee: { amountCents: 713 },
      total: { amountCents: 8213 },
      sellerEarnings: { amountCents: 6000 },
      revisionsRemaining: 3,
      dueAt: new Date(h.clock.now().getTime() + 5 * DAY).toISOString(),
      charges: [{ kind: 'ORDER', subtotal: { amountCents: 7500 }, serviceFee: { amountCents: 713 }, total: { amountCents: 8213 } }],
    });
    expect(order.extras.map((e) => [e.kind, e.quantity, e.total.amountCents])).toEqual([
      ['ADDITIONAL_REVISION', 2, 1000],
      ['CUSTOM', 1, 1500],
    ]);
  });

  it('buys extras mid-order as one EXTRAS charge with its own fee; dueAt moves at once', async () => {
    const { buyer, gig, order } = await started('BASIC');
    const custom = gig.extras![2]!;
    const after = await ok(buyer, R.buyExtras, { orderId: order.id, extras: [{ extraId: custom.id, quantity: 2 }] });
    // ORDER 5000 (fee 575) + EXTRAS 3000 (fee 165 + 300): not the fee of one 8000 subtotal (440 + 300).
    expect(after.charges.map((c) => [c.kind, c.subtotal.amountCents, c.serviceFee.amountCents])).toEqual([
      ['ORDER', 5000, 575],
      ['EXTRAS', 3000, 465],
    ]);
    expect(after).toMatchObject({ subtotal: { amountCents: 8000 }, serviceFee: { amountCents: 1040 }, total: { amountCents: 9040 } });
    expect(after.sellerEarnings.amountCents).toBe(6400);
    expect(Date.parse(after.dueAt!) - Date.parse(order.dueAt!)).toBe(4 * DAY);
    expect(after.events.at(-1)).toMatchObject({ type: 'EXTRAS_PURCHASED', actor: { id: buyer.id } });
    // Fast delivery: due 2 days after the start instead of 3 (+ the 4 custom days).
    const fast = await ok(buyer, R.buyExtras, { orderId: order.id, extras: [{ extraId: gig.extras![0]!.id }] });
    expect(Date.parse(fast.dueAt!) - Date.parse(order.dueAt!)).toBe(3 * DAY);
  });

  it('is idempotent: ten concurrent purchases with one key make one charge; the key with another input is INVALID', async () => {
    const { buyer, gig, order } = await started();
    const input = { orderId: order.id, extras: [{ extraId: gig.extras![1]!.id, quantity: 1 }], idempotencyKey: 'buy-1' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => run(buyer, R.buyExtras, input)));
    for (const a of answers) expect(a.payload?.userErrors).toEqual([]);
    const now = await stored(order.id);
    expect(now!.charges!.map((c) => c.kind)).toEqual(['ORDER', 'EXTRAS']);
    expect(await refused(buyer, R.buyExtras, { ...input, extras: [{ extraId: gig.extras![1]!.id, quantity: 2 }] })).toEqual([
      ['input.idempotencyKey', 'INVALID'],
    ]);
    expect((await stored(order.id))!.version).toBe(now!.version);
  });

  it('refuses quantity 11, an unknown extra, an extra of another gig, fast delivery after a delivery, the seller, and the wrong state', async () => {
    const { buyer, seller, gig, order } = await started();
    const other = await started();
    const before = (await stored(order.id))!.version;
    const cases: Array<[Member, Record<string, unknown>, unknown]> = [
      [buyer, { orderId: order.id, extras: [{ extraId: gig.extras![1]!.id, quantity: 11 }] }, [['input.extras.0.quantity', 'INVALID']]],
      [buyer, { orderId: order.id, extras: [{ extraId: gig.extras![0]!.id, quantity: 2 }] }, [['input.extras.0.quantity', 'INVALID']]],
      [buyer, { orderId: order.id, extras: [{ extraId: newId().toHexString() }] }, [['input.extras.0.extraId', 'NOT_FOUND']]],
      [buyer, { orderId: order.id, extras: [{ extraId: other.gig.extras![1]!.id }] }, [['input.extras.0.extraId', 'NOT_FOUND']]],
      [buyer, { orderId: order.id, extras: [] }, [['input.extras', 'TOO_SHORT']]],
      [seller, { orderId: order.id, extras: [{ extraId: gig.extras![1]!.id }] }, 'FORBIDDEN'],
      [other.buyer, { orderId: order.id, extras: [{ extraId: gig.extras![1]!.id }] }, [['input.orderId', 'NOT_FOUND']]],
    ];
    for (const [member, input, expected] of cases) expect(await refused(member, R.buyExtras, input)).toEqual(expected);
    expect((await stored(order.id))!.version).toBe(before);

    await ok(seller, R.deliver, { orderId: order.id, message: 'Done' });
    expect(await refused(buyer, R.buyExtras, { orderId: order.id, extras: [{ extraId: gig.extras![0]!.id }] })).toEqual([
      ['input.extras.0.extraId', 'INVALID_STATE'],
    ]);
    await ok(buyer, R.accept, { orderId: order.id });
    expect(await refused(buyer, R.buyExtras, { orderId: order.id, extras: [{ extraId: gig.extras![1]!.id }] })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
  });
});

describe('extension requests', () => {
  it('the seller asks, the buyer accepts by request id: dueAt moves; one pending at a time; at most 3', async () => {
    const { buyer, seller, order } = await started();
    const asked = await ok(seller, R.requestExtension, { orderId: order.id, days: 2, reason: 'The client asked for more' });
    const request = asked.extensionRequests[0]!;
    expect(request).toMatchObject({ days: 2, status: 'PENDING', respondBy: new Date(h.clock.now().getTime() + 2 * DAY).toISOString() });
    expect(asked.viewerActions).not.toContain('REQUEST_EXTENSION');
    expect((await view(buyer, order.id)).viewerActions).toContain('ANSWER_EXTENSION');
    expect(await refused(seller, R.requestExtension, { orderId: order.id, days: 2, reason: 'Another one please' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
    expect(await refused(seller, R.answerExtension, { requestId: request.id, accept: true })).toBe('FORBIDDEN');
    const accepted = await ok(buyer, R.answerExtension, { requestId: request.id, accept: true });
    expect(Date.parse(accepted.dueAt!) - Date.parse(order.dueAt!)).toBe(2 * DAY);
    expect(accepted.extensionRequests[0]!.status).toBe('ACCEPTED');
    expect(accepted.events.at(-1)!.type).toBe('EXTENSION_ACCEPTED');
    expect(await refused(buyer, R.answerExtension, { requestId: request.id, accept: true })).toEqual([[null, 'INVALID_STATE']]);

    for (const _ of [1, 2]) {
      const again = await ok(seller, R.requestExtension, { orderId: order.id, days: 1, reason: 'Still more to do here' });
      await ok(buyer, R.answerExtension, { requestId: again.extensionRequests[0]!.id, accept: false });
    }
    expect(await refused(seller, R.requestExtension, { orderId: order.id, days: 1, reason: 'A fourth one, please' })).toEqual([
      [null, 'LIMIT_REACHED'],
    ]);
  });

  it('refuses 0 or 31 days, a short reason, the buyer asking, an unknown request id', async () => {
    const { buyer, seller, order } = await started();
    expect(await refused(seller, R.requestExtension, { orderId: order.id, days: 0, reason: 'short' })).toEqual([
      ['input.days', 'INVALID'],
      ['input.reason', 'TOO_SHORT'],
    ]);
    expect(await refused(seller, R.requestExtension, { orderId: order.id, days: 31, reason: 'A good reason here' })).toEqual([
      ['input.days', 'INVALID'],
    ]);
    expect(await refused(buyer, R.requestExtension, { orderId: order.id, days: 2, reason: 'A good reason here' })).toBe('FORBIDDEN');
    expect(await refused(buyer, R.answerExtension, { requestId: newId().toHexString(), accept: true })).toEqual([
      ['input.requestId', 'NOT_FOUND'],
    ]);
    expect((await stored(order.id))!.extensionRequests).toEqual([]);
  });

  it("answers a request only by the id the API gave it, which names the request's order", async () => {
    const { buyer, seller, order } = await started();
    const other = await started();
    const asked = await ok(seller, R.requestExtension, { orderId: order.id, days: 2, reason: 'Need a bit more time' });
    const id = asked.extensionRequests[0]!.id;
    const own = id.slice(24);
    // The request's own ObjectId alone, or beside another order's id, or as another kind: not there.
    for (const requestId of [own, `${other.order.id}${own}`, `${id}0`, `${order.id}${newId().toHexString()}`]) {
      expect(await refused(buyer, R.answerExtension, { requestId, accept: true }), requestId).toEqual([['input.requestId', 'NOT_FOUND']]);
    }
    expect(await refused(seller, R.withdrawCancellation, { requestId: id })).toEqual([['input.requestId', 'NOT_FOUND']]);
    expect((await stored(order.id))!.extensionRequests![0]!.status).toBe('PENDING');
    const accepted = await ok(buyer, R.answerExtension, { requestId: id, accept: true });
    expect(accepted.extensionRequests[0]).toMatchObject({ id, status: 'ACCEPTED' });
  });

  it('lapses after 48 hours by the job (dueAt stays); a delivery withdraws a pending one', async () => {
    const { seller, order } = await started();
    const asked = await ok(seller, R.requestExtension, { orderId: order.id, days: 3, reason: 'Need a bit more time' });
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 2 * DAY - 1));
    expect((await stored(order.id))!.extensionRequests![0]!.status).toBe('PENDING');
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 2 * DAY));
    const lapsed = await view(seller, order.id);
    expect(lapsed.extensionRequests[0]!.status).toBe('LAPSED');
    expect(lapsed.dueAt).toBe(asked.dueAt);
    expect(lapsed.events.at(-1)).toMatchObject({ type: 'EXTENSION_LAPSED', actor: null });

    const second = await ok(seller, R.requestExtension, { orderId: order.id, days: 3, reason: 'Need a bit more time' });
    const done = await ok(seller, R.deliver, { orderId: order.id, message: 'Delivered anyway' });
    expect(done.extensionRequests.find((r) => r.id === second.extensionRequests[0]!.id)!.status).toBe('WITHDRAWN');
  });
});

describe('cancellation by agreement', () => {
  it('either party asks, the other accepts: CANCELLED, the total refunded, no earnings', async () => {
    const { buyer, seller, order } = await started();
    const asked = await ok(buyer, R.requestCancellation, { orderId: order.id, reason: 'I no longer need this' });
    const request = asked.cancellationRequests[0]!;
    expect(request.requestedBy.id).toBe(buyer.id);
    expect(await refused(buyer, R.answerCancellation, { requestId: request.id, accept: true })).toBe('FORBIDDEN');
    expect(await refused(seller, R.withdrawCancellation, { requestId: request.id })).toBe('FORBIDDEN');
    expect(await refused(buyer, R.requestCancellation, { orderId: order.id, reason: 'I no longer need this' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
    const done = await ok(seller, R.answerCancellation, { requestId: request.id, accept: true });
    expect(done).toMatchObject({ status: 'CANCELLED', refunded: { amountCents: 10_550 }, sellerEarnings: { amountCents: 0 } });
    expect(done.events.slice(-2).map((e) => e.type)).toEqual(['CANCELLATION_ACCEPTED', 'CANCELLED']);
    expect(await refused(seller, R.answerCancellation, { requestId: request.id, accept: true })).toEqual([[null, 'INVALID_STATE']]);
  });

  it('the asker may withdraw; no answer in 48 hours cancels (LAPSED); at most 3 requests', async () => {
    const { buyer, seller, order } = await started();
    for (const _ of [1, 2]) {
      const asked = await ok(seller, R.requestCancellation, { orderId: order.id, reason: 'I cannot do this one' });
      const withdrawn = await ok(seller, R.withdrawCancellation, { requestId: asked.cancellationRequests[0]!.id });
      expect(withdrawn.cancellationRequests[0]!.status).toBe('WITHDRAWN');
    }
    await ok(seller, R.requestCancellation, { orderId: order.id, reason: 'I cannot do this one' });
    expect(await refused(buyer, R.requestCancellation, { orderId: order.id, reason: 'Fine, me too then' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 2 * DAY));
    const lapsed = await view(buyer, order.id);
    expect(lapsed).toMatchObject({ status: 'CANCELLED', refunded: { amountCents: 10_550 } });
    expect(lapsed.cancellationRequests[0]!.status).toBe('LAPSED');
    expect(lapsed.events.slice(-2).map((e) => [e.type, e.actor])).toEqual([
      ['CANCELLATION_LAPSED', null],
      ['CANCELLED', null],
    ]);

    const next = await started();
    for (const _ of [1, 2, 3]) {
      const asked = await ok(next.buyer, R.requestCancellation, { orderId: next.order.id, reason: 'Thinking about it' });
      await ok(next.seller, R.answerCancellation, { requestId: asked.cancellationRequests[0]!.id, accept: false });
    }
    expect(await refused(next.seller, R.requestCancellation, { orderId: next.order.id, reason: 'Thinking about it' })).toEqual([
      [null, 'LIMIT_REACHED'],
    ]);
  });

  it('holds the automatic completion of a DELIVERED order while pending; its 3 days start again when declined', async () => {
    const { buyer, seller, order } = await delivered();
    const deliveredAt = h.clock.now().getTime();
    expect(order.autoCompletesAt).toBe(new Date(deliveredAt + 3 * DAY).toISOString());
    h.clock.advance(2 * DAY);
    const asked = await ok(seller, R.requestCancellation, { orderId: order.id, reason: 'I would rather refund' });
    expect(asked.autoCompletesAt).toBeNull();
    // Past the 3 days of the delivery, before the request lapses: no automatic completion.
    await h.service.autoCompletion.runOnce(new Date(deliveredAt + 3 * DAY + 60_000));
    expect((await stored(order.id))!.status).toBe('DELIVERED');
    h.clock.advance(DAY);
    const declined = await ok(buyer, R.answerCancellation, { requestId: asked.cancellationRequests[0]!.id, accept: false });
    expect(declined.autoCompletesAt).toBe(new Date(h.clock.now().getTime() + 3 * DAY).toISOString());
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 3 * DAY - 1));
    expect((await stored(order.id))!.status).toBe('DELIVERED');
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 3 * DAY));
    expect((await stored(order.id))!.status).toBe('COMPLETED');
  });
});

describe('partial refunds', () => {
  it('the seller offers 1-60% of an active order of $50 or more; accepted, it completes with the part refunded', async () => {
    const { buyer, seller, order } = await delivered('PREMIUM'); // 25_010
    expect(await refused(seller, R.offerPartialRefund, { orderId: order.id, percent: 61 })).toEqual([['input.percent', 'INVALID']]);
    expect(await refused(seller, R.offerPartialRefund, { orderId: order.id, percent: 0 })).toEqual([['input.percent', 'INVALID']]);
    expect(await refused(buyer, R.offerPartialRefund, { orderId: order.id, percent: 10 })).toBe('FORBIDDEN');
    const offered = await ok(seller, R.offerPartialRefund, { orderId: order.id, percent: 33 });
    // 33% of 25_010 = 8253.3 -> 8253.
    expect(offered.partialRefundOffers[0]).toMatchObject({ percent: 33, amount: { amountCents: 8253 }, status: 'PENDING' });
    expect(await refused(seller, R.answerPartialRefund, { requestId: offered.partialRefundOffers[0]!.id, accept: true })).toBe('FORBIDDEN');
    const done = await ok(buyer, R.answerPartialRefund, { requestId: offered.partialRefundOffers[0]!.id, accept: true });
    // Kept 25_010 - 8253 = 16_757; 20% = 3351.4 -> 3351; earnings 13_406. Fees kept: total unchanged.
    expect(done).toMatchObject({
      status: 'COMPLETED',
      refunded: { amountCents: 8253 },
      sellerEarnings: { amountCents: 13_406 },
      total: { amountCents: 26_386 },
    });
    expect(done.events.slice(-2).map((e) => e.type)).toEqual(['PARTIAL_REFUND_ACCEPTED', 'COMPLETED']);
    const facts = (await stored(order.id))!.outbox.filter((e) => e.data.status === 'COMPLETED');
    expect(facts.map((e) => e.type)).toEqual(['order.completed']);
  });

  it('refuses an order under $50 ($49.99) and a second pending offer; lapses after 48 hours', async () => {
    const cheap = await started('BASIC', {
      packages: [{ tier: 'BASIC', name: 'Basic', description: 'x', priceCents: 4999, deliveryDays: 3, revisions: 1, features: [] }],
    });
    expect(await refused(cheap.seller, R.offerPartialRefund, { orderId: cheap.order.id, percent: 10 })).toEqual([[null, 'INVALID_STATE']]);
    const { buyer, seller, order } = await started();
    await ok(seller, R.offerPartialRefund, { orderId: order.id, percent: 10 });
    expect(await refused(seller, R.offerPartialRefund, { orderId: order.id, percent: 20 })).toEqual([[null, 'INVALID_STATE']]);
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 2 * DAY));
    const lapsed = await view(buyer, order.id);
    expect(lapsed).toMatchObject({ status: 'IN_PROGRESS', refunded: { amountCents: 0 } });
    expect(lapsed.partialRefundOffers[0]!.status).toBe('LAPSED');
  });
});

describe('disputes', () => {
  it('either party after a delivery: DISPUTED, pending requests withdrawn, no auto-completion; an admin resolves', async () => {
    const { buyer, seller, order } = await delivered();
    const offer = await ok(seller, R.offerPartialRefund, { orderId: order.id, percent: 20 });
    expect(await refused(buyer, R.openDispute, { orderId: order.id, reason: 'Too short' })).toEqual([['input.reason', 'TOO_SHORT']]);
    const opened = await ok(buyer, R.openDispute, { orderId: order.id, reason: 'The delivery is not what was described at all' });
    expect(opened).toMatchObject({ status: 'DISPUTED', dispute: { status: 'OPEN' }, autoCompletesAt: null });
    expect(opened.partialRefundOffers[0]!.status).toBe('WITHDRAWN');
    expect(await refused(buyer, R.answerPartialRefund, { requestId: offer.partialRefundOffers[0]!.id, accept: true })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
    expect(await refused(seller, R.openDispute, { orderId: order.id, reason: 'The buyer keeps asking for more things' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + 10 * DAY));
    expect((await stored(order.id))!.status).toBe('DISPUTED');
    expect(await refused(admin, R.cancelOrder, { orderId: order.id, reason: 'admin' })).toEqual([[null, 'INVALID_STATE']]);

    const list = await h.gql<{ disputedOrders: { edges: Array<{ node: { id: string } }> } }>(
      '{ disputedOrders { edges { node { id } } } }',
      {},
      { token: admin.token },
    );
    expect(list.data!.disputedOrders.edges.map((e) => e.node.id)).toContain(order.id);
    const denied = await h.gql('{ disputedOrders { totalCount } }', {}, { token: buyer.token });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const input = { orderId: order.id, outcome: 'PARTIAL_REFUND', refundPercent: 50, note: 'Half of it was delivered.' };
    expect(await refused(buyer, R.resolveDispute, input)).toBe('FORBIDDEN');
    expect(await refused(admin, R.resolveDispute, { ...input, refundPercent: 101 })).toEqual([['input.refundPercent', 'INVALID']]);
    const resolved = await ok(admin, R.resolveDispute, input);
    // 50% of 10_000 = 5000 refunded; earnings 80% of 5000.
    expect(resolved).toMatchObject({
      status: 'COMPLETED',
      refunded: { amountCents: 5000 },
      sellerEarnings: { amountCents: 4000 },
      dispute: { status: 'RESOLVED', outcome: 'PARTIAL_REFUND', refundPercent: 50, resolutionNote: 'Half of it was delivered.' },
    });
    expect(resolved.events.slice(-2).map((e) => e.type)).toEqual(['DISPUTE_RESOLVED', 'COMPLETED']);
    expect(await refused(admin, R.resolveDispute, input)).toEqual([[null, 'INVALID_STATE']]);
  });

  it('after completion while the earnings have not cleared: stays COMPLETED with earnings held; CANCEL cancels', async () => {
    const { buyer, seller, order } = await delivered();
    await ok(buyer, R.accept, { orderId: order.id });
    h.clock.advance(13 * DAY);
    const opened = await ok(seller, R.openDispute, { orderId: order.id, reason: 'The buyer used the work and then complained' });
    expect(opened).toMatchObject({ status: 'COMPLETED', dispute: { status: 'OPEN' } });
    expect((await stored(order.id))!.earningsHeld).toBe(true);
    h.clock.advance(2 * DAY);
    const cancelled = await ok(admin, R.resolveDispute, { orderId: order.id, outcome: 'CANCEL', note: 'Not as described.' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sellerEarnings: { amountCents: 0 }, refunded: { amountCents: 10_550 } });

    const late = await delivered();
    await ok(late.buyer, R.accept, { orderId: late.order.id });
    h.clock.advance(14 * DAY);
    expect(await refused(late.buyer, R.openDispute, { orderId: late.order.id, reason: 'I found a problem much later on' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
  });
});

describe('races: one winner, nothing changed by the loser', () => {
  it('a partial refund accepted while a dispute opens', async () => {
    for (let i = 0; i < 3; i += 1) {
      const { buyer, seller, order } = await delivered();
      const offer = await ok(seller, R.offerPartialRefund, { orderId: order.id, percent: 10 });
      const [accept, dispute] = await Promise.all([
        run(buyer, R.answerPartialRefund, { requestId: offer.partialRefundOffers[0]!.id, accept: true }),
        run(seller, R.openDispute, { orderId: order.id, reason: 'Opening a dispute at the same moment' }),
      ]);
      const wins = [accept, dispute].filter((a) => a.payload?.order);
      expect(wins).toHaveLength(1);
      const after = (await stored(order.id))!;
      if (accept.payload?.order) expect([after.status, after.dispute ?? null]).toEqual(['COMPLETED', null]);
      else expect([after.status, after.partialRefundOffers![0]!.status]).toEqual(['DISPUTED', 'WITHDRAWN']);
    }
  });

  it('an extension accepted while a cancellation lapses', async () => {
    const { buyer, seller, order } = await started();
    await ok(buyer, R.requestCancellation, { orderId: order.id, reason: 'Maybe we stop here' });
    h.clock.advance(DAY);
    const asked = await ok(seller, R.requestExtension, { orderId: order.id, days: 2, reason: 'More time would help' });
    // The job passes when the cancellation is due (the extension request is not) while the buyer accepts the extension.
    const [answer] = await Promise.all([
      run(buyer, R.answerExtension, { requestId: asked.extensionRequests[0]!.id, accept: true }),
      h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + DAY)),
    ]);
    const after = (await stored(order.id))!;
    if (answer.payload?.order) expect(after.extensionRequests![0]!.status).toBe('ACCEPTED');
    else expect([after.status, after.extensionRequests![0]!.status]).toEqual(['CANCELLED', 'WITHDRAWN']);
    // A lapse the job lost is retried: the cancellation lapses in the end.
    await h.service.autoCompletion.runOnce(new Date(h.clock.now().getTime() + DAY));
    expect((await stored(order.id))!.status).toBe('CANCELLED');
  });
});
