import { EVENTS_ROUTE, newEventId, SERVICE_TOKEN_HEADER, type OrderFactEvent } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigInput, insertGigs, startGigsHarness, type GigSpec, type GigsHarness } from '../../../test/harness.js';
import { CATEGORY_TREE } from '../categories/tree.js';

interface Search {
  searchGigs: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; title: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Facets | null;
  };
}
interface Facets {
  categories: Array<{ category: { slug: string }; count: number }>;
  priceRanges: Array<{ min: { amountCents: number } | null; max: { amountCents: number } | null; count: number }>;
  deliveryTimes: Array<{ maxDays: number | null; count: number }>;
}

const SEARCH = `query ($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor }
    facets {
      categories { category { slug } count }
      priceRanges { min { amountCents } max { amountCents } count }
      deliveryTimes { maxDays count }
    }
  }
}`;
const SUGGEST = 'query ($prefix: String!, $first: Int) { searchSuggestions(prefix: $prefix, first: $first) }';

const seller = () => new Types.ObjectId().toHexString();

describe('search index: typos, prefixes, relevance, facets, suggestions (gigs service over HTTP)', () => {
  let h: GigsHarness;
  const search = async (variables: Record<string, unknown>) => {
    const res = await h.gql<Search>(SEARCH, { first: 50, ...variables });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchGigs;
  };
  const titles = async (variables: Record<string, unknown>) => (await search(variables)).edges.map((e) => e.node.title);

  beforeAll(async () => {
    h = await startGigsHarness('gigs_search_index');
  });
  afterAll(() => h?.stop());

  it('forgives one typo in words of 5+ letters (Damerau), never in shorter ones', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'Modern logo for your brand' },
      { sellerId: s, title: 'Custom wordpress website' },
      { sellerId: s, title: 'Print design of flyers' },
      { sellerId: s, title: 'Unrelated gig entirely here' },
    ]);
    const find = (query: string) => titles({ query, filter: { sellerId: s } });
    expect(await find('logoo')).toEqual(['Modern logo for your brand']);
    expect(await find('wordpres')).toEqual(['Custom wordpress website']);
    expect(await find('wrodpress')).toEqual(['Custom wordpress website']);
    expect(await find('wordpresz')).toEqual(['Custom wordpress website']);
    expect(await find('desgin')).toEqual(['Print design of flyers']);
    expect(await find('dseign flyres')).toEqual(['Print design of flyers']);
    // Four letters or fewer: exact or prefix only.
    expect(await find('lgoo')).toEqual([]);
    expect(await find('logi')).toEqual([]);
    // Two edits is not one.
    expect(await find('wrodpresz')).toEqual([]);
  });

  it('matches words of 2+ letters as prefixes, one letter only whole; every word must match', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'Wordpress plugin development' },
      { sellerId: s, title: 'Wolf illustrations in a day' },
      { sellerId: s, title: 'Python scripts', tags: ['automation'] },
      { sellerId: s, title: 'Plan B for product launches' },
    ]);
    const find = async (query: string) => (await titles({ query, filter: { sellerId: s } })).sort();
    expect(await find('wo')).toEqual(['Wolf illustrations in a day', 'Wordpress plugin development']);
    expect(await find('wor')).toEqual(['Wordpress plugin development']);
    expect(await find('w')).toEqual([]);
    expect(await find('b')).toEqual(['Plan B for product launches']);
    expect(await find('pr')).toEqual(['Plan B for product launches']);
    expect(await find('py auto')).toEqual(['Python scripts']);
    expect(await find('py website')).toEqual([]);
  });

  it('ranks title above tags above description, then rating, then sales, then id, and pages in that order', async () => {
    const s = seller();
    const specs: GigSpec[] = [
      {
        sellerId: s,
        title: 'Fast fixes for your site',
        description: 'Speed and WordPress fixes for every theme. '.repeat(4),
        ordersCompleted: 50,
      },
      { sellerId: s, title: 'WordPress website in a day', rating: { sum: 5, count: 1 }, ordersCompleted: 1 },
      { sellerId: s, title: 'Speed tuning for shops', tags: ['wordpress'], rating: { sum: 5, count: 1 }, ordersCompleted: 40 },
      { sellerId: s, title: 'WordPress theme setup', rating: { sum: 5, count: 1 }, ordersCompleted: 3 },
      { sellerId: s, title: 'Quick WordPress repairs', rating: { sum: 9, count: 2 }, ordersCompleted: 10 },
      { sellerId: s, title: 'WordPress and WooCommerce shop', rating: null, ordersCompleted: 30 },
    ];
    await insertGigs(h.service, specs);
    const expected = [
      'WordPress theme setup', // title, 5.0, 3 sales
      'WordPress website in a day', // title, 5.0, 1 sale
      'Quick WordPress repairs', // title, 4.5
      'WordPress and WooCommerce shop', // title, unrated
      'Speed tuning for shops', // tags
      'Fast fixes for your site', // description, however many sales
    ];
    expect(await titles({ query: 'wordpress', filter: { sellerId: s } })).toEqual(expected);
    // A typo ranks the same way (every match is a typo match).
    expect(await titles({ query: 'wordpres', filter: { sellerId: s } })).toEqual(expected);
    expect(await titles({ query: 'wrodpress', filter: { sellerId: s } })).toEqual(expected);
    // An exact title word outranks a typo in a title.
    const t = seller();
    await insertGigs(h.service, [
      { sellerId: t, title: 'Banner design', ordersCompleted: 9 },
      { sellerId: t, title: 'Banenr printing', ordersCompleted: 1 },
    ]);
    expect(await titles({ query: 'banner', filter: { sellerId: t } })).toEqual(['Banner design', 'Banenr printing']);
    // Pages of two give the same order, with no duplicates.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Search['searchGigs'] = await search({ query: 'wordpress', filter: { sellerId: s }, first: 2, after });
      expect(page.totalCount).toBe(6);
      paged.push(...page.edges.map((e) => e.node.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(expected);
  });

  it('keeps a relevance cursor valid while other gigs change: no duplicates, no gaps', async () => {
    const s = seller();
    const docs = await insertGigs(
      h.service,
      Array.from({ length: 12 }, (_, i) => ({ sellerId: s, title: `Keyset cursor gig ${i}`, ordersCompleted: i })),
    );
    const firstPage = await search({ query: 'keyset', filter: { sellerId: s }, first: 5 });
    // Other gigs come and go, some matching the query with other scores.
    const [, , late] = await insertGigs(h.service, [
      { sellerId: seller(), title: 'Keyset elsewhere' },
      { sellerId: seller(), title: 'Other', tags: ['keyset'] },
      // After the cursor (a tag match), so on a later page; and before it, so on none.
      { sellerId: s, title: 'Late arrival', tags: ['keyset'], ordersCompleted: 99 },
      { sellerId: s, title: 'Keyset newcomer', ordersCompleted: 100 },
    ]);
    await h.service.models.Gig.updateOne({ _id: docs[0]!._id }, { $set: { status: 'PAUSED' } }).exec();
    await h.service.search.reconcile();
    const ids = firstPage.edges.map((e) => e.node.id);
    let after = firstPage.pageInfo.endCursor;
    while (after) {
      const page = await search({ query: 'keyset', filter: { sellerId: s }, first: 5, after });
      ids.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Title matches by sales, 11..1 (the paused one, 0 sales, was on no page yet), then the tag match.
    expect(ids).toEqual([
      ...docs
        .slice(1)
        .reverse()
        .map((d) => String(d._id)),
      String(late!._id),
    ]);
  });

  it('counts facets as a brute-force count over the same gigs does, each ignoring its own filter', async () => {
    const s = seller();
    const leaves = CATEGORY_TREE.flatMap((top) => (top.children ?? []).map((child) => ({ top: top.slug, slug: child.slug })));
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const specs = Array.from({ length: 80 }, (_, i) => {
      const leaf = leaves[next(6) + (i % 3) * 6]!;
      return {
        sellerId: s,
        title: i % 4 === 0 ? `Facet banner gig ${i}` : `Facet poster gig ${i}`,
        categorySlug: leaf.slug,
        prices: [[900, 2500, 4999, 5000, 12000, 25000, 90000][next(7)]!],
        deliveryDays: [1 + next(10)],
        status: i % 9 === 0 ? ('PAUSED' as const) : ('ACTIVE' as const),
      };
    });
    await insertGigs(h.service, specs);
    const topOf = new Map(leaves.map((l) => [l.slug, l.top]));
    const active = specs.filter((g) => g.status === 'ACTIVE');
    const buckets: Array<[number | null, number | null]> = [
      [null, 2500],
      [2500, 5000],
      [5000, 10000],
      [10000, 25000],
      [25000, null],
    ];

    interface Case {
      query?: string;
      filter: { categorySlug?: string; minPriceCents?: number; maxPriceCents?: number; maxDeliveryDays?: number };
    }
    const cases: Case[] = [
      { filter: {} },
      { query: 'poster', filter: {} },
      { query: 'postre', filter: { maxDeliveryDays: 3 } },
      { filter: { categorySlug: 'graphics-design', maxPriceCents: 5000 } },
      { query: 'facet', filter: { categorySlug: 'logo-design', minPriceCents: 2500, maxDeliveryDays: 7 } },
      { filter: { categorySlug: 'seo' } },
    ];
    for (const c of cases) {
      const f = c.filter;
      const inQuery = (g: (typeof specs)[number]) =>
        !c.query || g.title.includes(c.query === 'postre' ? 'poster' : c.query === 'facet' ? 'Facet' : c.query);
      const inCategory = (g: (typeof specs)[number]) =>
        !f.categorySlug || g.categorySlug === f.categorySlug || topOf.get(g.categorySlug) === f.categorySlug;
      const inPrice = (g: (typeof specs)[number]) =>
        (f.minPriceCents == null || g.prices[0]! >= f.minPriceCents) && (f.maxPriceCents == null || g.prices[0]! <= f.maxPriceCents);
      const inDelivery = (g: (typeof specs)[number]) => f.maxDeliveryDays == null || g.deliveryDays[0]! <= f.maxDeliveryDays;
      const base = active.filter(inQuery);

      // The category facet's level, by hand: top level; a parent's children; a leaf's siblings.
      const parent = f.categorySlug ? (topOf.get(f.categorySlug) ?? f.categorySlug) : null;
      const levelOf = (g: (typeof specs)[number]) =>
        parent ? (topOf.get(g.categorySlug) === parent ? g.categorySlug : null) : topOf.get(g.categorySlug)!;
      const categoryCounts = new Map<string, number>();
      for (const g of base.filter((g) => inPrice(g) && inDelivery(g))) {
        const level = levelOf(g);
        if (level) categoryCounts.set(level, (categoryCounts.get(level) ?? 0) + 1);
      }
      const priceCounts = buckets.map(
        ([min, max]) =>
          base.filter(
            (g) => inCategory(g) && inDelivery(g) && (min === null || g.prices[0]! >= min) && (max === null || g.prices[0]! < max),
          ).length,
      );
      const deliveryCounts = [1, 3, 7, null].map(
        (days) => base.filter((g) => inCategory(g) && inPrice(g) && (days === null || g.deliveryDays[0]! <= days)).length,
      );
      const expectedTotal = base.filter((g) => inCategory(g) && inPrice(g) && inDelivery(g)).length;

      const page = await search({ query: c.query, filter: { sellerId: s, ...f }, first: 1 });
      expect(page.totalCount, JSON.stringify(c)).toBe(expectedTotal);
      const facets = page.facets!;
      expect(Object.fromEntries(facets.categories.map((x) => [x.category.slug, x.count])), JSON.stringify(c)).toEqual(
        Object.fromEntries(categoryCounts),
      );
      expect(facets.categories.every((x) => x.count > 0)).toBe(true);
      const counts = facets.categories.map((x) => x.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(facets.priceRanges.map((r) => [r.min?.amountCents ?? null, r.max?.amountCents ?? null])).toEqual(buckets);
      expect(
        facets.priceRanges.map((r) => r.count),
        JSON.stringify(c),
      ).toEqual(priceCounts);
      expect(
        facets.deliveryTimes.map((d) => [d.maxDays, d.count]),
        JSON.stringify(c),
      ).toEqual([1, 3, 7, null].map((days, i) => [days, deliveryCounts[i]]));
    }
  });

  it('answers facets null outside searchGigs, and zeros for a search that can match nothing', async () => {
    const member = await h.member({ seller: true });
    const res = await h.gql<{ _entities: Array<{ gigs: { facets: unknown } }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { gigs { facets { categories { count } } } } } }',
      { r: [{ __typename: 'User', id: member.id }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]!.gigs.facets).toBeNull();
    const none = await search({ filter: { categorySlug: 'no-such-category' } });
    expect(none.totalCount).toBe(0);
    expect(none.facets!.categories).toEqual([]);
    expect(none.facets!.priceRanges.map((r) => r.count)).toEqual([0, 0, 0, 0, 0]);
    expect(none.facets!.deliveryTimes.map((d) => d.count)).toEqual([0, 0, 0, 0]);
  });

  it('suggests completions from ACTIVE titles and tags, most frequent first, after the words before', async () => {
    const s = seller();
    await insertGigs(h.service, [
      { sellerId: s, title: 'Zylophone lessons online', tags: ['zylophone', 'music'] },
      { sellerId: s, title: 'Zylophone repair service', tags: ['zylograph'] },
      { sellerId: s, title: 'Zylograph prints for walls', tags: ['zylophone'] },
      { sellerId: s, title: 'Zylophone tuning', tags: ['zylotron'], status: 'PAUSED' },
      { sellerId: s, title: 'Zyloquest', description: 'Zylodescription only here. '.repeat(6) },
    ]);
    const suggest = async (prefix: string, first?: number) => {
      const res = await h.gql<{ searchSuggestions: string[] }>(SUGGEST, { prefix, first });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.searchSuggestions;
    };
    // zylophone in 3 active gigs, zylograph in 2, zyloquest in 1; the paused gig's zylotron and the
    // description word are not suggested.
    expect(await suggest('Zylo')).toEqual(['zylophone', 'zylograph', 'zyloquest']);
    expect(await suggest('zylo', 2)).toEqual(['zylophone', 'zylograph']);
    expect(await suggest('zylophone re')).toEqual(['zylophone repair']);
    expect(await suggest('zylograph w')).toEqual(['zylograph walls']);
    expect(await suggest('z')).toEqual([]);
    expect(await suggest(' z ')).toEqual([]);
    expect(await suggest('zzzzqqq')).toEqual([]);
    for (const [prefix, first, message] of [
      ['x'.repeat(51), 8, 'The prefix must be at most 50 characters.'],
      ['logo', 0, '"first" must be between 1 and 10.'],
      ['logo', 11, '"first" must be between 1 and 10.'],
    ] as const) {
      const res = await h.gql(SUGGEST, { prefix, first });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(message);
    }
    expect(await suggest('x'.repeat(50))).toEqual([]);
  });
});

describe('search index: kept current (gigs service over HTTP)', () => {
  let h: GigsHarness;
  beforeAll(async () => {
    h = await startGigsHarness('gigs_search_current');
  });
  afterAll(() => h?.stop());

  const found = async (query: string, sellerId: string) => {
    const res = await h.gql<Search>(SEARCH, { query, filter: { sellerId }, sort: 'RELEVANCE' });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchGigs.edges.map((e) => e.node.title);
  };
  const act = (name: string, input: Record<string, unknown>, token: string) =>
    h.gql<Record<string, { gig: { id: string } | null; userErrors: unknown[] }>>(
      `mutation ($input: ${name === 'createGig' ? 'CreateGigInput' : name === 'updateGig' ? 'UpdateGigInput' : 'GigIdInput'}!) { ${name}(input: $input) { gig { id } userErrors { message } } }`,
      { input },
      { token },
    );

  it("follows this process's publish, update and pause at once", async () => {
    const member = await h.member({ seller: true });
    const created = await act('createGig', gigInput({ title: 'Quokka portrait painting in oils' }), member.token);
    const id = created.data!['createGig']!.gig!.id;
    expect(await found('quokka', member.id)).toEqual([]);
    await act('publishGig', { id }, member.token);
    expect(await found('quokka', member.id)).toEqual(['Quokka portrait painting in oils']);
    await act('updateGig', { id, title: 'Wombat portrait painting in oils' }, member.token);
    expect(await found('quokka', member.id)).toEqual([]);
    expect(await found('wombat', member.id)).toEqual(['Wombat portrait painting in oils']);
    await act('pauseGig', { id }, member.token);
    expect(await found('wombat', member.id)).toEqual([]);
  });

  it('follows the order events: sales and ratings reorder at once', async () => {
    const s = seller();
    const [a, b] = await insertGigs(h.service, [
      { sellerId: s, title: 'Eventful gig alpha', ordersCompleted: 0 },
      { sellerId: s, title: 'Eventful gig beta', ordersCompleted: 0 },
    ]);
    const order = new Types.ObjectId().toHexString();
    const events: OrderFactEvent[] = [
      {
        id: newEventId(),
        type: 'review.left',
        aggregateId: order,
        sequence: 3,
        occurredAt: new Date().toISOString(),
        data: { orderId: order, gigId: String(b!._id), sellerId: s, status: 'COMPLETED', rating: 5 },
      },
    ];
    const before = await h.gql<Search>(SEARCH, { filter: { sellerId: s }, sort: 'TOP_RATED' });
    expect(before.data!.searchGigs.edges.map((e) => e.node.id)).toEqual(
      [a, b]
        .map((d) => String(d!._id))
        .sort()
        .reverse(),
    );
    const posted = await fetch(`${h.url}${EVENTS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
      body: JSON.stringify({ events }),
    });
    expect(posted.ok).toBe(true);
    const top = await h.gql<Search>(SEARCH, { filter: { sellerId: s }, sort: 'TOP_RATED' });
    expect(top.data!.searchGigs.edges[0]!.node.title).toBe('Eventful gig beta');
    const best = await h.gql<Search>(SEARCH, { filter: { sellerId: s }, sort: 'BEST_SELLING' });
    expect(best.data!.searchGigs.edges[0]!.node.title).toBe('Eventful gig beta');
  });

  it('never lists a gig that is no longer ACTIVE, and the reconciliation repairs what was written elsewhere', async () => {
    const s = seller();
    const [paused, renamed, activated] = await insertGigs(h.service, [
      { sellerId: s, title: 'Drifting gig one' },
      { sellerId: s, title: 'Drifting gig two' },
      { sellerId: s, title: 'Drifting gig three', status: 'PAUSED' },
    ]);
    // Another instance (here: straight into the database) pauses one, renames one, publishes one.
    const { Gig } = h.service.models;
    await Gig.updateOne({ _id: paused!._id }, { $set: { status: 'PAUSED' } }).exec();
    await Gig.updateOne({ _id: renamed!._id }, { $set: { title: 'Renamed elsewhere' } }).exec();
    await Gig.updateOne({ _id: activated!._id }, { $set: { status: 'ACTIVE' } }).exec();
    // Before any reconciliation the index still lists the first two: the page shows them as stored
    // now, leaving out the paused one (and repairing the index for both).
    expect(await found('drifting', s)).toEqual(['Renamed elsewhere']);
    expect(await found('renamed', s)).toEqual(['Renamed elsewhere']);
    // The published one arrives with the reconciliation.
    expect(await h.service.search.reconcile()).toEqual({ checked: expect.any(Number), repaired: 1 });
    expect(await found('drifting', s)).toEqual(['Drifting gig three']);
    // A pass with nothing to repair reads nothing again.
    expect((await h.service.search.reconcile()).repaired).toBe(0);
  });
});
