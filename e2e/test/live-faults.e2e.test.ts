import { graphqlRequest } from '@gigmart/shared/testing';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { DELIVER, placeOrder, publishedGig, Received, settle } from './live-clients.js';

/**
 * Subscriptions when things go wrong, over real sockets through the gateway: the inbox down while
 * orders change, the per-address connection limit, and an access token that expires while its
 * subscription runs.
 */

describe('live updates while the inbox is down', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let client: WsClient;
  beforeAll(async () => {
    stack = await startTestStack();
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(async () => {
    await client?.dispose();
    await stack?.stop();
  });

  it("makes the orders' notifications once it is back, once each, and pushes them to the subscriber", async () => {
    const gigId = await publishedGig(seller);
    client = createWsClient({
      url: stack.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${seller.accessToken}` },
    });
    const pushes = new Received();
    client.subscribe({ query: 'subscription { notificationAdded { kind order { id } } }' }, pushes.sink);
    await settle();

    await stack.stopService('inbox');
    const orderIds = [await placeOrder(buyer, gigId), await placeOrder(buyer, gigId)];
    await stack.startService('inbox');

    // The orders relay delivers the kept events once the inbox answers again (its backoff grows to 30 s).
    await pushes.until((r) => r.results.length >= 2, 'the two placements pushed');
    const pushed = pushes.results.map((r) => r.data?.['notificationAdded'] as { kind: string; order: { id: string } });
    expect(pushed.map((n) => n.kind)).toEqual(['ORDER_PLACED', 'ORDER_PLACED']);
    expect(pushed.map((n) => n.order.id).sort()).toEqual([...orderIds].sort());

    const listed = await seller.gql<{ notifications: { edges: Array<{ node: { kind: string; order: { id: string } } }> } }>(
      '{ notifications(first: 10) { edges { node { kind order { id } } } } }',
    );
    const placed = listed.data!.notifications.edges.filter((e) => e.node.kind === 'ORDER_PLACED').map((e) => e.node.order.id);
    expect(placed.sort()).toEqual([...orderIds].sort());
  });
});

describe('the per-address limit on live connections', () => {
  let stack: TestStack;
  let member: Actor;
  beforeAll(async () => {
    stack = await startTestStack({ gatewayEnv: { LIVE_MAX_CONNECTIONS_PER_ADDRESS: '2' } });
    member = await signUp(stack);
  });
  afterAll(() => stack?.stop());

  /** A raw WebSocket: open, or refused with the HTTP status of its upgrade. */
  const connect = (): Promise<{ socket: WebSocket | null; status: number | null }> =>
    new Promise((resolve) => {
      const socket = new WebSocket(stack.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
      socket.once('open', () => resolve({ socket, status: null }));
      socket.once('unexpected-response', (_req, res) => {
        resolve({ socket: null, status: res.statusCode ?? null });
        socket.terminate();
      });
      socket.once('error', () => resolve({ socket: null, status: null }));
    });
  const sse = (controller: AbortController) =>
    fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${member.accessToken}` },
      body: JSON.stringify({ query: 'subscription { inboxCountsChanged { unreadNotifications } }' }),
      signal: controller.signal,
    });

  it('refuses a third connection from one address over WebSocket and SSE with 429, and takes one again once a slot is free', async () => {
    const first = await connect();
    const second = await connect();
    expect([first.status, second.status]).toEqual([null, null]);
    expect((await connect()).status).toBe(429);
    const streaming = new AbortController();
    const refused = await sse(streaming);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });

    first.socket!.close();
    let again: Awaited<ReturnType<typeof connect>> = { socket: null, status: 429 };
    for (let i = 0; i < 50 && again.status === 429; i += 1) {
      await settle();
      again = await connect();
    }
    expect(again.status).toBeNull();
    again.socket!.close();
    second.socket!.close();
  });
});

describe('an access token that expires while its subscription runs', () => {
  /** Access tokens of this stack live 8 seconds: the users service signs them as if 892 s of their 900 had passed. */
  const LIFETIME_MS = 8_000;
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ usersOptions: { clock: () => new Date(Date.now() - 900_000 + LIFETIME_MS) } });
  });
  afterAll(() => stack?.stop());

  /** The actor with a new access token (log in again): every step acts with a fresh one. */
  async function fresh(actor: Actor): Promise<Actor> {
    const res = await graphqlRequest<{ logIn: { session: { accessToken: string } | null } }>(
      stack.graphqlUrl,
      'mutation ($input: LogInInput!) { logIn(input: $input) { session { accessToken } userErrors { message } } }',
      { input: { login: actor.username, password: actor.password } },
    );
    const accessToken = res.data?.logIn.session?.accessToken;
    if (!accessToken) throw new Error(JSON.stringify(res));
    const renewed: Actor = {
      ...actor,
      accessToken,
      gql: (query, variables = {}) => graphqlRequest(stack.graphqlUrl, query, variables, { token: accessToken }),
    };
    return renewed;
  }

  it('ends the subscription with UNAUTHENTICATED when its token expires, and pushes nothing after', async () => {
    const seller = await signUpSeller(stack);
    const buyer = await signUp(stack);
    const gigId = await publishedGig(await fresh(seller));
    const orderId = await placeOrder(await fresh(buyer), gigId);

    const subscriber = await fresh(buyer);
    const client = createWsClient({
      url: stack.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${subscriber.accessToken}` },
    });
    try {
      const pushes = new Received();
      client.subscribe(
        { query: 'subscription ($id: ID!) { orderUpdated(id: $id) { id status } }', variables: { id: orderId } },
        pushes.sink,
      );
      // The gateway ends it when the token expires, without waiting for an event.
      await pushes.until((r) => r.ended !== null, 'the end of the subscription');
      const me = await subscriber.gql('{ me { id } }');
      expect(me.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED'); // the API agrees: it has expired
      expect(pushes.results.filter((r) => r.data)).toEqual([]);
      const errors = [
        ...pushes.results.flatMap((r) => r.errors ?? []),
        ...(Array.isArray(pushes.error) ? (pushes.error as Array<{ extensions?: Record<string, unknown> }>) : []),
      ];
      expect(errors.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);

      // A change of the order after that pushes nothing to the ended subscription.
      const delivered = await (await fresh(seller)).gql(DELIVER, { input: { orderId, message: 'Your files.', attachments: [] } });
      expect(delivered.errors).toBeUndefined();
      await settle();
      expect(pushes.results.filter((r) => r.data)).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});
