import { readFile } from 'node:fs/promises';
import { graphqlRequest, type GraphQLResponse } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedGigs } from '../../services/gigs/src/app.js';
import { insertGigs } from '../../services/gigs/test/harness.js';
import { isMarketplaceEmpty, seedDemo } from '../../scripts/seed/index.js';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

const GIG = `id slug title status tags startingPrice { amountCents formatted } seller { id username } category { slug parent { slug } }
  packages { tier price { amountCents } deliveryDays revisions } requirements { id question required }`;
const CREATE = `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { ${GIG} } userErrors { field message code } } }`;
const act = (name: string) => `mutation ($id: ID!) { ${name}(input: { id: $id }) { gig { id status } userErrors { field message code } } }`;
const SEARCH = `query ($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id title startingPrice { amountCents } seller { id username } category { slug } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Gig {
  id: string;
  slug: string;
  title: string;
  status: string;
  seller: { id: string; username: string };
  requirements: Array<{ id: string }>;
}
interface Search {
  searchGigs: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        slug?: string;
        title: string;
        startingPrice: { amountCents: number };
        seller: { id: string; username: string };
        category: { slug: string };
      };
    }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

let n = 0;
function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return {
    title: `I will paint a watercolour portrait of your dog ${n}`,
    description:
      'A hand-painted watercolour portrait of your dog from a photo you send. I sketch first, you approve, then I paint on cotton paper and send a high resolution scan for print.',
    categorySlug: 'illustration',
    tags: ['watercolour', 'pet portrait'],
    images: ['https://images.gigmart.example/dog.jpg'],
    packages: [
      { tier: 'BASIC', name: 'Sketch', description: 'Pencil sketch', priceCents: 1500, deliveryDays: 4, revisions: 1, features: ['1 pet'] },
      { tier: 'STANDARD', name: 'Painting', description: 'Watercolour', priceCents: 4500, deliveryDays: 7, revisions: 2 },
    ],
    requirements: [{ question: 'Send a photo of your dog', required: true }],
    ...overrides,
  };
}

describe('gigs through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  const anonymous = <T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(stack.graphqlUrl, query, variables);
  const create = async (actor: Actor, overrides: Record<string, unknown> = {}): Promise<Gig> => {
    const res = await actor.gql<{ createGig: { gig: Gig | null; userErrors: unknown[] } }>(CREATE, { input: input(overrides) });
    if (!res.data?.createGig.gig) throw new Error(`createGig failed: ${JSON.stringify(res.errors ?? res.data?.createGig.userErrors)}`);
    return res.data.createGig.gig;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    seller = await signUpSeller(stack);
    buyer = await signUp(stack);
  });
  afterAll(() => stack?.stop());

  it('lets a member who just became a seller create a gig with the token they hold; others are refused', async () => {
    const gig = await create(seller);
    expect(gig).toMatchObject({
      status: 'DRAFT',
      seller: { id: seller.id, username: seller.username },
      title: expect.stringMatching(/^I will paint/),
    });
    expect(gig.slug).toMatch(/^i-will-paint-a-watercolour-portrait-of-your-dog/);

    const forbidden = await buyer.gql(CREATE, { input: input() });
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const unauthenticated = await anonymous(CREATE, { input: input() });
    expect(unauthenticated.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const invalid = await seller.gql<{ createGig: { gig: null; userErrors: Array<{ field: string[]; code: string }> } }>(CREATE, {
      input: input({ title: 'short', images: ['http://insecure.example/a.png'] }),
    });
    expect(invalid.data!.createGig.userErrors.map((e) => `${e.field.join('.')}:${e.code}`)).toEqual([
      'input.title:TOO_SHORT',
      'input.images.0:INVALID',
    ]);
  });

  it('shows each status to the right viewers, by id, by slug and in search', async () => {
    const byStatus: Record<string, Gig> = {};
    for (const status of ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']) {
      const gig = await create(seller, { title: `A ${status.toLowerCase()} gig about visibility rules` });
      if (status !== 'DRAFT')
        expect(
          (await seller.gql<{ publishGig: { gig: { status: string } } }>(act('publishGig'), { id: gig.id })).data!.publishGig.gig.status,
        ).toBe('ACTIVE');
      if (status === 'PAUSED') await seller.gql(act('pauseGig'), { id: gig.id });
      if (status === 'ARCHIVED') await seller.gql(act('archiveGig'), { id: gig.id });
      byStatus[status] = gig;
    }
    const visible = async (viewer: Actor | null) => {
      const out: Record<string, [boolean, boolean]> = {};
      for (const [status, gig] of Object.entries(byStatus)) {
        const q = 'query ($id: ID!, $slug: String!) { gig(id: $id) { id status } gigBySlug(slug: $slug) { id } }';
        const res = viewer
          ? await viewer.gql<{ gig: unknown; gigBySlug: unknown }>(q, { id: gig.id, slug: gig.slug })
          : await anonymous<{ gig: unknown; gigBySlug: unknown }>(q, { id: gig.id, slug: gig.slug });
        expect(res.errors).toBeUndefined();
        out[status] = [res.data!.gig !== null, res.data!.gigBySlug !== null];
      }
      return out;
    };
    expect(await visible(null)).toEqual({ DRAFT: [false, false], ACTIVE: [true, true], PAUSED: [true, true], ARCHIVED: [false, false] });
    expect(await visible(buyer)).toEqual({ DRAFT: [false, false], ACTIVE: [true, true], PAUSED: [true, true], ARCHIVED: [false, false] });
    expect(await visible(seller)).toEqual({ DRAFT: [true, true], ACTIVE: [true, true], PAUSED: [true, true], ARCHIVED: [true, true] });

    const listed = await anonymous<Search>(SEARCH, { query: 'visibility', filter: { sellerId: seller.id } });
    expect(listed.data!.searchGigs.edges.map((e) => e.node.id)).toEqual([byStatus['ACTIVE']!.id]);

    const userGigs = 'query ($id: ID!) { user(id: $id) { gigs(first: 50) { totalCount edges { node { id status } } } } }';
    const seenByOthers = await buyer.gql<{ user: { gigs: { edges: Array<{ node: { status: string } }> } } }>(userGigs, { id: seller.id });
    expect(new Set(seenByOthers.data!.user.gigs.edges.map((e) => e.node.status))).toEqual(new Set(['ACTIVE', 'PAUSED']));
    const own = await seller.gql<{ me: { gigs: { edges: Array<{ node: { status: string } }> } } }>(
      '{ me { gigs(first: 50) { edges { node { status } } } } }',
    );
    expect(new Set(own.data!.me.gigs.edges.map((e) => e.node.status))).toEqual(new Set(['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']));
  });

  it('updates a gig for its seller only, keeping requirement ids', async () => {
    const gig = await create(seller);
    await seller.gql(act('publishGig'), { id: gig.id });
    const update =
      'mutation ($input: UpdateGigInput!) { updateGig(input: $input) { gig { title tags requirements { id } startingPrice { amountCents } } userErrors { field code } } }';
    const res = await seller.gql<{
      updateGig: { gig: { title: string; tags: string[]; requirements: Array<{ id: string }>; startingPrice: { amountCents: number } } };
    }>(update, {
      input: {
        id: gig.id,
        title: 'Watercolour portraits of your pets, any kind',
        packages: [{ tier: 'BASIC', name: 'Mini', description: 'Small painting', priceCents: 900, deliveryDays: 2 }],
      },
    });
    expect(res.data!.updateGig.gig).toEqual({
      title: 'Watercolour portraits of your pets, any kind',
      tags: ['watercolour', 'pet portrait'],
      requirements: gig.requirements.map((r) => ({ id: r.id })),
      startingPrice: { amountCents: 900 },
    });
    const foreign = await buyer.gql(update, { input: { id: gig.id, title: 'Trying to take over this gig' } });
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('saves and unsaves idempotently; savedGigs is for the member only', async () => {
    const gig = await create(seller);
    await seller.gql(act('publishGig'), { id: gig.id });
    expect((await anonymous(act('saveGig'), { id: gig.id })).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    await buyer.gql(act('saveGig'), { id: gig.id });
    await buyer.gql(act('saveGig'), { id: gig.id });
    const mine = await buyer.gql<{ me: { savedGigs: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>(
      '{ me { savedGigs { totalCount edges { node { id } } } } }',
    );
    expect(mine.data!.me.savedGigs).toEqual({ totalCount: 1, edges: [{ node: { id: gig.id } }] });
    const others = await seller.gql<{ user: { savedGigs: { totalCount: number } } }>(
      'query ($id: ID!) { user(id: $id) { savedGigs { totalCount } } }',
      { id: buyer.id },
    );
    expect(others.data!.user.savedGigs.totalCount).toBe(0);
    await buyer.gql(act('unsaveGig'), { id: gig.id });
    const again = await buyer.gql<{ unsaveGig: { userErrors: unknown[] } }>(act('unsaveGig'), { id: gig.id });
    expect(again.data!.unsaveGig.userErrors).toEqual([]);
    const after = await buyer.gql<{ me: { savedGigs: { totalCount: number } } }>('{ me { savedGigs { totalCount } } }');
    expect(after.data!.me.savedGigs.totalCount).toBe(0);
  });

  it('searches with every filter and sort, and pages through 100+ gigs with no duplicates or gaps', async () => {
    const pager = await signUpSeller(stack);
    // Some through the API, the volume straight into the gigs database.
    const viaApi: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const gig = await create(pager, {
        title: `Volume gig through the API number ${i}`,
        categorySlug: i % 2 ? 'logo-design' : 'seo',
        tags: ['volume'],
      });
      await pager.gql(act('publishGig'), { id: gig.id });
      viaApi.push(gig.id);
    }
    const inserted = await insertGigs(
      stack.services.gigs as unknown as StartedGigs,
      Array.from({ length: 105 }, (_, i) => ({
        sellerId: pager.id,
        title: `Volume gig inserted number ${i}`,
        tags: i % 2 ? ['volume', 'odd'] : ['volume'],
        categorySlug: i % 3 ? 'logo-design' : 'seo',
        prices: [500 + (i % 7) * 1000, 20000],
        deliveryDays: [10, 1 + (i % 9)],
        ordersCompleted: i % 4,
        rating: i % 3 === 0 ? null : { sum: (i % 5) + 1, count: 1 },
      })),
    );
    const all = [...viaApi, ...inserted.map((d) => String(d._id))].sort();
    const filter = { sellerId: pager.id };

    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_LOW_TO_HIGH', 'PRICE_HIGH_TO_LOW', 'BEST_SELLING', 'TOP_RATED']) {
      const ids: string[] = [];
      const keys: number[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 30; pages += 1) {
        const res: GraphQLResponse<Search> = await anonymous<Search>(SEARCH, { filter, sort, first: 10, after });
        expect(res.errors).toBeUndefined();
        expect(res.data!.searchGigs.totalCount).toBe(110);
        ids.push(...res.data!.searchGigs.edges.map((e) => e.node.id));
        keys.push(...res.data!.searchGigs.edges.map((e) => e.node.startingPrice.amountCents));
        if (!res.data!.searchGigs.pageInfo.hasNextPage) break;
        after = res.data!.searchGigs.pageInfo.endCursor;
      }
      expect(new Set(ids).size).toBe(110);
      expect([...ids].sort()).toEqual(all);
      if (sort === 'PRICE_LOW_TO_HIGH') expect(keys).toEqual([...keys].sort((a, b) => a - b));
      if (sort === 'PRICE_HIGH_TO_LOW') expect(keys).toEqual([...keys].sort((a, b) => b - a));
    }

    const count = async (f: Record<string, unknown>, query?: string) =>
      (await anonymous<Search>(SEARCH, { filter: { ...filter, ...f }, query, first: 1 })).data!.searchGigs.totalCount;
    const expected = (pred: (i: number) => boolean) => Array.from({ length: 105 }, (_, i) => i).filter(pred).length;
    expect(await count({ categorySlug: 'graphics-design' })).toBe(expected((i) => i % 3 !== 0) + 2);
    expect(await count({ categorySlug: 'seo' })).toBe(expected((i) => i % 3 === 0) + 3);
    expect(await count({ minPriceCents: 3000, maxPriceCents: 5000 })).toBe(expected((i) => [3, 4].includes(i % 7)));
    expect(await count({ maxDeliveryDays: 3 })).toBe(expected((i) => 1 + (i % 9) <= 3));
    expect(await count({ tags: ['volume', 'odd'] })).toBe(expected((i) => i % 2 === 1));
    expect(await count({ minRating: 4 })).toBe(expected((i) => i % 3 !== 0 && (i % 5) + 1 >= 4));
    expect(await count({}, 'through')).toBe(5);
    expect(await count({}, 'INSERT')).toBe(105);

    const top = await anonymous<Search>(SEARCH, { filter, sort: 'TOP_RATED', first: 50 });
    expect(top.data!.searchGigs.edges[0]!.node.seller).toEqual({ id: pager.id, username: pager.username });
  });

  it('answers null for malformed ids and BAD_USER_INPUT for a bad page size or cursor', async () => {
    const res = await anonymous<{ gig: unknown; user: unknown }>('{ gig(id: "nope") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.gig).toBeNull();
    expect((await anonymous(SEARCH, { first: 51 })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await anonymous(SEARCH, { first: 0 })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await anonymous(SEARCH, { after: 'garbage' })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('the demo seed (npm run seed) through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Two full runs from one address in a minute exceed the default per-client rate limit.
    stack = await startTestStack({ gatewayEnv: { RATE_LIMIT_PER_MINUTE: '5000' } });
  });
  afterAll(() => stack?.stop());

  it(
    'fills an empty marketplace with 12+ sellers and 60+ published gigs across categories, idempotently',
    { timeout: 300_000 },
    async () => {
      expect(await isMarketplaceEmpty(stack.graphqlUrl)).toBe(true);
      const lines: string[] = [];
      const world = await seedDemo(stack.graphqlUrl, (line) => lines.push(line));
      expect(world.sellers.length).toBeGreaterThanOrEqual(12);
      expect(world.gigs.length).toBeGreaterThanOrEqual(60);
      expect(world.gigs.every((g) => g.status === 'ACTIVE' && g.created)).toBe(true);
      expect(new Set(world.gigs.map((g) => g.categorySlug)).size).toBeGreaterThanOrEqual(20);
      expect(await isMarketplaceEmpty(stack.graphqlUrl)).toBe(false);

      const again = await seedDemo(stack.graphqlUrl, () => {});
      expect(again.gigs.map((g) => g.id)).toEqual(world.gigs.map((g) => g.id));
      expect(again.sellers.map((s) => s.id)).toEqual(world.sellers.map((s) => s.id));
      expect(again.gigs.some((g) => g.created)).toBe(false);

      const search = await graphqlRequest<Search>(stack.graphqlUrl, SEARCH, { query: 'logo', first: 50 });
      expect(search.data!.searchGigs.totalCount).toBeGreaterThan(0);
      const profile = await graphqlRequest<{ user: { isSeller: boolean; sellerProfile: { headline: string } | null; country: string } }>(
        stack.graphqlUrl,
        'query ($id: ID!) { user(id: $id) { isSeller sellerProfile { headline } country } }',
        { id: world.sellers[0]!.id },
      );
      expect(profile.data!.user).toMatchObject({ isSeller: true, country: 'DE', sellerProfile: { headline: expect.any(String) } });
      const all = await graphqlRequest<Search>(stack.graphqlUrl, SEARCH, { first: 1 });
      expect(all.data!.searchGigs.totalCount).toBe(60);
      // Pictures made at seed time and uploaded: served by the marketplace itself, no other host.
      const pictured = await graphqlRequest<{ gig: { images: string[]; gallery: Array<{ id: string }> } }>(
        stack.graphqlUrl,
        'query ($id: ID!) { gig(id: $id) { images gallery { id } } }',
        { id: world.gigs[0]!.id },
      );
      expect(pictured.data!.gig.gallery).toHaveLength(1);
      expect(pictured.data!.gig.images[0]!.startsWith(stack.gatewayUrl)).toBe(true);
      const picture = await fetch(pictured.data!.gig.images[0]!);
      expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/webp']);
      const avatar = await graphqlRequest<{ user: { avatarUrl: string | null } }>(
        stack.graphqlUrl,
        'query ($id: ID!) { user(id: $id) { avatarUrl } }',
        {
          id: world.sellers[0]!.id,
        },
      );
      expect(avatar.data!.user.avatarUrl?.startsWith(stack.gatewayUrl)).toBe(true);

      // The README's copyable search (filters, then the next page with the first page's cursor) works on the seeded data.
      const readme = await readFile(new URL('../../services/gigs/README.md', import.meta.url), 'utf8');
      const bodies = [...readme.matchAll(/-d '(\{[\s\S]*?\})'/g)].map(
        (m) => JSON.parse(m[1]!) as { query: string; variables: Record<string, unknown> },
      );
      expect(bodies).toHaveLength(2);
      const first = await graphqlRequest<Search>(stack.graphqlUrl, bodies[0]!.query, bodies[0]!.variables);
      expect(first.errors).toBeUndefined();
      expect(first.data!.searchGigs.edges).toHaveLength(2);
      expect(first.data!.searchGigs.pageInfo.hasNextPage).toBe(true);
      const second = await graphqlRequest<Search>(stack.graphqlUrl, bodies[1]!.query, {
        ...bodies[1]!.variables,
        after: first.data!.searchGigs.pageInfo.endCursor,
      });
      expect(second.errors).toBeUndefined();
      expect(second.data!.searchGigs.edges.length).toBeGreaterThan(0);
      expect(second.data!.searchGigs.edges.map((e) => e.node.slug)).not.toContain(first.data!.searchGigs.edges[0]!.node.slug);
    },
  );
});
