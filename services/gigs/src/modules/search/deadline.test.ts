import { WorkLimit } from '@gigmart/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';
import type { GigDoc } from '../gigs/index.js';

const SEARCH = `query ($query: String) { searchGigs(query: $query, first: 50) { totalCount edges { node { id } } } }`;

/**
 * Searches run in this process's index and read only their page's gigs, so what can outlast a
 * request's deadline is the wait for a turn of the search limit (limit.ts) while other searches
 * hold it: the deadline takes the waiting search out of the line, and it never runs.
 */
describe('a search stops when its deadline passes (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  let gigs: GigDoc[];
  const limit = new WorkLimit({ name: 'Search', concurrency: 1, queue: 4 });
  const commands: string[] = [];

  beforeAll(async () => {
    h = await startGigsHarness('gigs_deadline', { requestDeadlineMs: 200, searchLimit: limit });
    gigs = await insertGigs(h.service, [{ sellerId: new Types.ObjectId().toHexString(), title: 'Logo design for startups' }]);
    h.service.connection.set('debug', (collection: string, method: string) => {
      commands.push(`${collection}.${method}`);
    });
  });
  afterAll(() => h?.stop());

  it('stops a search still waiting for a turn at its deadline, and serves ordinary requests meanwhile', async () => {
    let finish!: () => void;
    const held = limit.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const res = await h.gql(SEARCH, { query: 'logo' });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'This request took too long and was stopped. Try again, or ask for less.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      }),
    ]);
    expect(res.data).toBeNull();
    expect(limit.waiting).toBe(0);
    // It never ran: no database command.
    expect(commands).toEqual([]);

    const one = await h.gql<{ gig: { id: string } | null }>('query ($id: ID!) { gig(id: $id) { id } }', { id: String(gigs[0]!._id) });
    expect(one.data!.gig!.id).toBe(String(gigs[0]!._id));

    finish();
    await held;
    const after = await h.gql<{ searchGigs: { totalCount: number } }>(SEARCH, { query: 'logo' });
    expect(after.data!.searchGigs.totalCount).toBe(1);
  });
});
