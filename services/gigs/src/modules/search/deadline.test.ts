import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';
import type { GigDoc } from '../gigs/index.js';

const SEARCH = `query ($query: String) { searchGigs(query: $query, first: 50) { totalCount edges { node { id } } } }`;

/**
 * 300 active gigs with 150-word descriptions: a text search reads every one of them in each of its
 * relevance tiers (FerretDB has no index for `^word` regexes), about a second per tier here.
 */
async function manyGigs(h: GigsHarness): Promise<GigDoc[]> {
  const seller = new Types.ObjectId().toHexString();
  const words = (i: number) => Array.from({ length: 150 }, (_, j) => `w${i}x${j}`).join(' ');
  return insertGigs(
    h.service.models,
    Array.from({ length: 300 }, (_, i) => ({ sellerId: seller, description: words(i) })),
  );
}

/** Records the commands the service sends (mongoose's debug hook on its connection). */
function watchCommands(h: GigsHarness): string[] {
  const commands: string[] = [];
  h.service.connection.set('debug', (collection: string, method: string) => {
    commands.push(`${collection}.${method}`);
  });
  return commands;
}

describe('a request stops when its deadline passes (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  let gigs: GigDoc[];
  beforeAll(async () => {
    h = await startGigsHarness('gigs_deadline', { requestDeadlineMs: 200 });
    gigs = await manyGigs(h);
  });
  afterAll(() => h?.stop());

  it('cuts a search whose database work would outlast the deadline, and serves ordinary requests meanwhile', async () => {
    const commands = watchCommands(h);
    const res = await h.gql(SEARCH, { query: 'zzzz' });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'This request took too long and was stopped. Try again, or ask for less.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      }),
    ]);
    expect(res.data).toBeNull();
    // Tier queries went out and the one running at the deadline was cut by the server; the rest of
    // the search (uncut: three tiers and the count) was never sent.
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThan(4);
    expect(new Set(commands)).toEqual(new Set(['gigs.find']));

    const one = await h.gql<{ gig: { id: string } | null }>('query ($id: ID!) { gig(id: $id) { id } }', { id: String(gigs[0]!._id) });
    expect(one.data!.gig!.id).toBe(String(gigs[0]!._id));
  });
});

describe('a request stops when its caller goes (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  beforeAll(async () => {
    h = await startGigsHarness('gigs_caller_gone');
    await manyGigs(h);
  });
  afterAll(() => h?.stop());

  it('sends no further database command once the client has disconnected', async () => {
    const commands = watchCommands(h);
    const client = new AbortController();
    const request = fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { query: 'zzzz' } }),
      signal: client.signal,
    });
    // The first relevance tier is on its way to the database: the client hangs up.
    await vi.waitFor(() => expect(commands).toEqual(['gigs.find']), { timeout: 10_000, interval: 5 });
    client.abort();
    await expect(request).rejects.toThrow();
    // Uncut, two more tiers and the count would follow within a few seconds; none is sent. (Waiting
    // longer than one tier takes can only let a broken cut show, never fail a working one.)
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(commands).toEqual(['gigs.find']);
    // The service answers the next caller.
    expect(
      (await h.gql<{ searchGigs: { totalCount: number } }>('{ searchGigs(first: 1, sort: NEWEST) { totalCount } }')).data!.searchGigs
        .totalCount,
    ).toBe(300);
  });
});
