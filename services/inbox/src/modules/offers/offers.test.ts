import {
  createHttpEventPublisher,
  EVENTS_ROUTE,
  newEventId,
  newId,
  type OfferEvent,
  type OfferEventType,
  type OfferFactStatus,
} from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboxHarness, UPDATE, type ConversationView, type InboxHarness, type TestMember } from '../../../test/harness.js';

/** The offer events of the orders service, as its relay delivers them over HTTP, and Message.offer. */

let h: InboxHarness;
beforeAll(async () => {
  h = await startInboxHarness('inbox_offers');
});
afterAll(() => h?.stop());

const THREAD = `query ($id: ID!) { conversation(id: $id) { unreadCount lastMessage { id offer { id } }
  messages(first: 50) { totalCount edges { node { id body offer { id } author { id } } } } } }`;

interface ThreadView {
  unreadCount: number;
  lastMessage: { id: string; offer: { id: string } | null } | null;
  messages: {
    totalCount: number;
    edges: Array<{ node: { id: string; body: string; offer: { id: string } | null; author: { id: string } } }>;
  };
}

const STATUS: Record<OfferEventType, OfferFactStatus> = {
  'offer.sent': 'PENDING',
  'offer.accepted': 'ACCEPTED',
  'offer.declined': 'DECLINED',
  'offer.withdrawn': 'WITHDRAWN',
  'offer.expired': 'EXPIRED',
};

function offerEvent(type: OfferEventType, facts: { offerId: string; seller: TestMember; buyer: TestMember }, sequence: number): OfferEvent {
  return {
    id: newEventId(),
    type,
    aggregateId: facts.offerId,
    sequence,
    occurredAt: h.clock.now().toISOString(),
    data: {
      offerId: facts.offerId,
      gigId: newId().toHexString(),
      sellerId: facts.seller.id,
      buyerId: facts.buyer.id,
      status: STATUS[type],
      orderId: null,
    },
  };
}

const publisher = () => createHttpEventPublisher({ consumerUrl: h.url, serviceToken: TEST_SERVICE_TOKEN });

async function thread(member: TestMember, conversationId: string): Promise<ThreadView> {
  const res = await h.gql<{ conversation: ThreadView }>(THREAD, { id: conversationId }, { token: member.token });
  return res.data!.conversation;
}

describe('offer events (orders service -> inbox)', () => {
  it("adds one message carrying the offer to the pair's conversation, from the seller, whatever the redeliveries", async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    const { conversation } = await h.send(buyer, seller, 'Could you do a whole brand kit?');
    const facts = { offerId: newId().toHexString(), seller, buyer };
    const sent = offerEvent('offer.sent', facts, 0);
    // Reordered and redelivered: the acceptance first, then the sending twice.
    await publisher().publish([offerEvent('offer.accepted', facts, 1)]);
    await publisher().publish([sent]);
    await publisher().publish([sent, offerEvent('offer.accepted', facts, 1)]);
    const seen = await thread(buyer, conversation.id);
    expect(seen.messages.totalCount).toBe(2);
    expect(seen.messages.edges[0]!.node).toEqual({ id: facts.offerId, body: '', offer: { id: facts.offerId }, author: { id: seller.id } });
    expect(seen.messages.edges[1]!.node.offer).toBeNull();
    expect(seen.lastMessage).toEqual({ id: facts.offerId, offer: { id: facts.offerId } });
    expect(seen.unreadCount).toBe(1);
    expect(await h.service.models.Message.countDocuments({ offerId: facts.offerId }).exec()).toBe(1);
  });

  it('tells the buyer of a sent offer and the seller of its answer, once per event and recipient; withdrawn and expired tell no one', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    const { conversation } = await h.send(buyer, seller, 'A logo and a menu, please?');
    const facts = { offerId: newId().toHexString(), seller, buyer };
    const sent = offerEvent('offer.sent', facts, 0);
    const declined = offerEvent('offer.declined', facts, 1);
    await publisher().publish([sent, declined]);
    await publisher().publish([sent, declined]);
    const other = { offerId: newId().toHexString(), seller, buyer };
    await publisher().publish([offerEvent('offer.sent', other, 0), offerEvent('offer.withdrawn', other, 1)]);
    await publisher().publish([offerEvent('offer.expired', { ...facts, offerId: newId().toHexString() }, 1)]);
    const LIST = '{ notifications(first: 20) { edges { node { kind text actor { id } conversation { id } } } } }';
    type Listed = {
      notifications: {
        edges: Array<{ node: { kind: string; text: string; actor: { id: string } | null; conversation: { id: string } | null } }>;
      };
    };
    const kinds = async (member: TestMember) =>
      (await h.gql<Listed>(LIST, {}, { token: member.token }))
        .data!.notifications.edges.map((e) => e.node)
        .filter((n) => n.kind.startsWith('OFFER_'));
    const toBuyer = await kinds(buyer);
    expect(toBuyer).toHaveLength(2);
    expect(toBuyer.every((n) => n.kind === 'OFFER_RECEIVED' && n.actor?.id === seller.id)).toBe(true);
    expect(toBuyer.map((n) => n.conversation?.id)).toEqual([conversation.id, conversation.id]);
    expect(toBuyer[0]!.text).toMatch(/sent you a custom offer$/);
    const toSeller = await kinds(seller);
    expect(toSeller).toEqual([
      {
        kind: 'OFFER_DECLINED',
        text: expect.stringMatching(/declined your offer$/),
        actor: { id: buyer.id },
        conversation: { id: conversation.id },
      },
    ]);
  });

  it('adds nothing to a conversation blocked since, and still acknowledges the event', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    const { conversation } = await h.send(buyer, seller);
    const blocked = await h.gql<{ updateConversation: { conversation: ConversationView } }>(
      UPDATE,
      { input: { conversationId: conversation.id, blocked: true } },
      { token: buyer.token },
    );
    expect(blocked.data!.updateConversation.conversation.blocked).toBe(true);
    await publisher().publish([offerEvent('offer.sent', { offerId: newId().toHexString(), seller, buyer }, 0)]);
    expect((await thread(buyer, conversation.id)).messages.totalCount).toBe(1);
    expect(await h.service.models.Message.countDocuments({ conversationId: conversation.id }).exec()).toBe(1);
  });

  it('refuses a caller without the service credential, and a batch that is not events', async () => {
    const noToken = await fetch(`${h.url}${EVENTS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [] }),
    });
    expect(noToken.status).toBe(401);
    const malformed = await fetch(`${h.url}${EVENTS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-service-token': TEST_SERVICE_TOKEN },
      body: JSON.stringify({ events: [{ nope: true }] }),
    });
    expect(malformed.status).toBe(400);
  });
});
