import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

const PAGE = `query ($filter: GigFilter, $first: Int) {
  searchGigs(filter: $filter, first: $first) {
    totalCount
    edges { cursor node { id slug title seller { id } category { slug name parent { slug } } startingPrice { formatted }
      packages { tier price { formatted } } requirements { id } } }
  }
}`;

describe('database commands per request', () => {
  let h: GigsHarness;
  const seller = new Types.ObjectId().toHexString();
  let commands: string[] = [];

  beforeAll(async () => {
    h = await startGigsHarness('gigs_perf');
    await insertGigs(
      h.service,
      Array.from({ length: 60 }, () => ({ sellerId: seller, categorySlug: 'logo-design' })),
    );
    // Mongoose's debug hook, on this service's connection only: one call per command it sends.
    h.service.connection.set('debug', (collection: string, method: string) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => h?.stop());

  async function count(run: () => Promise<unknown>): Promise<string[]> {
    commands = [];
    await run();
    return [...commands].sort();
  }

  it('a search page with seller and category costs one query (its gigs by id), whatever its size', async () => {
    const filter = { sellerId: seller, categorySlug: 'graphics-design' };
    // Warm the in-memory category tree, which is loaded once and shared by every request.
    await h.gql(PAGE, { filter, first: 1 });
    const small = await count(async () => {
      const res = await h.gql<{ searchGigs: { edges: unknown[] } }>(PAGE, { filter, first: 5 });
      expect(res.data!.searchGigs.edges).toHaveLength(5);
    });
    const large = await count(async () => {
      const res = await h.gql<{ searchGigs: { edges: unknown[]; totalCount: number } }>(PAGE, { filter, first: 50 });
      expect(res.data!.searchGigs.edges).toHaveLength(50);
      expect(res.data!.searchGigs.totalCount).toBe(60);
    });
    // Filter, order, count and facets come from the search index; the page's gigs are read by id.
    expect(small).toEqual(['gigs.find']);
    expect(large).toEqual(small);
  });

  it('a text search with a typo and facets costs the same one query at every page size', async () => {
    const FACETED = `query ($first: Int) { searchGigs(query: "fixtrue", filter: { categorySlug: "graphics-design" }, first: $first) {
      totalCount edges { node { id title category { slug } } }
      facets { categories { category { slug } count } priceRanges { count } deliveryTimes { count } } } }`;
    await h.gql(FACETED, { first: 1 });
    const costs = [];
    for (const first of [1, 5, 20, 50]) {
      costs.push(
        await count(async () => {
          const res = await h.gql<{ searchGigs: { edges: unknown[]; totalCount: number } }>(FACETED, { first });
          expect(res.errors).toBeUndefined();
          expect(res.data!.searchGigs.edges).toHaveLength(Math.min(first, 60));
        }),
      );
    }
    expect(costs).toEqual([['gigs.find'], ['gigs.find'], ['gigs.find'], ['gigs.find']]);
  });

  it('resolves 50 federated gig references with one query', async () => {
    const ids = (
      await h.service.models.Gig.find({ sellerId: new Types.ObjectId(seller) })
        .limit(50)
        .lean()
        .exec()
    ).map((g) => String(g._id));
    const used = await count(async () => {
      const res = await h.gql<{ _entities: Array<{ id: string; title: string; category: { slug: string } } | null> }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Gig { id title category { slug } } } }',
        { r: [...ids.map((id) => ({ __typename: 'Gig', id })), { __typename: 'Gig', id: 'nope' }] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.slice(0, 50).map((g) => g?.id)).toEqual(ids);
      expect(res.data!._entities[50]).toBeNull();
    });
    expect(used).toEqual(['gigs.find']);
  });

  it('a User.gigs page costs the page and the count', async () => {
    const used = await count(async () => {
      const res = await h.gql<{ _entities: Array<{ gigs: { edges: unknown[] } }> }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { gigs(first: 50) { totalCount edges { node { id category { slug } } } } } } }',
        { r: [{ __typename: 'User', id: seller }] },
      );
      expect(res.data!._entities[0]!.gigs.edges).toHaveLength(50);
    });
    expect(used).toEqual(['gigs.countDocuments', 'gigs.find']);
  });
});
