import { graphqlRequest, until } from '@gigmart/shared/testing';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed/data.js';
import type { DemoWorld } from '../../scripts/seed/index.js';
import { seedDemoInbox } from '../../scripts/seed/inbox.js';
import { DEMO_BUYERS } from '../../scripts/seed/orders.js';
import { signUp, signUpSeller, type Actor } from './actors.js';

/**
 * The conversation-to-order walk through the gateway on the whole stack: a buyer writes, the seller
 * answers with a custom offer, the message carrying it shows in their conversation (the orders
 * service's event, delivered by its relay to the inbox), the buyer accepts, and the order exists on
 * the offer's terms. A third member sees none of it.
 */

interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}

interface OfferView {
  id: string;
  status: string;
  price: { amountCents: number };
  serviceFee: { amountCents: number };
  total: { amountCents: number };
  seller: { username: string } | null;
  gig: { id: string; title: string } | null;
  order: { id: string } | null;
}

const OFFER_FIELDS = `id status price { amountCents } serviceFee { amountCents } total { amountCents }
  seller { username } gig { id title } order { id }`;

const GIG_INPUT = {
  title: 'I will design a brand identity for your small business',
  description:
    'A brand identity designed from scratch for your business: logo, colours and type, with a short questionnaire first and the final files in every format you need for print and web.',
  categorySlug: 'logo-design',
  tags: ['logo', 'branding'],
  packages: [{ tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1 }],
  requirements: [{ question: 'What is the name of your business?', required: true }],
};

describe('custom offers through the gateway', () => {
  let stack: TestStack;
  let buyer: Actor;
  let seller: Actor;
  let third: Actor;

  beforeAll(async () => {
    stack = await startTestStack();
    [buyer, seller, third] = await Promise.all([signUp(stack), signUpSeller(stack), signUp(stack)]);
  });
  afterAll(() => stack?.stop());

  it('buyer writes, seller sends an offer, the message shows it, the buyer accepts into a CUSTOM order; a third member sees null', async () => {
    const created = await seller.gql<{ createGig: { gig: { id: string } | null } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }`,
      { input: GIG_INPUT },
    );
    const gigId = created.data!.createGig.gig!.id;
    const published = await seller.gql<{ publishGig: { gig: { status: string } } }>(
      `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }`,
      { id: gigId },
    );
    expect(published.data!.publishGig.gig.status).toBe('ACTIVE');

    const SEND_OFFER = `mutation ($input: SendOfferInput!) { sendOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
    const input = {
      gigId,
      buyerId: buyer.id,
      description: 'Logo, colours and type for your bakery, with two rounds of changes.',
      priceCents: 25_000,
      deliveryDays: 7,
      revisions: 2,
      skipRequirements: true,
    };
    // Before the buyer wrote: sellers answer, they do not cold-call.
    const cold = await seller.gql<{ sendOffer: { offer: unknown; userErrors: UserErrorView[] } }>(SEND_OFFER, { input });
    expect(cold.data!.sendOffer.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);

    const wrote = await buyer.gql<{ sendMessage: { conversation: { id: string }; userErrors: UserErrorView[] } }>(
      `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { conversation { id } userErrors { field message code } } }`,
      { input: { recipientId: seller.id, body: 'Hi! Could you do a whole brand kit for my bakery?' } },
    );
    expect(wrote.data!.sendMessage.userErrors).toEqual([]);
    const conversationId = wrote.data!.sendMessage.conversation.id;

    const sent = await seller.gql<{ sendOffer: { offer: OfferView | null; userErrors: UserErrorView[] } }>(SEND_OFFER, { input });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendOffer.userErrors).toEqual([]);
    const offer = sent.data!.sendOffer.offer!;
    expect(offer).toMatchObject({ status: 'PENDING', price: { amountCents: 25_000 }, seller: { username: seller.username } });
    expect(offer.gig).toEqual({ id: gigId, title: GIG_INPUT.title });

    // The message carrying the offer arrives through the outbox, the relay and the inbox's event route.
    const THREAD = `query ($id: ID!) { conversation(id: $id) { unreadCount messages(first: 10) { edges { node {
      body author { username } offer { id status total { amountCents } } } } } } }`;
    type Thread = {
      conversation: {
        unreadCount: number;
        messages: { edges: Array<{ node: { body: string; author: { username: string }; offer: { id: string; status: string } | null } }> };
      };
    };
    const withOffer = await until(async () => {
      const res = await buyer.gql<Thread>(THREAD, { id: conversationId });
      const top = res.data?.conversation.messages.edges[0]?.node;
      return top?.offer ? res.data!.conversation : null;
    }, 'the message carrying the offer');
    expect(withOffer.messages.edges[0]!.node).toMatchObject({
      author: { username: seller.username },
      offer: { id: offer.id, status: 'PENDING', total: offer.total },
    });
    expect(withOffer.unreadCount).toBe(1);

    // A third member sees no offer (null), directly or in the pair's conversation.
    const peek = await third.gql<{ offer: unknown; conversation: unknown }>(
      `query ($offer: ID!, $conversation: ID!) { offer(id: $offer) { id } conversation(id: $conversation) { id } }`,
      { offer: offer.id, conversation: conversationId },
    );
    expect(peek.errors).toBeUndefined();
    expect(peek.data).toEqual({ offer: null, conversation: null });

    const accepted = await buyer.gql<{
      acceptOffer: {
        offer: OfferView | null;
        order: {
          id: string;
          status: string;
          package: { tier: string; name: string; price: { amountCents: number } };
          subtotal: { amountCents: number };
          serviceFee: { amountCents: number };
          total: { amountCents: number };
          offer: { id: string } | null;
        } | null;
        userErrors: UserErrorView[];
      };
    }>(
      `mutation ($input: OfferIdInput!) { acceptOffer(input: $input) { offer { ${OFFER_FIELDS} }
        order { id status package { tier name price { amountCents } } subtotal { amountCents } serviceFee { amountCents } total { amountCents } offer { id } }
        userErrors { field message code } } }`,
      { input: { offerId: offer.id } },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptOffer.userErrors).toEqual([]);
    const order = accepted.data!.acceptOffer.order!;
    // $250.00: 5.5% fee = $13.75, no small-order fee.
    expect(order).toMatchObject({
      status: 'IN_PROGRESS',
      package: { tier: 'CUSTOM', name: 'Custom offer', price: { amountCents: 25_000 } },
      subtotal: { amountCents: 25_000 },
      serviceFee: { amountCents: 1375 },
      total: { amountCents: 26_375 },
      offer: { id: offer.id },
    });
    expect(offer.serviceFee).toEqual({ amountCents: 1375 });
    expect(accepted.data!.acceptOffer.offer).toMatchObject({ status: 'ACCEPTED', order: { id: order.id } });

    // The message shows the offer's live status; the seller sees the order; the third member does not.
    const after = await buyer.gql<Thread>(THREAD, { id: conversationId });
    expect(after.data!.conversation.messages.edges[0]!.node.offer).toMatchObject({ id: offer.id, status: 'ACCEPTED' });
    const sellersView = await seller.gql<{ order: { id: string; offer: { id: string } | null } | null }>(
      `query ($id: ID!) { order(id: $id) { id offer { id } } }`,
      { id: order.id },
    );
    expect(sellersView.data!.order).toEqual({ id: order.id, offer: { id: offer.id } });

    // The offer's events also made notifications (the inbox, from the same relay): the buyer heard of
    // the offer, the seller of its acceptance (and, from the order's own event, of the order).
    const NOTIFICATIONS = '{ notifications(first: 20) { edges { node { kind actor { id } conversation { id } } } } }';
    type Notified = {
      notifications: { edges: Array<{ node: { kind: string; actor: { id: string } | null; conversation: { id: string } | null } }> };
    };
    const kindsOf = async (member: Actor) =>
      ((await member.gql<Notified>(NOTIFICATIONS)).data?.notifications.edges ?? []).map((e) => e.node);
    const toSeller = await until(async () => {
      const nodes = await kindsOf(seller);
      return nodes.some((n) => n.kind === 'OFFER_ACCEPTED') && nodes.some((n) => n.kind === 'ORDER_PLACED') && nodes;
    }, "the seller's OFFER_ACCEPTED and ORDER_PLACED notifications");
    expect(toSeller.find((n) => n.kind === 'OFFER_ACCEPTED')).toEqual({
      kind: 'OFFER_ACCEPTED',
      actor: { id: buyer.id },
      conversation: { id: conversationId },
    });
    const toBuyer = await until(async () => {
      const received = (await kindsOf(buyer)).filter((n) => n.kind === 'OFFER_RECEIVED');
      return received.length > 0 && received;
    }, 'the OFFER_RECEIVED notification');
    expect(toBuyer).toEqual([{ kind: 'OFFER_RECEIVED', actor: { id: seller.id }, conversation: { id: conversationId } }]);
    const thirdsView = await third.gql<{ order: unknown; offer: unknown }>(
      `query ($id: ID!, $offer: ID!) { order(id: $id) { id } offer(id: $offer) { id } }`,
      {
        id: order.id,
        offer: offer.id,
      },
    );
    expect(thirdsView.data).toEqual({ order: null, offer: null });
  });

  it('the demo seed gives demo_buyer_ana unread conversations and one pending custom offer, once whatever the runs', async () => {
    // Two sellers are enough: the demo's four conversations fall on distinct pairs of them and the three demo buyers.
    const sellers = [seller, await signUpSeller(stack)];
    const created = await sellers[0]!.gql<{ createGig: { gig: { id: string } } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } } }`,
      { input: { ...GIG_INPUT, title: 'I will design a bakery brand kit with logo and menu' } },
    );
    const gigId = created.data!.createGig.gig.id;
    await sellers[0]!.gql(`mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }`, { id: gigId });
    const world: DemoWorld = {
      sellers: sellers.map((s) => ({
        id: s.id,
        username: s.username,
        displayName: s.username,
        email: s.email,
        password: s.password,
        accessToken: s.accessToken,
      })),
      gigs: [
        {
          id: gigId,
          sellerId: sellers[0]!.id,
          slug: '',
          title: '',
          categorySlug: 'logo-design',
          status: 'ACTIVE',
          packages: [],
          requirements: [],
          created: true,
        },
      ],
    };
    const first = await seedDemoInbox(stack.graphqlUrl, world, () => {});
    expect(first).toEqual({ conversations: 4, offers: 1 });
    expect(await seedDemoInbox(stack.graphqlUrl, world, () => {})).toEqual({ conversations: 0, offers: 0 });

    const login = await graphqlRequest<{ logIn: { session: { accessToken: string } } }>(
      stack.graphqlUrl,
      'mutation ($input: LogInInput!) { logIn(input: $input) { session { accessToken } } }',
      { input: { login: DEMO_BUYERS[0]!.username, password: DEMO_PASSWORD } },
    );
    const res = await graphqlRequest<{
      inboxCounts: { unreadConversations: number };
      myOffers: { totalCount: number; edges: Array<{ node: { status: string } }> };
    }>(
      stack.graphqlUrl,
      '{ inboxCounts { unreadConversations } myOffers(role: BUYER) { totalCount edges { node { status } } } }',
      {},
      { token: login.data!.logIn.session.accessToken },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.inboxCounts.unreadConversations).toBe(2);
    expect(res.data!.myOffers.totalCount).toBe(1);
    expect(res.data!.myOffers.edges[0]!.node.status).toBe('PENDING');
  }, 90_000);
});
