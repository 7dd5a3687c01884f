import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

const SEARCH = `query ($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) { totalCount edges { node { id title } } }
}`;

interface Page {
  searchGigs: { totalCount: number; edges: Array<{ node: { id: string; title: string } }> };
}

describe('what a search may ask (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  const seller = new Types.ObjectId().toHexString();
  let commands: string[] = [];
  const long = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft';

  beforeAll(async () => {
    h = await startGigsHarness('gigs_search_limits');
    await insertGigs(h.service, [
      { sellerId: seller, title: `A logo for the ${long}`, tags: ['logo'] },
      { sellerId: seller, title: 'Watercolour portrait of your dog', tags: ['portrait'] },
      { sellerId: seller, title: 'Logo design, vector files included', tags: ['logo', 'vector'] },
    ]);
    // Mongoose's debug hook, on this service's connection only: one call per command it sends.
    h.service.connection.set('debug', (collection: string, method: string) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => h?.stop());

  const refusal = (res: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => ({
    code: res.errors?.[0]?.extensions?.['code'],
    message: res.errors?.[0]?.message,
  });

  it('answers a 90,000-character word and a 60,000-character query at once with BAD_USER_INPUT, asking the database nothing', async () => {
    commands = [];
    const [word, query] = await Promise.all([
      h.gql<Page>(SEARCH, { query: 'a'.repeat(90_000) }),
      h.gql<Page>(SEARCH, { query: 'logo design '.repeat(5_000) }),
    ]);
    const tooLong = { code: 'BAD_USER_INPUT', message: 'The search query must be at most 200 characters.' };
    expect(refusal(word)).toEqual(tooLong);
    expect(refusal(query)).toEqual(tooLong);
    expect(commands).toEqual([]);
  });

  it('takes up to 200 characters and 8 distinct words; more words are refused', async () => {
    const eight = 'logo logo LOGO a b c d e f g';
    const ok = await h.gql<Page>(SEARCH, { query: eight, filter: { sellerId: seller } });
    expect(ok.errors).toBeUndefined();
    const edge = await h.gql<Page>(SEARCH, { query: `logo ${'x'.repeat(195)}`, filter: { sellerId: seller } });
    expect(edge.errors).toBeUndefined();
    expect(refusal(await h.gql(SEARCH, { query: 'x'.repeat(201) }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The search query must be at most 200 characters.',
    });
    commands = [];
    expect(refusal(await h.gql(SEARCH, { query: 'a b c d e f g h i' }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Search for at most 8 words.',
    });
    expect(commands).toEqual([]);
  });

  it('compares words on their first 40 characters, as the index keeps them', async () => {
    const titles = async (query: string) =>
      (await h.gql<Page>(SEARCH, { query, filter: { sellerId: seller } })).data!.searchGigs.edges.map((e) => e.node.title);
    expect(await titles(long)).toEqual([`A logo for the ${long}`]);
    expect(await titles(long.slice(0, 40))).toEqual([`A logo for the ${long}`]);
    expect(await titles(`${long.slice(0, 40)}xyz`)).toEqual([`A logo for the ${long}`]);
    // One edit within the 40 characters is a typo forgiven; two are not.
    expect(await titles(`${long.slice(0, 39)}x`)).toEqual([`A logo for the ${long}`]);
    expect(await titles(`${long.slice(0, 38)}xx`)).toEqual([]);
  });

  it('bounds the filter and the cursor before asking the database anything', async () => {
    commands = [];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ filter: { categorySlug: 'x'.repeat(101) } }, 'The category slug must be at most 100 characters.'],
      [{ filter: { tags: ['a', 'b', 'c', 'd', 'e', 'f'] } }, 'Filter by at most 5 tags.'],
      [{ filter: { tags: ['x'.repeat(31)] } }, 'A tag must be at most 30 characters.'],
      [{ filter: { tags: ['x'.repeat(100_000)] } }, 'A tag must be at most 30 characters.'],
      [{ filter: { tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) } }, 'Filter by at most 5 tags.'],
      [{ after: 'x'.repeat(100_000) }, 'The "after" cursor is not valid for this list and sort.'],
    ];
    for (const [variables, message] of cases) {
      expect(refusal(await h.gql(SEARCH, variables))).toEqual({ code: 'BAD_USER_INPUT', message });
    }
    expect(commands).toEqual([]);
    // Several problems at once are all named.
    const both = await h.gql(SEARCH, { query: 'x'.repeat(201), filter: { tags: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    expect(refusal(both)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The search query must be at most 200 characters. Filter by at most 5 tags.',
    });
    // Within the bounds: the same tags, any case, once each.
    const tagged = await h.gql<Page>(SEARCH, { filter: { sellerId: seller, tags: ['Logo', 'logo', ' LOGO ', 'vector'] } });
    expect(tagged.data!.searchGigs.edges.map((e) => e.node.title)).toEqual(['Logo design, vector files included']);
  });

  it('answers null for a slug no gig can have without asking the database', async () => {
    commands = [];
    const res = await h.gql<{ gigBySlug: unknown }>('query ($slug: String!) { gigBySlug(slug: $slug) { id } }', {
      slug: 'x'.repeat(100_000),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.gigBySlug).toBeNull();
    expect(commands).toEqual([]);
  });
});
