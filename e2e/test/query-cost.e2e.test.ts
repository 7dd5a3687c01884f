import { graphqlRequest, until } from '@gigmart/shared/testing';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIG_PAGE, MY_ORDERS, PLACE_ORDER, SEARCH_PAGE } from '../../bench/src/operations.js';
import type { StartedGigs } from '../../services/gigs/src/app.js';
import { insertGigs } from '../../services/gigs/test/harness.js';
import { relayDetail, signUp, signUpSeller, type Actor } from './actors.js';

/**
 * A guard on the database commands the marketplace's hot pages cost, through the gateway, counted
 * in every subgraph (mongoose's debug hook on each service's connection: one call per command):
 * the benchmark's own search page, gig page and page of orders (bench/src/operations.ts). Each costs
 * the same at every page size, and no more than it did when this guard was written (the ceilings
 * below; bench/README.md has the history). A change that adds a command per page, or per item,
 * fails here.
 */
const CEILING = {
  // gigs: the page's gigs by id (filter, order and count come from the search index); users: the
  // sellers, batched; orders: the gigs' ratings, batched (the sellers' stats are cached).
  search: 3,
  // gigs: the gig; users: the seller and the reviews' authors, batched; orders: the rating, the reviews.
  gigPage: 4,
  // users: me; orders: the page; gigs: the orders' gigs, batched.
  myOrders: 3,
};

describe('database commands per page, through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let gigIds: string[];
  let commands: string[] = [];

  /**
   * The commands of one request, sent alone. The services' own loops (the orders outbox relay)
   * send commands with no request at all, which can only add to a count: the fewest of three tries.
   */
  const count = async (query: string, variables: Record<string, unknown>, token?: string) => {
    let fewest: string[] | null = null;
    for (let i = 0; i < 3; i += 1) {
      commands = [];
      const res = await graphqlRequest<Record<string, unknown>>(stack.graphqlUrl, query, variables, token ? { token } : {});
      expect(res.errors).toBeUndefined();
      if (!fewest || commands.length < fewest.length) fewest = [...commands].sort();
    }
    return fewest!;
  };

  beforeAll(async () => {
    // Counts the database commands of repeated anonymous pages: none may be answered from the response cache.
    stack = await startTestStack({ gatewayEnv: { RESPONSE_CACHE_SECONDS: '0' } });
    seller = await signUpSeller(stack);
    buyer = await signUp(stack);
    const gigs = stack.services.gigs as unknown as StartedGigs;
    const docs = await insertGigs(
      gigs,
      Array.from({ length: 12 }, (_, i) => ({
        sellerId: seller.id,
        categorySlug: i % 2 ? 'logo-design' : 'illustration',
        rating: { sum: (i % 5) + 1, count: 1 },
      })),
    );
    gigIds = docs.map((d) => String(d._id));
    for (const gigId of gigIds) {
      const placed = await graphqlRequest<{ placeOrder: { userErrors: unknown[] } }>(
        stack.graphqlUrl,
        PLACE_ORDER,
        { input: { gigId, tier: 'BASIC', idempotencyKey: `cost-${gigId}` } },
        { token: buyer.accessToken },
      );
      expect(placed.errors ?? placed.data!.placeOrder.userErrors).toEqual([]);
    }
    // The placements' events reach the gigs service in the background: done before counting starts.
    await until(async () => (await relayDetail(stack)).pending === 0, 'the placements delivered');
    for (const name of ['users', 'gigs', 'orders'] as const) {
      const connection = (stack.services[name] as unknown as { connection: Connection }).connection;
      connection.set('debug', (collection: string, method: string) => {
        commands.push(`${name}:${collection}.${method}`);
      });
    }
  });
  afterAll(() => stack?.stop());

  it('a search page costs the same at every page size, within its ceiling', async () => {
    // Caches that fill once for every request (categories, sellers' stats) are warm first.
    await count(SEARCH_PAGE, { category: 'graphics-design', first: 12 });
    const sizes = [1, 5, 12];
    const costs = [];
    for (const first of sizes) costs.push(await count(SEARCH_PAGE, { category: 'graphics-design', first }));
    expect(costs[1]).toEqual(costs[0]);
    expect(costs[2]).toEqual(costs[0]);
    expect(costs[0]!.filter((c) => c.startsWith('gigs:'))).toEqual(['gigs:gigs.find']);
    expect(costs[0]!.length).toBeLessThanOrEqual(CEILING.search);
  });

  it('a gig page costs the same for every gig, within its ceiling', async () => {
    await count(GIG_PAGE, { id: gigIds[0] });
    const costs = [];
    for (const id of gigIds.slice(0, 3)) costs.push(await count(GIG_PAGE, { id }));
    expect(costs[1]).toEqual(costs[0]);
    expect(costs[2]).toEqual(costs[0]);
    expect(costs[0]!.length).toBeLessThanOrEqual(CEILING.gigPage);
  });

  it('a page of orders costs the same at every page size, within its ceiling', async () => {
    await count(MY_ORDERS, { first: 12 }, buyer.accessToken);
    const costs = [];
    for (const first of [1, 5, 12]) costs.push(await count(MY_ORDERS, { first }, buyer.accessToken));
    expect(costs[1]).toEqual(costs[0]);
    expect(costs[2]).toEqual(costs[0]);
    expect(costs[0]!.length).toBeLessThanOrEqual(CEILING.myOrders);
  });
});
