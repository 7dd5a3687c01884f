import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStoredWords, RETIRED_WORD_INDEXES } from './model.js';
import { GIG_FIELDS, gigInput, insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';

interface GigPayload {
  gig: {
    id: string;
    slug: string;
    status: string;
    requirements: Array<{ id: string; question: string }>;
    startingPrice: { amountCents: number };
    packages: Array<{ tier: string }>;
  } | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

const CREATE = `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { ${GIG_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation ($input: UpdateGigInput!) { updateGig(input: $input) { gig { ${GIG_FIELDS} } userErrors { field message code } } }`;
const action = (name: string) =>
  `mutation ($id: ID!) { ${name}(input: { id: $id }) { gig { id status } userErrors { field message code } } }`;

describe('gig lifecycle (gigs service over HTTP, real database)', () => {
  let h: GigsHarness;
  beforeAll(async () => {
    h = await startGigsHarness('gigs_svc');
  });
  afterAll(() => h?.stop());

  it('creates a DRAFT for a seller, refuses non-sellers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const seller = await h.member({ seller: true });
    const res = await h.gql<{ createGig: GigPayload }>(
      CREATE,
      { input: gigInput({ title: 'I will design a modern minimalist logo!' }) },
      { token: seller.token },
    );
    expect(res.errors).toBeUndefined();
    const gig = res.data!.createGig.gig!;
    expect(gig).toMatchObject({ status: 'DRAFT', slug: 'i-will-design-a-modern-minimalist-logo', startingPrice: { amountCents: 2500 } });
    expect(gig.packages.map((p) => p.tier)).toEqual(['BASIC', 'PREMIUM']);

    const again = await h.gql<{ createGig: GigPayload }>(
      CREATE,
      { input: gigInput({ title: 'I will design a modern minimalist logo!' }) },
      { token: seller.token },
    );
    expect(again.data!.createGig.gig!.slug).toMatch(/^i-will-design-a-modern-minimalist-logo-[0-9a-f]{6}$/);

    const buyer = await h.member();
    const forbidden = await h.gql(CREATE, { input: gigInput() }, { token: buyer.token });
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await h.gql(CREATE, { input: gigInput() });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('takes seller rights from the users service, not from the token', async () => {
    const stale = await h.member({ seller: false, roles: ['BUYER', 'SELLER'] });
    expect((await h.gql(CREATE, { input: gigInput() }, { token: stale.token })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const fresh = await h.member({ seller: true, roles: ['BUYER'] });
    const res = await h.gql<{ createGig: GigPayload }>(CREATE, { input: gigInput() }, { token: fresh.token });
    expect(res.data!.createGig.gig!.status).toBe('DRAFT');
  });

  it('treats a signed token of a member who does not exist as no token at all, in every mutation', async () => {
    // The token claims every role; the member directory does not know the id (a deleted account).
    const ghost = await h.stranger();
    const [active, draft] = await insertGigs(h.service, [
      { sellerId: ghost.id, status: 'ACTIVE' },
      { sellerId: ghost.id, status: 'DRAFT' },
    ]);
    const other = (await insertGigs(h.service, [{ status: 'ACTIVE' }]))[0]!;
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['createGig', CREATE, { input: gigInput() }],
      ['updateGig', UPDATE, { input: { id: String(active!._id), title: 'A title from a deleted account' } }],
      ['publishGig', action('publishGig'), { id: String(draft!._id) }],
      ['pauseGig', action('pauseGig'), { id: String(active!._id) }],
      ['archiveGig', action('archiveGig'), { id: String(other._id) }],
      ['saveGig', action('saveGig'), { id: String(other._id) }],
      ['unsaveGig', action('unsaveGig'), { id: String(other._id) }],
    ];
    const answers: Array<[string, unknown]> = [];
    for (const [name, mutation, variables] of attempts) {
      const res = await h.gql(mutation, variables, { token: ghost.token });
      answers.push([name, res.errors?.[0]?.extensions?.['code'] ?? res.data]);
    }
    expect(answers).toEqual(attempts.map(([name]) => [name, 'UNAUTHENTICATED']));
    const { Gig, SavedGig } = h.service.models;
    expect(
      (
        await Gig.find({ _id: { $in: [active!._id, draft!._id, other._id] } })
          .sort({ _id: 1 })
          .lean()
          .exec()
      ).map((g) => [g.title, g.status]),
    ).toEqual([active!, draft!, other].sort((a, b) => String(a._id).localeCompare(String(b._id))).map((g) => [g.title, g.status]));
    expect(await Gig.countDocuments({ sellerId: ghost.id }).exec()).toBe(2);
    expect(await SavedGig.countDocuments({ userId: ghost.id }).exec()).toBe(0);
  });

  it('answers a gig the caller may not see exactly like an unknown one, in every mutation', async () => {
    const owner = await h.member({ seller: true });
    const [draft, archived] = await insertGigs(h.service, [
      { sellerId: owner.id, status: 'DRAFT' },
      { sellerId: owner.id, status: 'ARCHIVED' },
    ]);
    const callers = { seller: await h.member({ seller: true }), buyer: await h.member() };
    const ids = { unknown: '0123456789abcdef01234567', malformed: 'nope', draft: String(draft!._id), archived: String(archived!._id) };
    const mutations: Array<[string, string, (id: string) => Record<string, unknown>]> = [
      ['updateGig', UPDATE, (id) => ({ input: { id, title: 'A perfectly fine new title' } })],
      ['updateGig', UPDATE, (id) => ({ input: { id, title: 'short', categorySlug: 'no-such-category' } })],
      ...['publishGig', 'pauseGig', 'archiveGig', 'saveGig', 'unsaveGig'].map(
        (name): [string, string, (id: string) => Record<string, unknown>] => [name, action(name), (id) => ({ id })],
      ),
    ];
    const notFound = { gig: null, userErrors: [{ field: ['input', 'id'], message: 'There is no such gig.', code: 'NOT_FOUND' }] };
    for (const [callerName, caller] of Object.entries(callers)) {
      for (const [name, mutation, variables] of mutations) {
        for (const [kind, id] of Object.entries(ids)) {
          const res = await h.gql<Record<string, unknown>>(mutation, variables(id), { token: caller.token });
          expect({ callerName, name, kind, answer: res.errors ?? res.data?.[name] }).toEqual({ callerName, name, kind, answer: notFound });
        }
      }
    }
    // An admin sees archived gigs (and may archive them), but not another member's draft.
    const admin = await h.member({ roles: ['BUYER', 'ADMIN'] });
    for (const name of ['publishGig', 'pauseGig', 'archiveGig']) {
      for (const id of [ids.unknown, ids.draft]) {
        const res = await h.gql<Record<string, unknown>>(action(name), { id }, { token: admin.token });
        expect(res.data?.[name]).toEqual(notFound);
      }
    }
    const { Gig, SavedGig } = h.service.models;
    expect(
      (
        await Gig.find({ _id: { $in: [draft!._id, archived!._id] } })
          .lean()
          .exec()
      )
        .map((g) => g.status)
        .sort(),
    ).toEqual(['ARCHIVED', 'DRAFT']);
    expect(await SavedGig.countDocuments({ gigId: { $in: [draft!._id, archived!._id] } }).exec()).toBe(0);
  });

  it('reports every broken rule as a user error with its field path', async () => {
    const seller = await h.member({ seller: true });
    const res = await h.gql<{ createGig: GigPayload }>(
      CREATE,
      {
        input: gigInput({
          title: 'Too short',
          categorySlug: 'no-such-category',
          tags: [],
          packages: [{ tier: 'BASIC', name: 'B', description: 'd', priceCents: 100, deliveryDays: 0 }],
        }),
      },
      { token: seller.token },
    );
    expect(res.data!.createGig.gig).toBeNull();
    const fields = res.data!.createGig.userErrors.map((e) => `${e.field?.join('.')}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.title:TOO_SHORT',
        'input.tags:TOO_SHORT',
        'input.packages.0.priceCents:INVALID',
        'input.packages.0.deliveryDays:INVALID',
        'input.categorySlug:NOT_FOUND',
      ]),
    );
  });

  it('refuses the CUSTOM tier (the tier of orders from custom offers) in createGig and updateGig with INVALID', async () => {
    const seller = await h.member({ seller: true });
    const custom = { tier: 'CUSTOM', name: 'Custom', description: 'Anything', priceCents: 5000, deliveryDays: 3 };
    const created = await h.gql<{ createGig: GigPayload }>(CREATE, { input: gigInput({ packages: [custom] }) }, { token: seller.token });
    expect(created.data!.createGig.gig).toBeNull();
    expect(created.data!.createGig.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([['input.packages.0.tier', 'INVALID']]);
    const gig = (await h.gql<{ createGig: GigPayload }>(CREATE, { input: gigInput() }, { token: seller.token })).data!.createGig.gig!;
    const updated = await h.gql<{ updateGig: GigPayload }>(UPDATE, { input: { id: gig.id, packages: [custom] } }, { token: seller.token });
    expect(updated.data!.updateGig.gig).toBeNull();
    expect(updated.data!.updateGig.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([['input.packages.0.tier', 'INVALID']]);
    expect(await h.service.models.Gig.collection.countDocuments({ 'packages.tier': 'CUSTOM' })).toBe(0);
  });

  it('updates only the given fields, keeps requirement ids, and is for the seller only', async () => {
    const seller = await h.member({ seller: true });
    const created = (await h.gql<{ createGig: GigPayload }>(CREATE, { input: gigInput() }, { token: seller.token })).data!.createGig.gig!;
    const res = await h.gql<{ updateGig: GigPayload & { gig: { title: string; tags: string[]; slug: string } } }>(
      UPDATE,
      { input: { id: created.id, title: 'A brand new title for this gig', tags: ['Logo', 'Vector'] } },
      { token: seller.token },
    );
    expect(res.errors).toBeUndefined();
    const updated = res.data!.updateGig.gig;
    expect(updated.title).toBe('A brand new title for this gig');
    expect(updated.tags).toEqual(['logo', 'vector']);
    expect(updated.slug).toBe(created.slug);
    expect(updated.requirements.map((r) => r.id)).toEqual(created.requirements.map((r) => r.id));

    const replaced = await h.gql<{ updateGig: GigPayload }>(
      UPDATE,
      {
        input: {
          id: created.id,
          requirements: [
            { question: 'Any colours you like?', required: true },
            { question: 'New?', required: false },
          ],
        },
      },
      { token: seller.token },
    );
    const reqs = replaced.data!.updateGig.gig!.requirements;
    expect(reqs[0]!.id).toBe(created.requirements[1]!.id);
    expect(created.requirements.map((r) => r.id)).not.toContain(reqs[1]!.id);

    const other = await h.member({ seller: true });
    const foreign = await h.gql(UPDATE, { input: { id: created.id, title: 'Somebody else wants this title' } }, { token: other.token });
    // A DRAFT is invisible to others: reported as missing rather than forbidden.
    expect((foreign.data as { updateGig: GigPayload }).updateGig.userErrors[0]!.code).toBe('NOT_FOUND');
    await h.gql(action('publishGig'), { id: created.id }, { token: seller.token });
    const foreignActive = await h.gql(
      UPDATE,
      { input: { id: created.id, title: 'Somebody else wants this title' } },
      { token: other.token },
    );
    expect(foreignActive.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('publishes, pauses, republishes and archives; ARCHIVED is final', async () => {
    const seller = await h.member({ seller: true });
    const admin = await h.member({ roles: ['BUYER', 'ADMIN'] });
    const noBasic = gigInput({
      packages: [{ tier: 'STANDARD', name: 'Std', description: 'Two concepts', priceCents: 5000, deliveryDays: 5 }],
    });
    const incomplete = (await h.gql<{ createGig: GigPayload }>(CREATE, { input: noBasic }, { token: seller.token })).data!.createGig.gig!;
    const refused = await h.gql<{ publishGig: GigPayload }>(action('publishGig'), { id: incomplete.id }, { token: seller.token });
    expect(refused.data!.publishGig.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'id'] });

    const id = (await h.gql<{ createGig: GigPayload }>(CREATE, { input: gigInput() }, { token: seller.token })).data!.createGig.gig!.id;
    const steps: Array<[string, string]> = [
      ['pauseGig', 'INVALID_STATE'],
      ['publishGig', 'ACTIVE'],
      ['publishGig', 'ACTIVE'],
      ['pauseGig', 'PAUSED'],
      ['publishGig', 'ACTIVE'],
    ];
    for (const [name, expected] of steps) {
      const res = await h.gql<Record<string, GigPayload>>(action(name), { id }, { token: seller.token });
      const payload = res.data![name]!;
      expect(payload.gig?.status ?? payload.userErrors[0]?.code).toBe(expected);
    }
    const buyer = await h.member();
    expect((await h.gql(action('archiveGig'), { id }, { token: buyer.token })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const archived = await h.gql<{ archiveGig: GigPayload }>(action('archiveGig'), { id }, { token: admin.token });
    expect(archived.data!.archiveGig.gig!.status).toBe('ARCHIVED');
    const after = await h.gql<{ publishGig: GigPayload }>(action('publishGig'), { id }, { token: seller.token });
    expect(after.data!.publishGig.userErrors[0]).toMatchObject({
      code: 'INVALID_STATE',
      message: 'This gig is archived and cannot be published.',
    });
    const edit = await h.gql<{ updateGig: GigPayload }>(
      UPDATE,
      { input: { id, title: 'Editing an archived gig now' } },
      { token: seller.token },
    );
    expect(edit.data!.updateGig.userErrors[0]!.code).toBe('INVALID_STATE');
  });

  it('stores every text normalized: NFC, no control or bidi-override characters; descriptions and answers keep their lines', async () => {
    const seller = await h.member({ seller: true });
    const NUL = '\u0000';
    const RLO = '\u202E';
    const decomposed = 'Cafe\u0301'; // "Café" typed as e + combining accent
    const res = await h.gql<{ createGig: GigPayload }>(
      CREATE,
      {
        input: gigInput({
          title: `I will ${NUL} design${RLO} a ${decomposed} logo \u2066for you\u2069`,
          description: `First line of the description.${NUL}\r\nSecond ${RLO}line, with a tab\there.\r\n\r\n${'A paragraph that goes on. '.repeat(5)}`,
          tags: [`lo${NUL}go`, `${RLO}brand`],
          packages: [
            {
              tier: 'BASIC',
              name: `Ba${RLO}sic`,
              description: `One${NUL} concept\nand a sketch`,
              priceCents: 2500,
              deliveryDays: 3,
              features: [`1 con${RLO}cept`],
            },
          ],
          faqs: [{ question: `Do I${NUL} own it?`, answer: `Yes.${RLO}\r\nEvery right is yours.` }],
          requirements: [{ question: `Your ${NUL}brand\nname?`, required: true }],
        }),
      },
      { token: seller.token },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createGig.gig!.id;
    const stored = await h.service.models.Gig.findById(id).lean().exec();
    expect(stored).toMatchObject({
      title: 'I will design a Caf\u00e9 logo for you',
      description: `First line of the description.\nSecond line, with a tab\there.\n\n${'A paragraph that goes on. '.repeat(5).trim()}`,
      tags: ['logo', 'brand'],
      packages: [{ name: 'Basic', description: 'One concept and a sketch', features: ['1 concept'] }],
      faqs: [{ question: 'Do I own it?', answer: 'Yes.\nEvery right is yours.' }],
      requirements: [{ question: 'Your brand name?' }],
    });
    // The search indexes the text in memory: nothing but the content is stored for it.
    for (const field of ['titleWords', 'tagWords', 'descriptionWords', 'keywords']) expect(stored).not.toHaveProperty(field);

    // An update goes through the same rules.
    const updated = await h.gql<{ updateGig: GigPayload }>(
      UPDATE,
      { input: { id, title: `A${NUL}nother ${RLO}title for the logo gig` } },
      { token: seller.token },
    );
    expect(updated.data!.updateGig.userErrors).toEqual([]);
    expect((await h.service.models.Gig.findById(id).lean().exec())!.title).toBe('Another title for the logo gig');
  });

  it('answers null for malformed and unknown ids', async () => {
    const res = await h.gql<{ a: unknown; b: unknown; c: unknown }>(
      '{ a: gig(id: "nope") { id } b: gig(id: "0123456789abcdef01234567") { id } c: gigBySlug(slug: "nope") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: null });
  });

  it('removes, once, the word lists and their indexes an earlier version stored', async () => {
    const seller = await h.member({ seller: true });
    const [gig] = await insertGigs(h.service, [{ sellerId: seller.id, title: 'A gig stored by an earlier version' }]);
    const { Gig } = h.service.models;
    const old = { titleWords: ['a', 'gig'], tagWords: ['logo'], descriptionWords: ['words'], keywords: ['a', 'gig', 'logo', 'words'] };
    await Gig.collection.updateOne({ _id: gig!._id }, { $set: old });
    for (const field of ['keywords', 'titleWords', 'tagWords']) await Gig.collection.createIndex({ [field]: 1 });

    expect(await dropStoredWords(Gig)).toBeGreaterThanOrEqual(1);
    const stored = await Gig.collection.findOne({ _id: gig!._id });
    expect(stored).toMatchObject({ title: 'A gig stored by an earlier version' });
    expect(Object.keys(stored!).filter((key) => key in old)).toEqual([]);
    const names = (await Gig.collection.indexes()).map((index) => index.name);
    expect(names.filter((name) => (RETIRED_WORD_INDEXES as readonly string[]).includes(name!))).toEqual([]);
    // Done once: the next start finds nothing to do.
    expect(await dropStoredWords(Gig)).toBe(0);
  });
});
