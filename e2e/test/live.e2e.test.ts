import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { Received, settle } from './live-clients.js';

/**
 * Subscriptions through the gateway, over real sockets: graphql-ws (WebSocket) and graphql-sse,
 * with fields of other subgraphs in the selection, the subscriber's identity and the limits.
 */

const ORDER_FIELDS = 'id status gig { title } buyer { username } seller { username } deliveries { message }';

describe('subscriptions through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let stranger: Actor;
  let gigId: string;
  const clients: WsClient[] = [];
  let wsUrl: string;

  const ws = (token?: string | null, params: Record<string, unknown> = {}) => {
    const client = createWsClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: token ? { Authorization: `Bearer ${token}`, ...params } : params,
    });
    clients.push(client);
    return client;
  };
  const subscribe = (client: WsClient, query: string, variables: Record<string, unknown> = {}) => {
    const received = new Received();
    const dispose = client.subscribe({ query, variables }, received.sink);
    return Object.assign(received, { dispose });
  };

  beforeAll(async () => {
    stack = await startTestStack();
    wsUrl = stack.graphqlUrl.replace(/^http/, 'ws');
    [seller, buyer, stranger] = await Promise.all([signUpSeller(stack), signUp(stack), signUp(stack)]);
    const created = await seller.gql<{ createGig: { gig: { id: string } | null } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { message } } }`,
      {
        input: {
          title: 'I will design a minimalist logo for your live business',
          description:
            'A clean, minimalist logo designed from scratch for your business. You get two initial concepts, revisions on the one you pick, and the final files in every format you need for print and web.',
          categorySlug: 'logo-design',
          tags: ['logo'],
          packages: [
            { tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: [] },
          ],
          requirements: [],
        },
      },
    );
    gigId = created.data!.createGig.gig!.id;
    await seller.gql(`mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }`, { id: gigId });
  });
  afterAll(async () => {
    for (const client of clients) void client.dispose();
    await stack?.stop();
  });

  async function placeOrder(): Promise<string> {
    const res = await buyer.gql<{ placeOrder: { order: { id: string } | null; userErrors: unknown[] } }>(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { message } } }`,
      { input: { gigId, tier: 'BASIC' } },
    );
    if (!res.data?.placeOrder.order) throw new Error(JSON.stringify(res));
    return res.data.placeOrder.order.id;
  }
  async function waitForNotification(member: Actor, kind: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await member.gql<{ notifications: { edges: Array<{ node: { kind: string } }> } }>(
        '{ notifications(first: 5) { edges { node { kind } } } }',
      );
      if (res.data?.notifications.edges.some((e) => e.node.kind === kind)) return;
      if (Date.now() > deadline) throw new Error(`no ${kind} notification`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const deliver = (orderId: string, message: string) =>
    seller.gql(`mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { status } userErrors { message } } }`, {
      input: { orderId, message, attachments: [] },
    });

  it('pushes each change of an order over WebSocket, with fields of other subgraphs, to its buyer and (myOrderUpdated) its seller', async () => {
    const orderId = await placeOrder();
    // Its placement's event has gone through (the seller was told), so the first push is the delivery's.
    await waitForNotification(seller, 'ORDER_PLACED');
    await settle();
    const buyerClient = ws(buyer.accessToken);
    const one = subscribe(buyerClient, `subscription ($id: ID!) { orderUpdated(id: $id) { ${ORDER_FIELDS} } }`, { id: orderId });
    const mine = subscribe(ws(seller.accessToken), `subscription { myOrderUpdated { id status } }`);
    const notifications = subscribe(buyerClient, 'subscription { notificationAdded { kind text order { id status } actor { username } } }');
    const counts = subscribe(buyerClient, 'subscription { inboxCountsChanged { unreadConversations unreadNotifications } }');
    await settle();
    expect((await deliver(orderId, 'Here are your logo files.')).errors).toBeUndefined();
    await one.until((r) => r.results.length >= 1, 'the delivery');
    expect(one.results[0]).toEqual({
      data: {
        orderUpdated: {
          id: orderId,
          status: 'DELIVERED',
          gig: { title: 'I will design a minimalist logo for your live business' },
          buyer: { username: buyer.username },
          seller: { username: seller.username },
          deliveries: [{ message: 'Here are your logo files.' }],
        },
      },
    });
    await mine.until(
      (r) => r.results.some((x) => (x.data?.['myOrderUpdated'] as { status: string }).status === 'DELIVERED'),
      "the seller's push",
    );
    await notifications.until((r) => r.results.length >= 1, 'the notification');
    expect(notifications.results[0]!.data).toEqual({
      notificationAdded: {
        kind: 'ORDER_DELIVERED',
        text: `${seller.username} delivered your order ${String((await buyer.gql<{ order: { number: string } }>(`query ($id: ID!) { order(id: $id) { number } }`, { id: orderId })).data!.order.number)}`,
        order: { id: orderId, status: 'DELIVERED' },
        actor: { username: seller.username },
      },
    });
    await counts.until(
      (r) => r.results.some((x) => (x.data?.['inboxCountsChanged'] as { unreadNotifications: number }).unreadNotifications >= 1),
      'the counts',
    );
    // Accepting is one more change, pushed once, in order.
    await buyer.gql(`mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { status } } }`, { input: { orderId } });
    await one.until((r) => r.results.length >= 2, 'the completion');
    expect(one.results.map((r) => (r.data?.['orderUpdated'] as { status: string }).status)).toEqual(['DELIVERED', 'COMPLETED']);
  });

  it('pushes new messages over SSE (graphql-sse) to both members, and only that conversation with conversationId', async () => {
    const sse = createSseClient({ url: stack.graphqlUrl, headers: { Authorization: `Bearer ${seller.accessToken}` }, retryAttempts: 0 });
    const received = new Received();
    const dispose = sse.subscribe(
      { query: 'subscription { messageAdded { body author { username } conversation { id } } }' },
      received.sink,
    );
    try {
      await settle();
      const sent = await buyer.gql<{ sendMessage: { conversation: { id: string } } }>(
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { conversation { id } userErrors { message } } }`,
        { input: { recipientId: seller.id, body: 'Is the logo ready?' } },
      );
      await received.until((r) => r.results.length >= 1, 'the message');
      expect(received.results[0]!.data).toEqual({
        messageAdded: {
          body: 'Is the logo ready?',
          author: { username: buyer.username },
          conversation: { id: sent.data!.sendMessage.conversation.id },
        },
      });
      // A stranger may not follow that conversation.
      const refused = new Received();
      const strangerSse = createSseClient({
        url: stack.graphqlUrl,
        headers: { Authorization: `Bearer ${stranger.accessToken}` },
        retryAttempts: 0,
      });
      strangerSse.subscribe(
        {
          query: 'subscription ($c: ID) { messageAdded(conversationId: $c) { body } }',
          variables: { c: sent.data!.sendMessage.conversation.id },
        },
        refused.sink,
      );
      await refused.until((r) => r.ended !== null, 'the refusal');
      expect(refused.results).toEqual([]);
      expect(String(refused.error)).toContain('403: FORBIDDEN');
      strangerSse.dispose();
    } finally {
      dispose();
      sse.dispose();
    }
  });

  it('refuses what the subscriber may not see, and subscribers without a valid token', async () => {
    const orderId = await placeOrder();
    const firstError = async (client: WsClient, query: string, variables: Record<string, unknown> = {}) => {
      const r = subscribe(client, query, variables);
      await r.until((x) => x.ended !== null, 'the refusal');
      const errors = r.error as Array<{ extensions?: Record<string, unknown> }>;
      return errors[0]?.extensions?.['code'];
    };
    const strangerClient = ws(stranger.accessToken);
    expect(await firstError(strangerClient, 'subscription ($id: ID!) { orderUpdated(id: $id) { id } }', { id: orderId })).toBe('FORBIDDEN');
    expect(
      await firstError(strangerClient, 'subscription ($id: ID!) { orderUpdated(id: $id) { id } }', { id: '000000000000000000000000' }),
    ).toBe('FORBIDDEN');
    expect(await firstError(ws(null), 'subscription { notificationAdded { id } }')).toBe('UNAUTHENTICATED');
    // A malformed Authorization value.
    const malformed = createWsClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { Authorization: 'Token abc' },
    });
    clients.push(malformed);
    expect(await firstError(malformed, 'subscription { notificationAdded { id } }')).toBe('UNAUTHENTICATED');
    // The same limits as queries.
    const deep = `subscription { myOrderUpdated { gig { seller { gigs { edges { node { seller { gigs { edges { node { seller { id } } } } } } } } } } } }`;
    const refused = subscribe(strangerClient, deep);
    await refused.until((x) => x.ended !== null, 'the refusal');
    expect(JSON.stringify(refused.error)).toContain('depth');
    // Nothing was pushed to the stranger when the order changed.
    const watching = subscribe(strangerClient, 'subscription { myOrderUpdated { id } }');
    await settle();
    await deliver(orderId, 'Done.');
    await settle();
    await settle();
    expect(watching.results).toEqual([]);
  });

  it('refuses a 21st subscription on one connection', async () => {
    const client = ws(buyer.accessToken);
    const subs = Array.from({ length: 20 }, () => subscribe(client, 'subscription { notificationAdded { id } }'));
    await settle();
    const extra = subscribe(client, 'subscription { notificationAdded { id } }');
    await extra.until((x) => x.ended !== null, 'the refusal');
    expect((extra.error as Array<{ extensions?: Record<string, unknown> }>)[0]?.extensions?.['code']).toBe('LIMIT_REACHED');
    expect(subs.every((s) => s.ended === null)).toBe(true);
    // Completing one makes room.
    subs[0]!.dispose();
    await settle();
    const again = subscribe(client, 'subscription { notificationAdded { id } }');
    await settle();
    expect(again.ended).toBeNull();
  });

  it('works with Apollo Client over GraphQLWsLink', async () => {
    const client = ws(seller.accessToken);
    const apollo = new ApolloClient({ link: new GraphQLWsLink(client), cache: new InMemoryCache() });
    const seen: Array<{ kind: string }> = [];
    const sub = apollo
      .subscribe<{ notificationAdded: { kind: string } }>({
        query: gql`
          subscription {
            notificationAdded {
              id
              kind
            }
          }
        `,
      })
      .subscribe({
        next: (r) => {
          if (r.data) seen.push(r.data.notificationAdded);
        },
      });
    await settle();
    await placeOrder();
    const deadline = Date.now() + 20_000;
    while (!seen.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    sub.unsubscribe();
    expect(seen[0]?.kind).toBe('ORDER_PLACED');
  });

  it('closes WebSockets with 1001 when the gateway stops', async () => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await stack.gateway.stop();
    expect(await closed).toBe(1001);
  });
});
