/**
 * How long an order's completion takes to show in search: the time from `acceptDelivery` answering
 * to `searchGigs(sort: BEST_SELLING)` putting the sold gig first, repeated and summarised.
 *
 *   node --import tsx --conditions=development scripts/measure-propagation.ts [--runs 20] [--nats nats://127.0.0.1:4222]
 *   node --import tsx --conditions=development scripts/measure-propagation.ts --gateway http://127.0.0.1:4000
 *
 * Without --gateway it starts its own stack in this process (a private, throw-away database and
 * the three subgraphs and the gateway on free ports, HTTP transport unless --nats is given); with
 * --gateway it uses a running stack (it creates two members, and gigs and orders, in it).
 * It prints min / median / max; search is polled back-to-back, so the figure includes one search.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger, removeNatsStream } from '@gigmart/shared';
import { startStack } from '@gigmart/stack';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, gateway: { type: 'string' }, nats: { type: 'string' } },
});
const runs = Number(values.runs);

/** The whole stack in this process, on a throw-away database (or MONGO_URL's server, fresh database names). */
async function startOwnStack(): Promise<{ graphqlUrl: string; stop(): Promise<void> }> {
  const suffix = randomBytes(3).toString('hex');
  const nats = values.nats
    ? { natsUrl: values.nats, natsStream: `MEASURE_${suffix.toUpperCase()}`, natsSubjectPrefix: `measure.${suffix}` }
    : undefined;
  const stack = await startStack({
    mode: 'in-process',
    mongoUrl: process.env['MONGO_URL'],
    databaseNames: {
      users: `measure_users_${suffix}`,
      gigs: `measure_gigs_${suffix}`,
      orders: `measure_orders_${suffix}`,
      inbox: `measure_inbox_${suffix}`,
      media: `measure_media_${suffix}`,
    },
    logger: createLogger('measure', process.env['LOG_LEVEL'] ?? 'warn'),
    gigsOptions: { events: nats },
    ordersOptions: { events: nats },
  });
  return {
    graphqlUrl: stack.graphqlUrl,
    stop: async () => {
      await stack.stop();
      if (nats) await removeNatsStream({ servers: nats.natsUrl, stream: nats.natsStream });
    },
  };
}

async function main(): Promise<void> {
  const stack = values.gateway
    ? { graphqlUrl: new URL('/graphql', values.gateway).toString(), stop: async () => {} }
    : await startOwnStack();
  const gql = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const res = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  type Payload = { userErrors?: unknown[] } & Record<string, unknown>;
  const mutate = async (
    token: string,
    mutation: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, { id: string; accessToken: string }>> => {
    const data = await gql<Record<string, Payload>>(mutation, { input }, token);
    const payload = Object.values(data)[0]!;
    if (payload.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
    return payload as Record<string, { id: string; accessToken: string }>;
  };
  const member = async (): Promise<string> => {
    const tag = randomBytes(4).toString('hex');
    const payload = await mutate(
      '',
      'mutation ($input: SignUpInput!) { signUp(input: $input) { session { accessToken } userErrors { code message } } }',
      { email: `measure_${tag}@example.com`, password: 'correct horse battery', username: `measure_${tag}`, displayName: `Measure ${tag}` },
    );
    return payload['session']!.accessToken;
  };

  try {
    const [seller, buyer] = [await member(), await member()];
    await mutate(
      seller,
      'mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { id } userErrors { code message } } }',
      {
        headline: 'I measure how fast events travel',
        skills: ['logo design'],
        languages: [{ code: 'en', level: 'FLUENT' }],
      },
    );
    const gig = async (word: string, n: number): Promise<string> => {
      const created = await mutate(
        seller,
        'mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { code message } } }',
        {
          title: `I will design a ${word} logo number ${n}`,
          description:
            'A logo designed from scratch for your business, with two initial concepts, revisions on the one you pick and the final files in every format for print and web.',
          categorySlug: 'logo-design',
          tags: ['logo'],
          packages: [
            { tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: [] },
          ],
          requirements: [],
        },
      );
      const id = created['gig']!.id;
      await gql('mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { id } } }', { id }, seller);
      return id;
    };
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const word = `prop${randomBytes(3).toString('hex')}`;
      // The older gig sells: with no sales the newer one ranks first, so the order flips when the sale shows.
      const sold = await gig(word, 1);
      await gig(word, 2);
      const placed = await mutate(
        buyer,
        'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code message } } }',
        { gigId: sold, tier: 'BASIC' },
      );
      const orderId = placed['order']!.id;
      await mutate(
        seller,
        'mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { id } userErrors { code message } } }',
        { orderId, message: 'Done', attachments: [] },
      );
      await mutate(
        buyer,
        'mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { id } userErrors { code message } } }',
        { orderId },
      );
      const started = performance.now();
      for (;;) {
        const data = await gql<{ searchGigs: { edges: Array<{ node: { id: string } }> } }>(
          'query ($q: String) { searchGigs(query: $q, sort: BEST_SELLING, first: 2) { edges { node { id } } } }',
          { q: word },
        );
        if (data.searchGigs.edges[0]?.node.id === sold) break;
        if (performance.now() - started > 30_000) throw new Error('the sale did not show in search within 30 s');
      }
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const median =
      samples.length % 2 ? samples[(samples.length - 1) / 2]! : (samples[samples.length / 2 - 1]! + samples[samples.length / 2]!) / 2;
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    process.stdout.write(
      `acceptDelivery -> visible in search (${values.nats ? 'NATS JetStream' : values.gateway ? 'running stack' : 'HTTP'}), ${samples.length} runs: ` +
        `min ${ms(samples[0]!)}, median ${ms(median)}, max ${ms(samples.at(-1)!)}\n`,
    );
  } finally {
    await stack.stop();
  }
}

await main();
process.exit(0);
