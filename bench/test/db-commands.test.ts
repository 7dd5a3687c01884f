import type { StartedGigs } from '@gigmart/gigs';
import type { OrdersServiceOptions } from '@gigmart/orders';
import { graphqlRequest, testMongoUri } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { BENCH_PASSWORD, BENCH_READER, generateDataset, type GeneratedDataset } from '../src/dataset.js';
import { LOG_IN, MY_ORDERS, SEARCH_PAGE } from '../src/operations.js';
import { startWireCounter, type WireCounter } from '../src/wire-counter.js';

/**
 * The database commands one request costs must not grow with the page it asks for: every per-item
 * field (seller, seller level, rating, order's gig) has to be batched. The whole stack runs here
 * behind the gateway, every subgraph connected to the database through a wire-protocol proxy that
 * counts the commands it carries, over a small generated dataset.
 */
describe('database commands per request', () => {
  let stack: TestStack;
  let counter: WireCounter;
  let dataset: GeneratedDataset;
  let readerToken: string;

  beforeAll(async () => {
    counter = await startWireCounter(testMongoUri());
    // Background loops (the orders outbox relay polls every 200 ms, auto-completion) are not work of
    // a request: off, so that what is counted is the request's own commands. The sellers' track
    // record cache is off too: this guards that its aggregations are batched, whatever is kept.
    const serviceOptions: Partial<OrdersServiceOptions> = {
      mongoUri: counter.uri,
      autoCompleteIntervalMs: 0,
      trackRecordTtlMs: 0,
      events: { relay: false },
    };
    // Counts the commands of repeated anonymous pages: none may be answered from the response cache.
    stack = await startTestStack({ serviceOptions, gatewayEnv: { RESPONSE_CACHE_SECONDS: '0' } });
    dataset = await generateDataset({
      uri: testMongoUri(),
      databases: {
        users: stack.services.users.connection.name,
        gigs: stack.services.gigs.connection.name,
        orders: stack.services.orders.connection.name,
      },
      size: { sellers: 12, buyers: 30, gigs: 400, orders: 600, reviews: 200, conversations: 0 },
      seed: 1,
    });
    // The dataset was written straight into the database: the gigs process's search index reads it
    // with its next reconciliation pass; run that pass now rather than wait for it.
    await (stack.services.gigs as StartedGigs).search.reconcile();
    const login = await graphqlRequest<{ logIn: { session: { accessToken: string } | null } }>(stack.graphqlUrl, LOG_IN, {
      input: { login: BENCH_READER, password: BENCH_PASSWORD },
    });
    readerToken = login.data!.logIn.session!.accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    await counter?.close();
  });

  /**
   * Commands of one request, alone on the stack. The least of three: a background job of a service
   * (order auto-completion, session cleanup) may add its own commands to one of them, never remove any.
   */
  async function commandsOf(query: string, variables: Record<string, unknown>, token?: string) {
    let least = Number.POSITIVE_INFINITY;
    let byName: Record<string, number> = {};
    let data: Record<string, unknown> | null | undefined;
    for (let i = 0; i < 3; i += 1) {
      counter.reset();
      const res = await graphqlRequest(stack.graphqlUrl, query, variables, token ? { token } : {});
      expect(res.errors).toBeUndefined();
      data = res.data;
      const counts = counter.counts();
      if (counts.total < least) {
        least = counts.total;
        byName = counts.byName;
      }
    }
    return { commands: least, byName, data };
  }

  it('a search page (operation 1) costs the same number of commands for 5 gigs as for 20', async () => {
    const category = dataset.categorySlugs[0]!; // the largest category
    await commandsOf(SEARCH_PAGE, { category, first: 1 }); // warms per-process caches (category tree, keys)
    const small = await commandsOf(SEARCH_PAGE, { category, first: 5 });
    const large = await commandsOf(SEARCH_PAGE, { category, first: 20 });
    type Page = {
      searchGigs: { edges: Array<{ node: { seller: { username: string; sellerStats: { level: string } }; rating: { count: number } } }> };
    };
    const smallEdges = (small.data as Page).searchGigs.edges;
    const largeEdges = (large.data as Page).searchGigs.edges;
    // The pages are really filled, with several sellers whose track record is read: the counts are about something.
    expect(smallEdges).toHaveLength(5);
    expect(largeEdges).toHaveLength(20);
    expect(new Set(largeEdges.map((e) => e.node.seller.username)).size).toBeGreaterThan(5);
    expect(largeEdges.every((e) => e.node.seller.sellerStats.level.length > 0)).toBe(true);
    expect(small.commands).toBeGreaterThan(0);
    expect(large.commands, `first 5: ${JSON.stringify(small.byName)}, first 20: ${JSON.stringify(large.byName)}`).toBe(small.commands);
  });

  it("the viewer's orders (operation 3) cost the same number of commands for 5 orders as for 20", async () => {
    expect(dataset.readerOrders).toBeGreaterThanOrEqual(20);
    await commandsOf(MY_ORDERS, { first: 1 }, readerToken);
    const small = await commandsOf(MY_ORDERS, { first: 5 }, readerToken);
    const large = await commandsOf(MY_ORDERS, { first: 20 }, readerToken);
    type Orders = { myOrders: { edges: Array<{ node: { gig: { title: string } } }> } };
    expect((small.data as Orders).myOrders.edges).toHaveLength(5);
    const largeEdges = (large.data as Orders).myOrders.edges;
    expect(largeEdges).toHaveLength(20);
    expect(new Set(largeEdges.map((e) => e.node.gig.title)).size).toBeGreaterThan(5);
    expect(small.commands).toBeGreaterThan(0);
    expect(large.commands, `first 5: ${JSON.stringify(small.byName)}, first 20: ${JSON.stringify(large.byName)}`).toBe(small.commands);
  });
});
