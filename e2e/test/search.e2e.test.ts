import { graphqlRequest } from '@gigmart/shared/testing';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedGigs } from '../../services/gigs/src/app.js';
import { insertGigs, type GigSpec } from '../../services/gigs/test/harness.js';
import { signUpSeller, type Actor } from './actors.js';

const SEARCH = `query ($query: String, $filter: GigFilter, $sort: GigSort, $first: Int) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first) {
    totalCount
    edges { node { title seller { username } } }
    facets {
      categories { category { slug name } count }
      priceRanges { min { amountCents } max { amountCents } count }
      deliveryTimes { maxDays count }
    }
  }
}`;

interface Search {
  searchGigs: {
    totalCount: number;
    edges: Array<{ node: { title: string; seller: { username: string } | null } }>;
    facets: {
      categories: Array<{ category: { slug: string; name: string }; count: number }>;
      priceRanges: Array<{ min: { amountCents: number } | null; max: { amountCents: number } | null; count: number }>;
      deliveryTimes: Array<{ maxDays: number | null; count: number }>;
    };
  };
}

/** The contract's search additions through the gateway: typos, prefixes, ranking, facets, suggestions. */
describe('search through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  const search = async (variables: Record<string, unknown>) => {
    const res = await graphqlRequest<Search>(stack.graphqlUrl, SEARCH, { first: 50, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!.searchGigs;
  };

  // A fixed dataset: [title, tags, category, price, delivery days, sales, rating].
  const rows: Array<[string, string[], string, number, number, number, number | null]> = [
    ['Minimalist logo design for startups', ['branding'], 'logo-design', 2000, 2, 5, 5],
    ['Logo design with unlimited revisions', ['vector'], 'logo-design', 6000, 5, 30, 4],
    ['Brand style guide and logo kit', ['logo'], 'brand-style-guides', 15000, 7, 50, 5],
    ['Business card design', ['print'], 'business-cards-stationery', 3000, 1, 2, null],
    ['WordPress website development', ['wordpress'], 'wordpress', 30000, 10, 8, 5],
    ['Landing page in WordPress', ['landing page'], 'website-development', 9000, 3, 12, 4],
  ];

  beforeAll(async () => {
    stack = await startTestStack();
    seller = await signUpSeller(stack);
    const specs: GigSpec[] = rows.map(([title, tags, categorySlug, price, days, sales, rating]) => ({
      sellerId: seller.id,
      title,
      tags,
      categorySlug,
      prices: [price],
      deliveryDays: [days],
      ordersCompleted: sales,
      rating: rating === null ? null : { sum: rating, count: 1 },
      description: 'Clear communication, fast turnaround and files ready for print and screen. '.repeat(3),
    }));
    // Straight into the gigs database; the running service's index then reconciles.
    await insertGigs(stack.services.gigs as unknown as StartedGigs, specs);
  });
  afterAll(() => stack?.stop());

  it('forgives a typo, matches prefixes and ranks title > tags, then rating, then sales', async () => {
    const filter = { sellerId: seller.id };
    const expected = ['Minimalist logo design for startups', 'Logo design with unlimited revisions', 'Brand style guide and logo kit'];
    const logo = await search({ query: 'logo', filter });
    // All three have "logo" in the title: by rating (5, 5, 4), then sales (50 before 5).
    expect(logo.edges.map((e) => e.node.title)).toEqual([expected[2], expected[0], expected[1]]);
    expect(logo.edges[0]!.node.seller?.username).toBe(seller.username);
    expect((await search({ query: 'logoo', filter })).edges.map((e) => e.node.title)).toEqual([expected[2], expected[0], expected[1]]);
    expect((await search({ query: 'wrodpress', filter })).edges.map((e) => e.node.title)).toEqual([
      'WordPress website development',
      'Landing page in WordPress',
    ]);
    // Title match above tag match: "vector" is only a tag, "design" a title word of three.
    expect((await search({ query: 'desi', filter })).edges.map((e) => e.node.title)).toEqual([
      'Minimalist logo design for startups',
      'Logo design with unlimited revisions',
      'Business card design',
    ]);
    expect((await search({ query: 'vectr', filter })).edges.map((e) => e.node.title)).toEqual(['Logo design with unlimited revisions']);
  });

  it('counts facets like a brute-force count over the dataset', async () => {
    const page = await search({ query: 'design', filter: { sellerId: seller.id, maxPriceCents: 5000 }, first: 1 });
    // "design" is in three titles; two of them start under $50.
    expect(page.totalCount).toBe(2);
    const matches = rows.filter(([title]) => /design\b/i.test(title));
    const underPrice = matches.filter(([, , , price]) => price <= 5000);
    expect(page.facets.categories).toEqual([
      { category: { slug: 'graphics-design', name: 'Graphics & Design' }, count: underPrice.length },
    ]);
    const bucket = (min: number | null, max: number | null) =>
      matches.filter(([, , , price]) => (min === null || price >= min) && (max === null || price < max)).length;
    expect(page.facets.priceRanges.map((r) => r.count)).toEqual([
      bucket(null, 2500),
      bucket(2500, 5000),
      bucket(5000, 10000),
      bucket(10000, 25000),
      bucket(25000, null),
    ]);
    expect(page.facets.deliveryTimes).toEqual(
      [1, 3, 7, null].map((maxDays) => ({
        maxDays,
        count: underPrice.filter(([, , , , days]) => maxDays === null || days <= maxDays).length,
      })),
    );
  });

  it('suggests completions as a person types', async () => {
    const suggest = async (prefix: string) =>
      (
        await graphqlRequest<{ searchSuggestions: string[] }>(stack.graphqlUrl, 'query ($p: String!) { searchSuggestions(prefix: $p) }', {
          p: prefix,
        })
      ).data!.searchSuggestions;
    // "logo" is a title or tag word of three gigs (counted once per gig).
    expect(await suggest('l')).toEqual([]);
    expect((await suggest('lo')).slice(0, 1)).toEqual(['logo']);
    expect(await suggest('logo de')).toEqual(['logo design']);
    const refused = await graphqlRequest(stack.graphqlUrl, 'query ($p: String!) { searchSuggestions(prefix: $p) }', { p: 'x'.repeat(51) });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
