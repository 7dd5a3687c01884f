import { lookupGigs, SERVICE_TOKEN_HEADER, GIG_LOOKUP_ROUTE } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigInput, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

const CREATE = `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id requirements { id } } userErrors { code } } }`;

describe('POST /internal/gigs/lookup', () => {
  let h: GigsHarness;
  let seller: { id: string; token: string };
  beforeAll(async () => {
    h = await startGigsHarness('gigs_internal');
    seller = await h.member({ seller: true });
  });
  afterAll(() => h?.stop());

  it('returns snapshots in any status, leaves unknown and malformed ids out, and keeps requirement ids across updates', async () => {
    const created = await h.gql<{ createGig: { gig: { id: string; requirements: { id: string }[] } } }>(
      CREATE,
      { input: gigInput() },
      { token: seller.token },
    );
    const { id, requirements } = created.data!.createGig.gig;
    await h.gql(
      'mutation ($input: UpdateGigInput!) { updateGig(input: $input) { userErrors { code } } }',
      {
        input: { id, title: 'A new title that changes nothing else' },
      },
      { token: seller.token },
    );

    const gigs = await lookupGigs(h.url, [id, 'nope', '0123456789abcdef01234567', id], { serviceToken: TEST_SERVICE_TOKEN });
    expect(gigs).toHaveLength(1);
    expect(gigs[0]).toMatchObject({
      id,
      status: 'DRAFT',
      sellerId: seller.id,
      title: 'A new title that changes nothing else',
      packages: [
        { tier: 'BASIC', priceCents: 2500, deliveryDays: 3, revisions: 2, features: ['1 concept'] },
        { tier: 'PREMIUM', priceCents: 9900, deliveryDays: 7, revisions: null },
      ],
      requirements: [
        { id: requirements[0]!.id, question: 'What is your brand name?', required: true },
        { id: requirements[1]!.id, required: false },
      ],
    });
    expect(gigs[0]!.categoryId).toMatch(/^[0-9a-f]{24}$/);
    expect(gigs[0]!.slug).toMatch(/^i-will-design/);
  });

  it('refuses callers without the service credential and malformed bodies', async () => {
    const url = new URL(GIG_LOOKUP_ROUTE, h.url);
    const noToken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids":[]}' });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: 'x'.repeat(46) },
      body: '{"ids":[]}',
    });
    expect(wrong.status).toBe(401);
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
      body: '{"ids":"x"}',
    });
    expect(bad.status).toBe(400);
  });
});
