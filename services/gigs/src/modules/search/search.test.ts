import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';
import type { GigDoc } from '../gigs/model.js';

interface Page {
  searchGigs: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; title: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

const SEARCH = `query ($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

const seller = () => new Types.ObjectId().toHexString();

describe('searchGigs (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  const search = async (variables: Record<string, unknown>) => {
    const res = await h.gql<Page>(SEARCH, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchGigs;
  };
  const titles = async (variables: Record<string, unknown>) => (await search({ first: 50, ...variables })).edges.map((e) => e.node.title);
  /** Every id, page by page, with the given page size. */
  const pageAll = async (variables: Record<string, unknown>, first: number) => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page['searchGigs'] = await search({ ...variables, first, after });
      ids.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      if (pages > 100) throw new Error('runaway paging');
    }
    return ids;
  };

  beforeAll(async () => {
    h = await startGigsHarness('gigs_search');
  });
  afterAll(() => h?.stop());

  it('matches title, tag and description words by prefix, case-insensitively; ACTIVE gigs only', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'Professional LOGOS for startups' },
      { sellerId: s, title: 'Wordpress site', tags: ['logotype'] },
      { sellerId: s, title: 'Business cards', description: 'I also refresh your Logo if needed. '.repeat(5) },
      { sellerId: s, title: 'Nothing related here' },
      { sellerId: s, title: 'Draft logo gig', status: 'DRAFT' },
      { sellerId: s, title: 'Paused logo gig', status: 'PAUSED' },
      { sellerId: s, title: 'Archived logo gig', status: 'ARCHIVED' },
    ]);
    const found = await titles({ query: 'Logo', filter: { sellerId: s } });
    expect(found.sort()).toEqual(['Business cards', 'Professional LOGOS for startups', 'Wordpress site']);
    expect(await titles({ query: 'logos startups', filter: { sellerId: s } })).toEqual(['Professional LOGOS for startups']);
    expect(await titles({ query: 'ogo', filter: { sellerId: s } })).toEqual([]);
  });

  it('treats regex metacharacters as plain text', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'C++ performance tuning' },
      { sellerId: s, title: 'Anything at all' },
    ]);
    for (const query of ['.*', '(', '[a-z]+', '^', '\\', '$where']) {
      const res = await h.gql<Page>(SEARCH, { query, filter: { sellerId: s } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.searchGigs.totalCount).toBe(0);
    }
    expect(await titles({ query: 'c++', filter: { sellerId: s } })).toEqual(['C++ performance tuning']);
  });

  it('ranks title matches above tag matches above description matches, and pages across the tiers', async () => {
    const s = seller();
    // Best-selling order is the reverse of relevance, so a test passing on sales order alone would fail.
    await insertGigs(h.service, [
      { sellerId: s, title: 'Vector illustration of your pet', ordersCompleted: 1 },
      { sellerId: s, title: 'Flat icons for apps', tags: ['vector'], ordersCompleted: 5 },
      { sellerId: s, title: 'Poster design', description: 'Print ready vector files. '.repeat(6), ordersCompleted: 9 },
      { sellerId: s, title: 'Another vectorised title', ordersCompleted: 3 },
    ]);
    const expected = ['Another vectorised title', 'Vector illustration of your pet', 'Flat icons for apps', 'Poster design'];
    expect(await titles({ query: 'vector', filter: { sellerId: s } })).toEqual(expected);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Page['searchGigs'] = await search({ query: 'vector', filter: { sellerId: s }, first: 1, after });
      expect(page.totalCount).toBe(4);
      paged.push(...page.edges.map((e) => e.node.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(expected);
    // Without a query, RELEVANCE is BEST_SELLING.
    expect(await titles({ filter: { sellerId: s } })).toEqual([
      'Poster design',
      'Flat icons for apps',
      'Another vectorised title',
      'Vector illustration of your pet',
    ]);
  });

  it('filters by category subtree, price, delivery, seller, tags and rating', async () => {
    const s = seller();
    await insertGigs(h.service, [
      {
        sellerId: s,
        title: 'A logo',
        categorySlug: 'logo-design',
        prices: [1000, 5000],
        deliveryDays: [5, 2],
        tags: ['logo', 'vector'],
        rating: { sum: 9, count: 2 },
      },
      {
        sellerId: s,
        title: 'B illustration',
        categorySlug: 'illustration',
        prices: [3000],
        deliveryDays: [4],
        tags: ['vector'],
        rating: { sum: 5, count: 1 },
      },
      { sellerId: s, title: 'C website', categorySlug: 'website-development', prices: [20000], deliveryDays: [14], tags: ['logo'] },
    ]);
    const f = (filter: Record<string, unknown>) => titles({ filter: { sellerId: s, ...filter }, sort: 'PRICE_LOW_TO_HIGH' });
    expect(await f({})).toEqual(['A logo', 'B illustration', 'C website']);
    expect(await f({ categorySlug: 'graphics-design' })).toEqual(['A logo', 'B illustration']);
    expect(await f({ categorySlug: 'illustration' })).toEqual(['B illustration']);
    expect(await f({ categorySlug: 'no-such-category' })).toEqual([]);
    expect(await f({ minPriceCents: 1001 })).toEqual(['B illustration', 'C website']);
    expect(await f({ maxPriceCents: 3000 })).toEqual(['A logo', 'B illustration']);
    expect(await f({ minPriceCents: 2000, maxPriceCents: 3000 })).toEqual(['B illustration']);
    // A's STANDARD package delivers in 2 days.
    expect(await f({ maxDeliveryDays: 3 })).toEqual(['A logo']);
    expect(await f({ maxDeliveryDays: 4 })).toEqual(['A logo', 'B illustration']);
    expect(await f({ tags: ['Vector'] })).toEqual(['A logo', 'B illustration']);
    expect(await f({ tags: ['vector', 'logo'] })).toEqual(['A logo']);
    expect(await f({ minRating: 4.5 })).toEqual(['A logo', 'B illustration']);
    expect(await f({ minRating: 4.6 })).toEqual(['B illustration']);
    expect(await f({ minRating: 0 })).toEqual(['A logo', 'B illustration']);
    expect(await titles({ filter: { sellerId: 'nope' } })).toEqual([]);
    expect(await titles({ filter: { sellerId: seller() } })).toEqual([]);
  });

  it('sorts by every order; TOP_RATED puts rated before unrated', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'one', prices: [3000], ordersCompleted: 2, rating: null, createdAt: new Date('2026-02-01') },
      { sellerId: s, title: 'two', prices: [1000], ordersCompleted: 7, rating: { sum: 4, count: 1 }, createdAt: new Date('2026-03-01') },
      { sellerId: s, title: 'three', prices: [2000], ordersCompleted: 0, rating: { sum: 10, count: 2 }, createdAt: new Date('2026-01-01') },
    ]);
    const sorted = (sort: string) => titles({ filter: { sellerId: s }, sort });
    expect(await sorted('NEWEST')).toEqual(['two', 'one', 'three']);
    expect(await sorted('PRICE_LOW_TO_HIGH')).toEqual(['two', 'three', 'one']);
    expect(await sorted('PRICE_HIGH_TO_LOW')).toEqual(['one', 'three', 'two']);
    expect(await sorted('BEST_SELLING')).toEqual(['two', 'one', 'three']);
    expect(await sorted('TOP_RATED')).toEqual(['three', 'two', 'one']);
    expect(await sorted('RELEVANCE')).toEqual(['two', 'one', 'three']);
  });

  it('narrows to the query in every sort, not only RELEVANCE', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'Minimal logo', prices: [3000], rating: { sum: 5, count: 1 } },
      { sellerId: s, title: 'Bold logo', prices: [1000], rating: { sum: 4, count: 1 } },
      { sellerId: s, title: 'Podcast editing', prices: [2000], rating: { sum: 5, count: 1 } },
    ]);
    for (const sort of ['NEWEST', 'PRICE_LOW_TO_HIGH', 'PRICE_HIGH_TO_LOW', 'BEST_SELLING', 'TOP_RATED', 'RELEVANCE']) {
      expect((await titles({ query: 'logo', filter: { sellerId: s }, sort })).sort(), sort).toEqual(['Bold logo', 'Minimal logo']);
    }
    expect(await titles({ query: 'logo', filter: { sellerId: s }, sort: 'PRICE_LOW_TO_HIGH' })).toEqual(['Bold logo', 'Minimal logo']);
  });

  it('pages through 120 gigs in every sort with no duplicates or gaps', async () => {
    const s = seller();
    // Few distinct prices and sales counts: many ties, which only the _id tie-breaker orders.
    const docs = await insertGigs(
      h.service,
      Array.from({ length: 120 }, (_, i) => ({
        sellerId: s,
        title: i % 3 === 0 ? `Paging title match ${i}` : `Paging gig ${i}`,
        tags: i % 3 === 1 ? ['match'] : ['other'],
        description: i % 3 === 2 ? 'A description that mentions the word matching. '.repeat(4) : undefined,
        prices: [1000 + (i % 4) * 500],
        ordersCompleted: i % 5,
        rating: i % 2 ? { sum: (i % 4) + 1, count: 1 } : null,
        createdAt: new Date(Date.UTC(2026, 5, 1) + (i % 10) * 1000),
      })),
    );
    const all = docs.map((d: GigDoc) => String(d._id)).sort();
    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_LOW_TO_HIGH', 'PRICE_HIGH_TO_LOW', 'BEST_SELLING', 'TOP_RATED']) {
      const once = await pageAll({ filter: { sellerId: s }, sort }, 7);
      expect(new Set(once).size).toBe(once.length);
      expect([...once].sort()).toEqual(all);
      const big = await pageAll({ filter: { sellerId: s }, sort }, 50);
      expect(big).toEqual(once);
    }
    // Relevance with a query: 40 title matches, 40 tag matches, 40 description matches; pages of 9
    // cross the tier boundaries.
    const relevant = await pageAll({ query: 'match', filter: { sellerId: s } }, 9);
    expect(new Set(relevant).size).toBe(120);
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    const tierOf = (id: string) =>
      byId.get(id)!.title.startsWith('Paging title match') ? 3 : byId.get(id)!.tags.includes('match') ? 2 : 1;
    expect(relevant.map(tierOf)).toEqual([...Array<number>(40).fill(3), ...Array<number>(40).fill(2), ...Array<number>(40).fill(1)]);
    expect(await pageAll({ query: 'match', filter: { sellerId: s } }, 50)).toEqual(relevant);
  });

  it('keeps pages stable while gigs are added', async () => {
    const s = seller();
    const docs = await insertGigs(
      h.service,
      Array.from({ length: 30 }, (_, i) => ({ sellerId: s, prices: [1000 + i * 10] })),
    );
    const first = await search({ filter: { sellerId: s }, sort: 'NEWEST', first: 10 });
    await insertGigs(
      h.service,
      Array.from({ length: 5 }, () => ({ sellerId: s, createdAt: new Date('2030-01-01') })),
    );
    const ids = first.edges.map((e) => e.node.id);
    let after = first.pageInfo.endCursor;
    while (after) {
      const page = await search({ filter: { sellerId: s }, sort: 'NEWEST', first: 10, after });
      ids.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    expect(ids.sort()).toEqual(docs.map((d) => String(d._id)).sort());
  });

  it('refuses first outside 1-50, a cursor of another sort and a tampered cursor with BAD_USER_INPUT', async () => {
    const s = seller();
    await insertGigs(h.service, [{ sellerId: s }, { sellerId: s }]);
    for (const first of [0, 51, -1]) {
      const res = await h.gql(SEARCH, { first });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    const page = await search({ filter: { sellerId: s }, sort: 'NEWEST', first: 1 });
    const cursor = page.pageInfo.endCursor!;
    for (const [sort, after, query] of [
      ['PRICE_LOW_TO_HIGH', cursor, null],
      ['RELEVANCE', cursor, 'fixture'],
      ['NEWEST', `${cursor}x`, null],
      ['NEWEST', 'not-a-cursor', null],
      ['NEWEST', Buffer.from('{"s":"NEWEST","v":[{"d":"x"}],"i":"zz"}').toString('base64url'), null],
      ['RELEVANCE', Buffer.from('{"s":"RELEVANCE_QUERY","v":[7,0],"i":"0123456789abcdef01234567"}').toString('base64url'), 'fixture'],
    ] as const) {
      const res = await h.gql(SEARCH, { filter: { sellerId: s }, sort, after, query });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });
});
