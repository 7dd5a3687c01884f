import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gatewayEnvSchema, startGateway } from '@gigmart/gateway';
import { createLogger, parseConfig, removeNatsStream, type HttpService } from '@gigmart/shared';
import { startStack, type ProcessStack } from '@gigmart/stack';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { until } from '@gigmart/shared/testing';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { DELIVER, placeOrder, publishedGig, Received, settle } from './live-clients.js';

/**
 * Subscriptions at scale, over real sockets: several gateway processes (GATEWAY_WORKERS=2) and two
 * gateway instances on one NATS each deliver every event to their own subscribers exactly once,
 * and a client that stops reading is dropped while the others keep receiving.
 */

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const ACCEPT = `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { status } userErrors { message } } }`;
const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { message { id } conversation { id } userErrors { message } } }`;

const wsClient = (graphqlUrl: string, token: string): WsClient =>
  createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${token}` },
  });

interface Push {
  id: string;
  status: string;
}
const pushesOf = (r: Received): Push[] => r.results.map((x) => x.data?.['myOrderUpdated'] as Push);

/**
 * Each subscriber follows `myOrderUpdated`; order A is delivered, then accepted, then a second order
 * B is placed, whose push comes after A's: every subscriber then holds A's two changes once each,
 * in order, and B's placement, the same list for all.
 */
async function eachGetsEveryEventOnce(subscribers: Received[], buyer: Actor, seller: Actor, gigId: string): Promise<void> {
  const a = await placeOrder(buyer, gigId);
  // A's placement may still be on its way: only what follows is counted.
  await Promise.all(subscribers.map((s) => s.until((r) => pushesOf(r).some((p) => p.id === a), "A's placement")));
  for (const s of subscribers) s.results.length = 0;

  const delivered = await seller.gql(DELIVER, { input: { orderId: a, message: 'Your files.', attachments: [] } });
  expect(delivered.data).toMatchObject({ deliverOrder: { userErrors: [] } });
  // Each push is the order as it is when the push is resolved: the acceptance waits for the delivery's.
  await Promise.all(
    subscribers.map((s) => s.until((r) => pushesOf(r).some((p) => p.id === a && p.status === 'DELIVERED'), "A's delivery")),
  );
  const accepted = await buyer.gql(ACCEPT, { input: { orderId: a } });
  expect(accepted.data).toMatchObject({ acceptDelivery: { userErrors: [] } });
  await Promise.all(
    subscribers.map((s) => s.until((r) => pushesOf(r).some((p) => p.id === a && p.status === 'COMPLETED'), "A's completion")),
  );
  const b = await placeOrder(buyer, gigId);
  await Promise.all(subscribers.map((s) => s.until((r) => pushesOf(r).some((p) => p.id === b), "B's placement")));

  const first = pushesOf(subscribers[0]!);
  expect(first.filter((p) => p.id === a).map((p) => p.status)).toEqual(['DELIVERED', 'COMPLETED']);
  expect(first.filter((p) => p.id === b).length).toBeGreaterThanOrEqual(1);
  for (const s of subscribers) {
    expect(s.ended).toBeNull();
    expect(pushesOf(s)).toEqual(first);
  }
}

/** Open subscriptions the process answering this request reports (a new connection: the workers take turns). */
const openSubscriptionsOf = (gatewayUrl: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const url = new URL('/metrics', gatewayUrl);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const line = /^gigmart_subscriptions_open\{service="gateway"\} (\d+)$/m.exec(text);
        resolve(line ? Number(line[1]) : 0);
      });
    });
    req.on('error', reject);
    req.end();
  });

describe('two gateway processes (GATEWAY_WORKERS=2)', () => {
  let dataDir: string;
  let stack: ProcessStack;
  let seller: Actor;
  let buyer: Actor;
  const clients: WsClient[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-live-workers-'));
    stack = await startStack({
      mode: 'processes',
      from: 'source',
      processes: ['users', 'gigs', 'orders', 'inbox', 'media', 'gateway'],
      mongoUrl: process.env['MONGO_URL'],
      dataDir,
      ephemeralDatabase: true,
      output: 'json',
      restart: false,
      env: { LOG_LEVEL: 'warn', NODE_ENV: 'development', GATEWAY_WORKERS: '2' },
    });
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('spreads six WebSocket subscribers over both workers, and each gets every event of its subscription once', async () => {
    const gigId = await publishedGig(seller);
    const subscribers = Array.from({ length: 6 }, (_, i) => {
      const client = wsClient(stack.graphqlUrl, (i % 2 ? seller : buyer).accessToken);
      clients.push(client);
      const received = new Received();
      client.subscribe({ query: 'subscription { myOrderUpdated { id status } }' }, received.sink);
      return received;
    });
    await settle();

    // Each worker reports its own subscriptions: both hold some (the primary hands connections round-robin).
    const seen = new Set<number>();
    for (let i = 0; i < 8; i += 1) seen.add(await openSubscriptionsOf(stack.gatewayUrl));
    expect([...seen].some((n) => n > 0 && n < 6)).toBe(true);

    await eachGetsEveryEventOnce(subscribers, buyer, seller, gigId);
  });
});

describe('two gateway instances on one NATS', () => {
  const stream = `E2E_LIVE_${randomBytes(4).toString('hex').toUpperCase()}`;
  const events = `e2e.${stream.toLowerCase()}`;
  const live = `e2e.live.${stream.toLowerCase()}`;
  const nats = { natsUrl: NATS_URL, natsStream: stream, natsSubjectPrefix: events };
  let stack: TestStack;
  let second: HttpService;
  let seller: Actor;
  let buyer: Actor;
  const clients: WsClient[] = [];
  beforeAll(async () => {
    stack = await startTestStack({
      ordersOptions: { events: nats },
      gigsOptions: { events: nats },
      inboxOptions: { events: { ...nats, liveSubjectPrefix: live } },
      gatewayEnv: { NATS_URL },
      gatewayNatsSubjectPrefixes: [events, live],
    });
    second = await startGateway({
      config: parseConfig(gatewayEnvSchema, {
        USERS_URL: stack.urls.users,
        GIGS_URL: stack.urls.gigs,
        ORDERS_URL: stack.urls.orders,
        INBOX_URL: stack.urls.inbox,
        MEDIA_URL: stack.urls.media,
        SUPERGRAPH_POLL_MS: '0',
        RATE_LIMIT_PER_MINUTE: '1000000',
        NATS_URL,
      }),
      logger: createLogger('gateway-2', 'silent'),
      port: 0,
      natsSubjectPrefixes: [events, live],
    });
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await second?.stop();
    await stack?.stop();
    await removeNatsStream({ servers: NATS_URL, stream });
  });

  it("delivers every order event to each instance's own subscribers once, and the inbox's live events too", async () => {
    const gigId = await publishedGig(seller);
    const urls = [stack.graphqlUrl, `${second.url}/graphql`];
    const subscribers = urls.flatMap((url) =>
      [buyer, seller].map((member) => {
        const client = wsClient(url, member.accessToken);
        clients.push(client);
        const received = new Received();
        client.subscribe({ query: 'subscription { myOrderUpdated { id status } }' }, received.sink);
        return received;
      }),
    );
    // The inbox's live events (gigmart.live subjects): the seller's notifications on each instance.
    const notified = urls.map((url) => {
      const client = wsClient(url, seller.accessToken);
      clients.push(client);
      const received = new Received();
      client.subscribe({ query: 'subscription { notificationAdded { id kind } }' }, received.sink);
      return received;
    });
    await settle();

    await eachGetsEveryEventOnce(subscribers, buyer, seller, gigId);

    // The seller was notified of both placements (and whatever else); each instance pushed each notification once.
    // The inbox makes a notification from the order's event on its own time: the list waits for both.
    type Listed = { notifications: { edges: Array<{ node: { id: string; kind: string } }> } };
    const placedIn = (listed: Listed) => listed.notifications.edges.filter((e) => e.node.kind === 'ORDER_PLACED').length;
    const listed = await until(async () => {
      const answer = (await seller.gql<Listed>('{ notifications(first: 50) { edges { node { id kind } } } }')).data!;
      return placedIn(answer) >= 2 && answer;
    }, "the seller's notifications of both placements");
    const ids = listed.notifications.edges.map((e) => e.node.id);
    expect(placedIn(listed)).toBe(2);
    for (const r of notified) {
      await r.until((x) => x.results.length >= ids.length, 'every notification');
      const pushed = r.results.map((x) => (x.data?.['notificationAdded'] as { id: string }).id);
      expect(new Set(pushed).size).toBe(pushed.length);
      expect([...pushed].sort()).toEqual([...ids].sort());
    }
  });
});

describe('a client that stops reading', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let fast: WsClient;
  beforeAll(async () => {
    stack = await startTestStack({ gatewayEnv: { LIVE_MAX_BUFFERED_BYTES: '65536', LIVE_MAX_BACKLOG: '5' } });
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
  });
  afterAll(async () => {
    await fast?.dispose();
    await stack?.stop();
  });

  it('is dropped (4008) once its updates pile up, while the other subscribers keep receiving, and the gateway lets go of it', async () => {
    const send = async (body: string) => {
      const res = await buyer.gql<{ sendMessage: { message: { id: string } | null } }>(SEND, { input: { recipientId: seller.id, body } });
      const id = res.data?.sendMessage.message?.id;
      if (!id) throw new Error(JSON.stringify(res));
      return id;
    };
    await send('Hello, a question about your logos first.');

    // The slow one: a raw graphql-ws connection whose every update is large (15 × a 5000-character body).
    const slow = new WebSocket(stack.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const frames: string[] = [];
    slow.on('message', (data) => frames.push((data as Buffer).toString('utf8')));
    let closeCode: number | null = null;
    const closed = new Promise<void>((resolve) =>
      slow.once('close', (code) => {
        closeCode = code;
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      slow.once('open', resolve);
      slow.once('error', reject);
    });
    slow.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${seller.accessToken}` } }));
    await new Promise<void>((resolve) => slow.once('message', () => resolve()));
    const aliases = 'abcdefghijklmno'.split('').map((a) => `${a}: body`);
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { messageAdded { ${aliases.join(' ')} } }` } }));

    const others = new Received();
    fast = wsClient(stack.graphqlUrl, seller.accessToken);
    fast.subscribe({ query: 'subscription { messageAdded { id } }' }, others.sink);
    await settle();
    expect(frames.map((f) => (JSON.parse(f) as { type: string }).type)).toEqual(['connection_ack']);
    // Both subscriptions are running (the gateway checks each before it counts it).
    for (let tries = 0; (await openSubscriptionsOf(stack.gatewayUrl)) < 2 && tries < 100; tries += 1) await settle();
    expect(await openSubscriptionsOf(stack.gatewayUrl)).toBe(2);

    // It stops reading: what the gateway sends piles up in the kernel's buffers, then in the gateway.
    (slow as unknown as { _socket: Socket })._socket.pause();
    const sent: string[] = [];
    const body = `${'A long message about the brief. '.repeat(156)}`.slice(0, 5000);
    while ((await openSubscriptionsOf(stack.gatewayUrl)) > 1) {
      if (sent.length >= 400) throw new Error('the slow client was never dropped');
      sent.push(await send(body));
    }
    // The other subscriber got every message so far, and keeps getting them.
    sent.push(await send('And one more, after the slow one was dropped.'));
    await others.until((r) => r.results.length >= sent.length, 'every message');
    expect(others.results.map((r) => (r.data?.['messageAdded'] as { id: string }).id)).toEqual(sent);
    expect(others.ended).toBeNull();
    expect(await openSubscriptionsOf(stack.gatewayUrl)).toBe(1);

    // Reading again, the slow client finds its connection closed: 4008 (or cut, once the gateway gave up on the close).
    (slow as unknown as { _socket: Socket })._socket.resume();
    await closed;
    expect([4008, 1006]).toContain(closeCode);
    const updates = frames.filter((f) => (JSON.parse(f) as { type: string }).type === 'next');
    expect(updates.length).toBeLessThan(sent.length);
    // What it got before were the full updates: a subscription at the alias limit is resolved within it.
    const first = JSON.parse(updates[0]!) as { payload: { data?: { messageAdded: Record<string, string> }; errors?: unknown } };
    expect(first.payload.errors).toBeUndefined();
    expect(Object.keys(first.payload.data!.messageAdded)).toEqual('abcdefghijklmno'.split(''));
    expect(first.payload.data!.messageAdded['o']!.length).toBeGreaterThan(4000);
  }, 180_000);
});
