import { graphqlRequest, type GraphQLResponse } from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GigsModels } from '../../services/gigs/src/context.js';
import { insertGigs } from '../../services/gigs/test/harness.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

const SEARCH = `query ($query: String, $filter: GigFilter) { searchGigs(query: $query, filter: $filter, first: 5) { totalCount edges { node { id title } } } }`;

interface Search {
  searchGigs: { totalCount: number; edges: Array<{ node: { id: string; title: string } }> };
}

/**
 * The probe's hostile searches, through the gateway: a gateway that gives up on a subgraph after
 * 1 s, as it would after its 10 s in production.
 */
describe('hostile searches through the gateway', () => {
  let stack: TestStack;
  const seller = new Types.ObjectId().toHexString();
  const commands: string[] = [];
  const search = (variables: Record<string, unknown>): Promise<GraphQLResponse<Search>> => graphqlRequest<Search>(stack.graphqlUrl, SEARCH, variables);

  beforeAll(async () => {
    stack = await startTestStack({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '1000' } });
    const gigs = stack.services.gigs as unknown as { models: GigsModels; connection: { set(key: 'debug', hook: (collection: string, method: string) => void): void } };
    // 300 gigs with 150-word descriptions: a text search reads them all, for each relevance tier.
    const words = (i: number) => Array.from({ length: 150 }, (_, j) => `w${i}x${j}`).join(' ');
    const busySeller = new Types.ObjectId().toHexString();
    await insertGigs(gigs.models, [
      { sellerId: seller, title: 'Logo design for startups' },
      ...Array.from({ length: 300 }, (_, i) => ({ sellerId: busySeller, description: words(i) })),
    ]);
    gigs.connection.set('debug', (collection, method) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => stack?.stop());

  it('answers a 90,000-character word and a 60,000-character query at once with BAD_USER_INPUT, and ordinary searches still work', async () => {
    commands.length = 0;
    const [word, query] = await Promise.all([search({ query: 'a'.repeat(90_000) }), search({ query: 'logo design '.repeat(5_000) })]);
    for (const res of [word, query]) {
      expect(res.errors).toEqual([
        expect.objectContaining({ message: 'The search query must be at most 200 characters.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
    }
    // Refused by the gigs service before any work (not the gateway's "did not answer in time").
    expect(commands).toEqual([]);

    const ordinary = await search({ query: 'logo', filter: { sellerId: seller } });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data!.searchGigs.edges.map((e) => e.node.title)).toEqual(['Logo design for startups']);
  });

  it('stops the work of a search the gateway gave up on', async () => {
    commands.length = 0;
    const res = await search({ query: 'zzzz' });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    // Uncut, this search is three relevance tiers and a count, a few seconds in all; wait that long,
    // then see that the gigs service stopped when the gateway hung up.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(commands.length, commands.join('\n')).toBeLessThan(4);
    expect(commands).not.toContain('gigs.countDocuments');
    // The service answers the next caller.
    const next = await search({ filter: { sellerId: seller } });
    expect(next.data!.searchGigs.totalCount).toBe(1);
  });
});
