import { WorkLimit } from '@gigmart/shared';
import { graphqlRequest, type GraphQLResponse } from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StartedGigs } from '../../services/gigs/src/app.js';
import { insertGigs } from '../../services/gigs/test/harness.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

const SEARCH = `query ($query: String, $filter: GigFilter) { searchGigs(query: $query, filter: $filter, first: 5) { totalCount edges { node { id title } } } }`;

interface Search {
  searchGigs: { totalCount: number; edges: Array<{ node: { id: string; title: string } }> };
}

/**
 * The probe's hostile searches, through the gateway: a gateway that gives up on a subgraph after
 * 1 s, as it does after its 10 s in production.
 */
describe('hostile searches through the gateway', () => {
  let stack: TestStack;
  const seller = new Types.ObjectId().toHexString();
  const commands: string[] = [];
  // The gigs service's search limit, handed in so the test can hold its turns.
  const limit = new WorkLimit({ name: 'Search', concurrency: 1, queue: 4 });
  const search = (variables: Record<string, unknown>): Promise<GraphQLResponse<Search>> =>
    graphqlRequest<Search>(stack.graphqlUrl, SEARCH, variables);

  beforeAll(async () => {
    // RESPONSE_CACHE_SECONDS 0: each hostile search must reach the gigs subgraph.
    stack = await startTestStack({
      gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '1000', RESPONSE_CACHE_SECONDS: '0' },
      gigsOptions: { searchLimit: limit },
    });
    const gigs = stack.services.gigs as unknown as StartedGigs;
    await insertGigs(gigs, [{ sellerId: seller, title: 'Logo design for startups' }, { sellerId: seller }]);
    gigs.connection.set('debug', (collection: string, method: string) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => stack?.stop());

  it('answers a 90,000-character word and a 60,000-character query at once with BAD_USER_INPUT, and ordinary searches still work', async () => {
    commands.length = 0;
    const [word, query] = await Promise.all([search({ query: 'a'.repeat(90_000) }), search({ query: 'logo design '.repeat(5_000) })]);
    for (const res of [word, query]) {
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'The search query must be at most 200 characters.',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    // Refused by the gigs service before any work (not the gateway's "did not answer in time").
    expect(commands).toEqual([]);

    const ordinary = await search({ query: 'logo', filter: { sellerId: seller } });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data!.searchGigs.edges.map((e) => e.node.title)).toEqual(['Logo design for startups']);
  });

  it('drops the work of a search the gateway gave up on', async () => {
    // The service is busy with another search (held by the test): this one waits for its turn,
    // longer than the gateway waits for the gigs service.
    let finish!: () => void;
    const held = limit.run(() => new Promise<void>((resolve) => (finish = resolve)));
    commands.length = 0;
    const res = await search({ query: 'logo', filter: { sellerId: seller } });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'The gigs service did not answer in time.',
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
      }),
    ]);
    // The gateway hung up; the waiting search leaves the line, and never runs.
    await vi.waitFor(() => expect(limit.waiting).toBe(0), { timeout: 10_000, interval: 10 });
    finish();
    await held;
    const next = await search({ filter: { sellerId: seller } });
    expect(next.data!.searchGigs.totalCount).toBe(2);
    // Only the next search's page reached the database (its count comes from the search index).
    expect(commands.sort()).toEqual(['gigs.find']);
  });
});
