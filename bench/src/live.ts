/**
 * `npm run bench:live -w bench [-- 50]`: how long a change takes to reach a subscriber. Starts the
 * whole marketplace in this process (the in-process stack of `@gigmart/stack`, local default: the
 * services POST their events to the gateway) and, for each sample, sends a mutation through the
 * gateway and times from its response to the push arriving on an open graphql-ws WebSocket:
 * - `messageAdded`: the buyer's `sendMessage`, pushed to the seller (the inbox's live event);
 * - `myOrderUpdated`: the buyer's `placeOrder`, pushed to the seller (the orders outbox relay).
 * Prints the median, p95 and max of each, one sample at a time (nothing else in flight).
 */
import { performance } from 'node:perf_hooks';
import { startStack } from '@gigmart/stack';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SAMPLES = Number(process.argv[2] ?? process.env['BENCH_LIVE_SAMPLES'] ?? 50);

interface Member {
  id: string;
  token: string;
}

async function request<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const res = (await response.json()) as { data?: T | null; errors?: unknown };
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  // Its own throw-away database server (a mongod if there is one, else the FerretDB build), or MONGO_URL.
  const stack = await startStack({ mode: 'in-process', mongoUrl: process.env['MONGO_URL'] });
  const gql = <T>(member: Member | null, query: string, variables: Record<string, unknown> = {}) =>
    request<T>(stack.graphqlUrl, query, variables, member?.token);
  const signUp = async (name: string): Promise<Member> => {
    const suffix = `${name}_${Date.now().toString(36)}`;
    const data = await gql<{ signUp: { session: { accessToken: string }; user: { id: string } } }>(
      null,
      `mutation ($input: SignUpInput!) { signUp(input: $input) { session { accessToken } user { id } } }`,
      { input: { email: `${suffix}@example.com`, password: 'correct horse battery', username: suffix, displayName: name } },
    );
    return { id: data.signUp.user.id, token: data.signUp.session.accessToken };
  };
  const client = (member: Member) =>
    createClient({
      url: stack.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${member.token}` },
    });

  try {
    const [seller, buyer] = [await signUp('seller'), await signUp('buyer')];
    await gql(seller, `mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { id } } }`, {
      input: { headline: 'I design logos that people remember', skills: ['logo design'], languages: [{ code: 'en', level: 'FLUENT' }] },
    });
    const created = await gql<{ createGig: { gig: { id: string } } }>(
      seller,
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } } }`,
      {
        input: {
          title: 'I will design a minimalist logo for your brand today',
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
    const gigId = created.createGig.gig.id;
    await gql(seller, `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }`, { id: gigId });

    const ws = client(seller);
    /** Resolvers of the pushes awaited, by the id they bring. */
    const awaited = new Map<string, (at: number) => void>();
    const arrived = new Map<string, number>();
    const onPush = (id: string) => {
      const at = performance.now();
      const resolve = awaited.get(id);
      if (resolve) resolve(at);
      else arrived.set(id, at);
    };
    const pushed = (id: string) =>
      new Promise<number>((resolve, reject) => {
        const early = arrived.get(id);
        if (early !== undefined) return resolve(early);
        const timer = setTimeout(() => reject(new Error(`no push for ${id} within 30 s`)), 30_000);
        awaited.set(id, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    const sink = (field: string) => ({
      next: (r: { data?: Record<string, { id: string } | undefined> | null }) => {
        const id = r.data?.[field]?.id;
        if (id) onPush(id);
      },
      error: (e: unknown) => console.error(field, e),
      complete: () => {},
    });
    ws.subscribe({ query: 'subscription { messageAdded { id } }' }, sink('messageAdded'));
    ws.subscribe({ query: 'subscription { myOrderUpdated { id } }' }, sink('myOrderUpdated'));
    await new Promise((r) => setTimeout(r, 500));

    const measure = async (name: string, act: () => Promise<string>) => {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const id = await act();
        const answered = performance.now();
        // A push that came before the response counts as 0.
        times.push(Math.max(0, (await pushed(id)) - answered));
        awaited.delete(id);
        arrived.delete(id);
      }
      const sorted = [...times].sort((a, b) => a - b);
      return {
        subscription: name,
        samples: times.length,
        medianMs: Math.round(percentile(sorted, 50)),
        p95Ms: Math.round(percentile(sorted, 95)),
        maxMs: Math.round(sorted.at(-1)!),
      };
    };

    const messages = await measure('messageAdded (sendMessage)', async () => {
      const data = await gql<{ sendMessage: { message: { id: string } } }>(
        buyer,
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { message { id } } }`,
        { input: { recipientId: seller.id, body: 'Is the logo ready soon?' } },
      );
      return data.sendMessage.message.id;
    });
    const orders = await measure('myOrderUpdated (placeOrder)', async () => {
      const data = await gql<{ placeOrder: { order: { id: string } } }>(
        buyer,
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
        { input: { gigId, tier: 'BASIC' } },
      );
      return data.placeOrder.order.id;
    });
    console.table([messages, orders]);
    await ws.dispose();
  } finally {
    await stack.stop();
  }
}

await main();
