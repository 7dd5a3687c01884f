import { expectNoUserErrors, graphql, type UserError } from './client.js';
import type { DemoWorld, SeedLog } from './index.js';
import { buyerSession, DEMO_BUYERS } from './orders.js';

/**
 * Demo conversations on top of the demo catalogue and buyers, made through the public API: buyers
 * write to sellers, some sellers answer (so each demo buyer has unread messages), and one seller
 * answers demo_buyer_ana with a custom offer that stays PENDING (it shows in her conversation as a
 * message carrying the offer, and in `myOffers(role: BUYER)`).
 *
 * Idempotent: a conversation that already exists between the pair is left as it is.
 */

interface Line {
  /** true: the seller writes; false: the buyer. */
  seller: boolean;
  body: string;
}

interface DemoConversation {
  buyer: number;
  seller: number;
  lines: Line[];
  /** A custom offer the seller sends after the lines, for their first gig. */
  offer?: { description: string; priceCents: number; deliveryDays: number; revisions: number | null };
}

const CONVERSATIONS: DemoConversation[] = [
  {
    buyer: 0,
    seller: 0,
    lines: [
      { seller: false, body: 'Hi! I run a small bakery in Porto. Could you do a logo, a colour palette and a menu layout together?' },
      { seller: true, body: 'Hello Ana, that sounds lovely. I will put together an offer for the whole set.' },
    ],
    offer: {
      description: 'A logo, a colour palette and a one-page menu layout for your bakery, with two rounds of changes on each.',
      priceCents: 32_000,
      deliveryDays: 10,
      revisions: 2,
    },
  },
  {
    buyer: 0,
    seller: 1,
    lines: [
      { seller: false, body: 'Do you also write the product descriptions for an online shop?' },
      { seller: true, body: 'I do! How many products are there, roughly?' },
    ],
  },
  {
    buyer: 1,
    seller: 2,
    lines: [
      { seller: false, body: 'Can you deliver within three days if I order today?' },
      { seller: true, body: 'Yes, the Standard package fits that.' },
      { seller: true, body: 'Send me your brief once you have ordered and I will start right away.' },
    ],
  },
  {
    buyer: 2,
    seller: 3,
    lines: [{ seller: false, body: 'Hello! Is your calendar open next month for a bigger project?' }],
  },
];

const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { message { id } userErrors { field message code } } }`;
const SEND_OFFER = `mutation ($input: SendOfferInput!) { sendOffer(input: $input) { offer { id status } userErrors { field message code } } }`;

export interface DemoInboxSummary {
  conversations: number;
  offers: number;
}

export async function seedDemoInbox(gatewayUrl: string, world: DemoWorld, log: SeedLog = console.log): Promise<DemoInboxSummary> {
  log('Seeding demo conversations and a custom offer');
  const buyers = await Promise.all(DEMO_BUYERS.map((buyer) => buyerSession(gatewayUrl, buyer)));
  let conversations = 0;
  let offers = 0;
  for (const [index, demo] of CONVERSATIONS.entries()) {
    const seller = world.sellers[demo.seller % world.sellers.length];
    const buyer = buyers[demo.buyer % buyers.length];
    if (!seller || !buyer) continue;
    const existing = await graphql<{ conversationWith: { id: string } | null }>(
      gatewayUrl,
      'query ($userId: ID!) { conversationWith(userId: $userId) { id } }',
      { userId: seller.id },
      buyer.token,
    );
    if (existing.conversationWith) continue;
    for (const [n, line] of demo.lines.entries()) {
      const data = await graphql<{ sendMessage: { userErrors: UserError[] } }>(
        gatewayUrl,
        SEND,
        { input: { recipientId: line.seller ? buyer.id : seller.id, body: line.body, idempotencyKey: `demo:${index}:${n}` } },
        line.seller ? seller.accessToken : buyer.token,
      );
      expectNoUserErrors(`sendMessage (demo conversation ${index})`, data.sendMessage.userErrors);
    }
    conversations += 1;
    const gig = world.gigs.find((g) => g.sellerId === seller.id && g.status === 'ACTIVE');
    if (demo.offer && gig) {
      const data = await graphql<{ sendOffer: { userErrors: UserError[] } }>(
        gatewayUrl,
        SEND_OFFER,
        { input: { gigId: gig.id, buyerId: buyer.id, ...demo.offer, idempotencyKey: `demo-offer:${index}` } },
        seller.accessToken,
      );
      expectNoUserErrors(`sendOffer (demo conversation ${index})`, data.sendOffer.userErrors);
      offers += 1;
    }
  }
  log(`  ${conversations} demo conversations, ${offers} pending custom offer (log in as ${DEMO_BUYERS[0]!.username} to see it)`);
  return { conversations, offers };
}
