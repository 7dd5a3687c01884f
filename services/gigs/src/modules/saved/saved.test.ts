import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigInput, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

const CREATE = `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { code } } }`;
const act = (name: string) => `mutation ($id: ID!) { ${name}(input: { id: $id }) { gig { id status } userErrors { field code } } }`;
const SAVED = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  savedGigs(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
const USER_GIGS = `query ($r: [_Any!]!, $status: GigStatus) { _entities(representations: $r) { ... on User {
  gigs(status: $status, first: 50) { totalCount edges { node { id status } } } } } }`;

describe('saved gigs and User.gigs (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  let seller: { id: string; token: string };
  const gigs: Record<string, string> = {};

  beforeAll(async () => {
    h = await startGigsHarness('gigs_saved');
    seller = await h.member({ seller: true });
    for (const status of ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']) {
      const id = (await h.gql<{ createGig: { gig: { id: string } } }>(CREATE, { input: gigInput() }, { token: seller.token })).data!
        .createGig.gig.id;
      if (status !== 'DRAFT') await h.gql(act('publishGig'), { id }, { token: seller.token });
      if (status === 'PAUSED') await h.gql(act('pauseGig'), { id }, { token: seller.token });
      if (status === 'ARCHIVED') await h.gql(act('archiveGig'), { id }, { token: seller.token });
      gigs[status] = id;
    }
  });
  afterAll(() => h?.stop());

  it('saves and unsaves idempotently, lists saved gigs to the member only, and drops gigs that disappear', async () => {
    const buyer = await h.member();
    const saved = async (token?: string, id = buyer.id) =>
      (
        await h.gql<{ _entities: Array<{ savedGigs: { totalCount: number; edges: Array<{ node: { id: string } }> } }> }>(
          SAVED,
          { r: [{ __typename: 'User', id }] },
          { token },
        )
      ).data!._entities[0]!.savedGigs;

    expect((await h.gql(act('saveGig'), { id: gigs['ACTIVE'] })).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 2; i += 1) {
      const res = await h.gql<{ saveGig: { gig: { id: string } } }>(act('saveGig'), { id: gigs['ACTIVE'] }, { token: buyer.token });
      expect(res.data!.saveGig.gig.id).toBe(gigs['ACTIVE']);
    }
    await h.gql(act('saveGig'), { id: gigs['PAUSED'] }, { token: buyer.token });
    const draft = await h.gql<{ saveGig: { gig: null; userErrors: Array<{ code: string }> } }>(
      act('saveGig'),
      { id: gigs['DRAFT'] },
      { token: buyer.token },
    );
    expect(draft.data!.saveGig.userErrors[0]!.code).toBe('NOT_FOUND');
    const malformed = await h.gql<{ saveGig: { userErrors: Array<{ code: string }> } }>(
      act('saveGig'),
      { id: 'nope' },
      { token: buyer.token },
    );
    expect(malformed.data!.saveGig.userErrors[0]!.code).toBe('NOT_FOUND');

    const mine = await saved(buyer.token);
    expect(mine.totalCount).toBe(2);
    expect(mine.edges.map((e) => e.node.id)).toEqual([gigs['PAUSED'], gigs['ACTIVE']]);
    expect((await saved()).totalCount).toBe(0);
    expect((await saved(seller.token)).totalCount).toBe(0);

    // Archived after being saved: gone from the list.
    const doomed = (await h.gql<{ createGig: { gig: { id: string } } }>(CREATE, { input: gigInput() }, { token: seller.token })).data!
      .createGig.gig.id;
    await h.gql(act('publishGig'), { id: doomed }, { token: seller.token });
    await h.gql(act('saveGig'), { id: doomed }, { token: buyer.token });
    expect((await saved(buyer.token)).totalCount).toBe(3);
    await h.gql(act('archiveGig'), { id: doomed }, { token: seller.token });
    expect((await saved(buyer.token)).totalCount).toBe(2);

    for (let i = 0; i < 2; i += 1) {
      const res = await h.gql<{ unsaveGig: { gig: { id: string }; userErrors: unknown[] } }>(
        act('unsaveGig'),
        { id: gigs['ACTIVE'] },
        { token: buyer.token },
      );
      expect(res.data!.unsaveGig.userErrors).toEqual([]);
    }
    expect((await saved(buyer.token)).edges.map((e) => e.node.id)).toEqual([gigs['PAUSED']]);
  });

  it('shows the member all of their gigs and others ACTIVE and PAUSED ones', async () => {
    const list = async (token?: string, status?: string) =>
      (
        await h.gql<{ _entities: Array<{ gigs: { totalCount: number; edges: Array<{ node: { status: string } }> } }> }>(
          USER_GIGS,
          { r: [{ __typename: 'User', id: seller.id }], status },
          { token },
        )
      ).data!._entities[0]!.gigs;
    const other = await h.member();
    expect((await list(seller.token)).edges.map((e) => e.node.status).sort()).toEqual([
      'ACTIVE',
      'ARCHIVED',
      'ARCHIVED',
      'DRAFT',
      'PAUSED',
    ]);
    expect((await list(other.token)).edges.map((e) => e.node.status).sort()).toEqual(['ACTIVE', 'PAUSED']);
    expect((await list()).totalCount).toBe(2);
    expect((await list(other.token, 'DRAFT')).totalCount).toBe(0);
    expect((await list(seller.token, 'DRAFT')).totalCount).toBe(1);
  });

  it('applies the visibility rules to gig(id) and to federated references', async () => {
    const other = await h.member();
    const admin = await h.member({ roles: ['BUYER', 'ADMIN'] });
    const seen = async (token?: string) => {
      const res = await h.gql<{ _entities: Array<{ id: string } | null> }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Gig { id } } }',
        {
          r: ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'].map((s) => ({ __typename: 'Gig', id: gigs[s] })),
        },
        { token },
      );
      const byId = await Promise.all(
        ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'].map(
          async (s) =>
            (await h.gql<{ gig: { id: string } | null }>('query ($id: ID!) { gig(id: $id) { id } }', { id: gigs[s] }, { token })).data!
              .gig !== null,
        ),
      );
      return { byId, references: res.data!._entities.map((g) => g !== null) };
    };
    // gig(id) keeps the contract's rule; a reference (an order's or a review's gig) resolves for
    // every status but DRAFT, so archiving a gig never breaks its orders and reviews.
    expect(await seen()).toEqual({ byId: [false, true, true, false], references: [false, true, true, true] });
    expect(await seen(other.token)).toEqual({ byId: [false, true, true, false], references: [false, true, true, true] });
    expect(await seen(seller.token)).toEqual({ byId: [true, true, true, true], references: [true, true, true, true] });
    expect(await seen(admin.token)).toEqual({ byId: [false, true, true, true], references: [false, true, true, true] });
  });
});
