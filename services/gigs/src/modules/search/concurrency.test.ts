import { WorkLimit } from '@gigmart/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';
import type { GigDoc } from '../gigs/index.js';

const SEARCH = `query ($query: String) { searchGigs(query: $query, first: 5, sort: NEWEST) { totalCount edges { node { id } } } }`;

describe('concurrent searches (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  // The service's own limit, handed in so the test can hold its turns: 2 at once, 2 waiting.
  const limit = new WorkLimit({ name: 'Search', concurrency: 2, queue: 2 });
  let gig: GigDoc;
  const commands: string[] = [];

  beforeAll(async () => {
    h = await startGigsHarness('gigs_concurrency', { searchLimit: limit });
    gig = (await insertGigs(h.service, [{ sellerId: new Types.ObjectId().toHexString(), title: 'Logo design for startups' }]))[0]!;
    h.service.connection.set('debug', (collection: string, method: string) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => h?.stop());

  it('queues searches beyond the cap, refuses them beyond the line, serves everything else meanwhile', async () => {
    // Two expensive searches are running (held by the test).
    let finish!: () => void;
    const holding = new Promise<void>((resolve) => (finish = resolve));
    const held = [limit.run(() => holding), limit.run(() => holding)];

    // A third waits for a turn, and so does a fourth, whose caller then hangs up.
    const queued = h.gql<{ searchGigs: { totalCount: number } }>(SEARCH, { query: 'logo' });
    await vi.waitFor(() => expect(limit.waiting).toBe(1), { timeout: 10_000, interval: 5 });
    const caller = new AbortController();
    const leaving = fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { query: 'startups' } }),
      signal: caller.signal,
    });
    await vi.waitFor(() => expect(limit.waiting).toBe(2), { timeout: 10_000, interval: 5 });

    // The line is full: refused at once, with advice.
    const refused = await h.gql(SEARCH, { query: 'design' });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'Search is busy: try again in a moment.',
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
      }),
    ]);

    // Ordinary requests do not wait for searches.
    const one = await h.gql<{ gig: { id: string } | null; categories: unknown[] }>(
      'query ($id: ID!) { gig(id: $id) { id } categories { slug } }',
      { id: String(gig._id) },
    );
    expect(one.data!.gig!.id).toBe(String(gig._id));
    expect(one.data!.categories.length).toBeGreaterThan(0);
    expect(commands.filter((c) => c !== 'categories.find')).toEqual(['gigs.find']);

    // A waiting search whose caller left gives up its place, and never runs.
    caller.abort();
    await expect(leaving).rejects.toThrow();
    await vi.waitFor(() => expect(limit.waiting).toBe(1), { timeout: 10_000, interval: 5 });

    commands.length = 0;
    finish();
    await Promise.all(held);
    const answer = await queued;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.searchGigs.totalCount).toBe(1);
    // The queued search's page (its count comes from the search index); nothing of the one whose caller left.
    expect(commands.sort()).toEqual(['gigs.find']);
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });
});
