import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpSeller, type Actor } from './actors.js';

/**
 * Gig extras and the order flows of orders.resolution.graphql through the gateway, on the real
 * services: extras defined in gigs and bought in orders, an extension accepted, a cancellation
 * declined, a partial refund accepted (the order completes and gigs counts it), a dispute opened.
 */

interface Order {
  id: string;
  status: string;
  total: { amountCents: number };
  sellerEarnings: { amountCents: number };
  refunded: { amountCents: number };
  dueAt: string;
  revisionsRemaining: number | null;
  viewerActions: string[];
  charges: Array<{ kind: string; total: { amountCents: number } }>;
  extensionRequests: Array<{ id: string; status: string }>;
  cancellationRequests: Array<{ id: string; status: string }>;
  partialRefundOffers: Array<{ id: string; status: string }>;
  dispute: { status: string } | null;
}
const FIELDS = `id status total { amountCents } sellerEarnings { amountCents } refunded { amountCents } dueAt revisionsRemaining viewerActions
  charges { kind total { amountCents } } extensionRequests { id status } cancellationRequests { id status }
  partialRefundOffers { id status } dispute { status }`;
const mutation = (name: string, input: string) =>
  `mutation ($input: ${input}!) { ${name}(input: $input) { order { ${FIELDS} } userErrors { field message code } } }`;

async function act(actor: Actor, name: string, input: string, variables: Record<string, unknown>): Promise<Order> {
  const res = await actor.gql<Record<string, { order: Order | null; userErrors: unknown[] }>>(mutation(name, input), { input: variables });
  const payload = res.data?.[name];
  if (!payload?.order) throw new Error(`${name} failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return payload.order;
}

describe('extras, extensions, cancellations, partial refunds and disputes through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let gigId: string;
  let extras: Array<{ id: string; kind: string }>;

  beforeAll(async () => {
    stack = await startTestStack();
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
    const created = await seller.gql<{ createGig: { gig: { id: string; extras: Array<{ id: string; kind: string }> } | null } }>(
      'mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id extras { id kind } } userErrors { field message code } } }',
      {
        input: {
          title: 'I will design a minimalist logo for your bakery',
          description:
            'A clean, minimalist logo designed from scratch for your bakery. You get two initial concepts, revisions on the one you pick, and the final files in every format you need for print and web.',
          categorySlug: 'logo-design',
          tags: ['logo'],
          packages: [{ tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 10_000, deliveryDays: 5, revisions: 1 }],
          extras: [
            { kind: 'EXTRA_FAST_DELIVERY', title: 'Express delivery', priceCents: 2000, days: 2 },
            { kind: 'ADDITIONAL_REVISION', title: 'One more revision', priceCents: 500, days: 0 },
            { kind: 'CUSTOM', title: 'Source file', priceCents: 1500, days: 1 },
          ],
        },
      },
    );
    const gig = created.data?.createGig.gig;
    if (!gig) throw new Error(`createGig failed: ${JSON.stringify(created)}`);
    gigId = gig.id;
    extras = gig.extras;
    await seller.gql('mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }', { id: gigId });
  });
  afterAll(() => stack?.stop());

  const extra = (kind: string) => extras.find((e) => e.kind === kind)!.id;

  it('buys extras at checkout and later; the seller asks for more time and the buyer accepts', async () => {
    const quote = await buyer.gql<{ orderQuote: { total: { amountCents: number }; deliveryDays: number } }>(
      'query ($gig: ID!, $extras: [OrderExtraInput!]) { orderQuote(gigId: $gig, tier: BASIC, extras: $extras) { total { amountCents } deliveryDays } }',
      { gig: gigId, extras: [{ extraId: extra('EXTRA_FAST_DELIVERY') }] },
    );
    // 12_000 + 5.5% (660): 12_660 in 2 days.
    expect(quote.data?.orderQuote).toEqual({ total: { amountCents: 12_660 }, deliveryDays: 2 });
    const order = await act(buyer, 'placeOrder', 'PlaceOrderInput', {
      gigId,
      tier: 'BASIC',
      extras: [{ extraId: extra('EXTRA_FAST_DELIVERY') }],
    });
    expect(order.total.amountCents).toBe(12_660);
    const more = await act(buyer, 'buyExtras', 'BuyExtrasInput', {
      orderId: order.id,
      extras: [{ extraId: extra('ADDITIONAL_REVISION'), quantity: 2 }],
      idempotencyKey: 'e2e-extras',
    });
    // EXTRAS 1000 + 55 + 300.
    expect(more.charges.map((c) => [c.kind, c.total.amountCents])).toEqual([
      ['ORDER', 12_660],
      ['EXTRAS', 1355],
    ]);
    expect(more.revisionsRemaining).toBe(3);

    const asked = await act(seller, 'requestExtension', 'RequestExtensionInput', {
      orderId: order.id,
      days: 2,
      reason: 'The bakery sent a new brief',
    });
    expect(
      (await buyer.gql<{ order: Order }>(`query ($id: ID!) { order(id: $id) { ${FIELDS} } }`, { id: order.id })).data!.order.viewerActions,
    ).toContain('ANSWER_EXTENSION');
    const accepted = await act(buyer, 'answerExtension', 'AnswerRequestInput', { requestId: asked.extensionRequests[0]!.id, accept: true });
    expect(Date.parse(accepted.dueAt) - Date.parse(order.dueAt)).toBe(2 * 24 * 60 * 60 * 1000);
  });

  it('declines a cancellation, then completes by an accepted partial refund; a dispute opens on another order', async () => {
    const order = await act(buyer, 'placeOrder', 'PlaceOrderInput', { gigId, tier: 'BASIC' });
    const asked = await act(buyer, 'requestCancellation', 'RequestCancellationInput', { orderId: order.id, reason: 'Plans may change' });
    const declined = await act(seller, 'answerCancellation', 'AnswerRequestInput', {
      requestId: asked.cancellationRequests[0]!.id,
      accept: false,
    });
    expect(declined).toMatchObject({ status: 'IN_PROGRESS', cancellationRequests: [{ status: 'DECLINED' }] });
    await act(seller, 'deliverOrder', 'DeliverOrderInput', { orderId: order.id, message: 'Here it is' });
    const offered = await act(seller, 'offerPartialRefund', 'OfferPartialRefundInput', { orderId: order.id, percent: 25 });
    const done = await act(buyer, 'answerPartialRefund', 'AnswerRequestInput', {
      requestId: offered.partialRefundOffers[0]!.id,
      accept: true,
    });
    // 25% of 10_000 back; earnings 80% of 7500.
    expect(done).toMatchObject({ status: 'COMPLETED', refunded: { amountCents: 2500 }, sellerEarnings: { amountCents: 6000 } });

    const other = await act(buyer, 'placeOrder', 'PlaceOrderInput', { gigId, tier: 'BASIC' });
    await act(seller, 'deliverOrder', 'DeliverOrderInput', { orderId: other.id, message: 'Here it is' });
    const disputed = await act(buyer, 'openDispute', 'OpenDisputeInput', {
      orderId: other.id,
      reason: 'The delivery is not what was described',
    });
    expect(disputed).toMatchObject({ status: 'DISPUTED', dispute: { status: 'OPEN' } });
  });
});
