import { lookupGigs } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigInput, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

interface Extra {
  id: string;
  kind: string;
  title: string;
  description: string | null;
  price: { amountCents: number };
  days: number;
}
interface Payload {
  gig: { id: string; extras: Extra[] } | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

const FIELDS = 'gig { id extras { id kind title description price { amountCents } days } } userErrors { field message code }';
const CREATE = `mutation ($input: CreateGigInput!) { createGig(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateGigInput!) { updateGig(input: $input) { ${FIELDS} } }`;

const fast = { kind: 'EXTRA_FAST_DELIVERY', title: 'Express delivery', priceCents: 2000, days: 1 };
const revision = { kind: 'ADDITIONAL_REVISION', title: 'One more revision', priceCents: 500, days: 0 };
const source = { kind: 'CUSTOM', title: 'Source file', description: 'The vector file.', priceCents: 1500, days: 2 };

describe('gig extras (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  let seller: { id: string; token: string };
  beforeAll(async () => {
    h = await startGigsHarness('gigs_extras');
    seller = await h.member({ seller: true });
  });
  afterAll(() => h?.stop());

  const create = async (extras: unknown[]) =>
    (await h.gql<{ createGig: Payload }>(CREATE, { input: gigInput({ extras }) }, { token: seller.token })).data!.createGig;

  it('creates a gig with extras, keeps ids named on update, drops the ones left out, and the lookup carries them', async () => {
    const created = await create([fast, revision, source]);
    expect(created.userErrors).toEqual([]);
    const [f, r, s] = created.gig!.extras;
    expect(created.gig!.extras.map((e) => [e.kind, e.price.amountCents, e.days])).toEqual([
      ['EXTRA_FAST_DELIVERY', 2000, 1],
      ['ADDITIONAL_REVISION', 500, 0],
      ['CUSTOM', 1500, 2],
    ]);
    expect(s!.description).toBe('The vector file.');
    expect(f!.description).toBeNull();

    // An update without extras keeps them as they are.
    const renamed = await h.gql<{ updateGig: Payload }>(
      UPDATE,
      { input: { id: created.gig!.id, title: 'A title that leaves the extras alone' } },
      { token: seller.token },
    );
    expect(renamed.data!.updateGig.gig!.extras.map((e) => e.id)).toEqual([f!.id, r!.id, s!.id]);

    // A list replaces them: the named id is kept, a new one made, the fast one gone.
    const updated = await h.gql<{ updateGig: Payload }>(
      UPDATE,
      { input: { id: created.gig!.id, extras: [{ ...source, id: s!.id, priceCents: 1800 }, { ...revision }] } },
      { token: seller.token },
    );
    expect(updated.data!.updateGig.userErrors).toEqual([]);
    const extras = updated.data!.updateGig.gig!.extras;
    expect(extras[0]).toMatchObject({ id: s!.id, price: { amountCents: 1800 } });
    expect(extras[1]!.id).not.toBe(r!.id);

    const [snapshot] = await lookupGigs(h.url, [created.gig!.id], { serviceToken: TEST_SERVICE_TOKEN });
    expect(snapshot!.extras).toEqual([
      { id: s!.id, kind: 'CUSTOM', title: 'Source file', description: 'The vector file.', priceCents: 1800, days: 2 },
      { id: extras[1]!.id, kind: 'ADDITIONAL_REVISION', title: 'One more revision', description: null, priceCents: 500, days: 0 },
    ]);
  });

  it('refuses every broken extra rule at once, and changes nothing', async () => {
    const broken = await create([
      { ...fast, days: 3 }, // not fewer than the BASIC package's 3 days
      { ...fast, days: 1 }, // a second fast delivery
      { ...revision, days: 1 }, // a revision adds no days
      { ...revision }, // a second revision extra
      { ...source, days: 31 },
      { ...source, title: 'ab', priceCents: 499 },
      { ...source, priceCents: 500_001, description: 'x'.repeat(301) },
    ]);
    expect(broken.gig).toBeNull();
    const byField = broken.userErrors.map((e) => [e.field?.slice(2).join('.'), e.code]);
    expect(byField).toEqual(
      expect.arrayContaining([
        ['0.days', 'INVALID'],
        ['1.kind', 'TAKEN'],
        ['2.days', 'INVALID'],
        ['3.kind', 'TAKEN'],
        ['4.days', 'INVALID'],
        ['5.title', 'TOO_SHORT'],
        ['5.priceCents', 'INVALID'],
        ['6.priceCents', 'INVALID'],
        ['6.description', 'TOO_LONG'],
      ]),
    );
    expect(broken.userErrors).toHaveLength(9);
    const eleven = await create(Array.from({ length: 11 }, (_, i) => ({ ...source, title: `Add-on ${i}` })));
    expect(eleven.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'extras'], 'TOO_LONG']]);
    expect(await h.service.models.Gig.countDocuments({ sellerId: seller.id, 'extras.4': { $exists: true } })).toBe(0);
  });

  it('checks fast delivery against new packages and refuses an id that is not one of the gig extras', async () => {
    const created = await create([fast]);
    const id = created.gig!.id;
    const slower = await h.gql<{ updateGig: Payload }>(
      UPDATE,
      {
        input: {
          id,
          packages: [{ tier: 'BASIC', name: 'Basic', description: 'One concept', priceCents: 2500, deliveryDays: 1, features: [] }],
        },
      },
      { token: seller.token },
    );
    expect(slower.data!.updateGig.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'extras', '0', 'days'], 'INVALID']]);

    const other = await create([source]);
    const stolen = await h.gql<{ updateGig: Payload }>(
      UPDATE,
      { input: { id, extras: [{ ...source, id: other.gig!.extras[0]!.id }] } },
      { token: seller.token },
    );
    expect(stolen.data!.updateGig.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'extras', '0', 'id'], 'NOT_FOUND']]);
    const [snapshot] = await lookupGigs(h.url, [id], { serviceToken: TEST_SERVICE_TOKEN });
    expect(snapshot!.extras!.map((e) => e.id)).toEqual([created.gig!.extras[0]!.id]);
  });
});
