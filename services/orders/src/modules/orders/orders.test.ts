import type { GigSnapshot } from '@gigmart/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, M, startOrdersHarness, type Member, type OrderView, type OrdersHarness } from '../../../test/harness.js';
import { ORDER_NUMBER_PATTERN } from './number.js';

let h: OrdersHarness;
beforeAll(async () => {
  h = await startOrdersHarness('orders');
});
afterAll(() => h?.stop());

interface Scene {
  buyer: Member;
  seller: Member;
  gig: GigSnapshot;
  order: OrderView;
}

async function placed(options: { tier?: string; gig?: Partial<GigSnapshot> } = {}): Promise<Scene> {
  const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
  const gig = h.gigs.add({ sellerId: seller.id, ...options.gig });
  const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: options.tier ?? 'BASIC' });
  return { buyer, seller, gig, order };
}

async function inProgress(options: Parameters<typeof placed>[0] = {}): Promise<Scene> {
  const scene = await placed({ ...options, gig: { requirements: [], ...options.gig } });
  return scene;
}

async function delivered(options: Parameters<typeof placed>[0] = {}): Promise<Scene> {
  const scene = await inProgress(options);
  scene.order = await h.ok(scene.seller, M.deliver, {
    orderId: scene.order.id,
    message: 'Here is your logo',
    attachments: ['https://files.example.com/logo.png'],
  });
  return scene;
}

const types = (o: OrderView) => o.events.map((e) => e.type);

describe('placeOrder', () => {
  it('snapshots the package, prices it and waits for requirements', async () => {
    const { buyer, seller, gig, order } = await placed();
    expect(order).toMatchObject({
      status: 'AWAITING_REQUIREMENTS',
      gig: { id: gig.id },
      buyer: { id: buyer.id },
      seller: { id: seller.id },
      package: {
        tier: 'BASIC',
        name: 'Basic',
        price: { amountCents: 5000, formatted: '$50.00' },
        deliveryDays: 3,
        revisions: 1,
        gigTitle: gig.title,
      },
      subtotal: { amountCents: 5000 },
      serviceFee: { amountCents: 575 },
      total: { amountCents: 5575 },
      sellerEarnings: { amountCents: 4000 },
      dueAt: null,
      isLate: false,
      revisionsUsed: 0,
      revisionsRemaining: 1,
      createdAt: h.clock.now().toISOString(),
    });
    expect(order.number).toMatch(ORDER_NUMBER_PATTERN);
    expect(order.events).toEqual([{ type: 'PLACED', actor: { id: buyer.id }, at: h.clock.now().toISOString(), note: null }]);
  });

  it('keeps the snapshot when the gig changes later', async () => {
    const { buyer, gig, order } = await placed();
    h.gigs.gigs.set(gig.id, {
      ...gig,
      title: 'Something else entirely now',
      packages: gig.packages.map((p) => ({ ...p, priceCents: 99_900 })),
    });
    const res = await h.gql<{ order: OrderView }>(M.order, { id: order.id }, { token: buyer.token });
    expect(res.data!.order.package).toMatchObject({ gigTitle: gig.title, price: { amountCents: 5000 } });
    expect(res.data!.order.total.amountCents).toBe(5575);
  });

  it('starts at once when the gig asks no requirements (PLACED, STARTED, dueAt set)', async () => {
    const { order } = await inProgress({ tier: 'STANDARD' });
    expect(order.status).toBe('IN_PROGRESS');
    expect(types(order)).toEqual(['PLACED', 'STARTED']);
    expect(order.events[1]!.actor).toBeNull();
    expect(order.dueAt).toBe(new Date(h.clock.now().getTime() + 5 * DAY).toISOString());
    expect(order).toMatchObject({ serviceFee: { amountCents: 550 }, total: { amountCents: 10_550 }, revisionsRemaining: null });
  });

  it('prices the premium package with half-up rounding', async () => {
    const { order } = await placed({ tier: 'PREMIUM' });
    // 5.5% of 25010 = 1375.55 -> 1376; 20% of 25010 = 5002.
    expect(order).toMatchObject({
      serviceFee: { amountCents: 1376 },
      total: { amountCents: 26_386 },
      sellerEarnings: { amountCents: 20_008 },
    });
  });

  it('gives unique numbers', async () => {
    const numbers = new Set<string>();
    const scene = await placed();
    numbers.add(scene.order.number);
    for (let i = 0; i < 5; i += 1) numbers.add((await h.ok(scene.buyer, M.place, { gigId: scene.gig.id, tier: 'BASIC' })).number);
    expect(numbers.size).toBe(6);
  });

  it("refuses one's own gig, an inactive or unknown gig, a missing tier, and anonymous callers", async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    const buyer = await h.member();
    const own = h.gigs.add({ sellerId: seller.id });
    const paused = h.gigs.add({ sellerId: seller.id, status: 'PAUSED' });
    const draft = h.gigs.add({ sellerId: seller.id, status: 'DRAFT' });
    const basicOnly = h.gigs.add({ sellerId: seller.id, packages: [own.packages[0]!] });
    const cases: Array<[Member, Record<string, unknown>, string[], string]> = [
      [seller, { gigId: own.id, tier: 'BASIC' }, ['input', 'gigId'], 'INVALID'],
      [buyer, { gigId: paused.id, tier: 'BASIC' }, ['input', 'gigId'], 'INVALID_STATE'],
      [buyer, { gigId: draft.id, tier: 'BASIC' }, ['input', 'gigId'], 'NOT_FOUND'],
      [buyer, { gigId: '0123456789abcdef01234567', tier: 'BASIC' }, ['input', 'gigId'], 'NOT_FOUND'],
      [buyer, { gigId: 'nope', tier: 'BASIC' }, ['input', 'gigId'], 'NOT_FOUND'],
      [buyer, { gigId: basicOnly.id, tier: 'PREMIUM' }, ['input', 'tier'], 'NOT_FOUND'],
    ];
    for (const [member, input, field, code] of cases) {
      const { payload, errors } = await h.attempt(member, M.place, input);
      expect(errors).toBeUndefined();
      expect(payload).toMatchObject({ order: null, userErrors: [{ field, code }] });
    }
    const anon = await h.gql(M.place, { input: { gigId: own.id, tier: 'BASIC' } });
    expect(anon.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const mine = await h.gql<{ myOrders: { totalCount: number } }>('{ myOrders(role: BUYER) { totalCount } }', {}, { token: buyer.token });
    expect(mine.data!.myOrders.totalCount).toBe(0);
  });

  it('returns the first order for a repeated idempotency key, also when ten requests race', async () => {
    const { buyer, gig } = await placed();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-42' })),
    );
    expect(new Set(results.map((o) => o.id)).size).toBe(1);
    const again = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-42' });
    expect(again.id).toBe(results[0]!.id);
    const mine = await h.gql<{ myOrders: { totalCount: number } }>('{ myOrders(role: BUYER) { totalCount } }', {}, { token: buyer.token });
    expect(mine.data!.myOrders.totalCount).toBe(2); // the scene's order and the keyed one
    // Another buyer may use the same key.
    const other = await h.member();
    const theirs = await h.ok(other, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-42' });
    expect(theirs.id).not.toBe(results[0]!.id);
  });

  it('refuses a key reused with a different request (another gig, another tier): INVALID on the key, no order', async () => {
    const { buyer, seller, gig } = await placed();
    const other = h.gigs.add({ sellerId: seller.id });
    const first = await h.ok(buyer, M.place, { gigId: other.id, tier: 'BASIC', idempotencyKey: 'checkout-7' });
    for (const input of [
      { gigId: gig.id, tier: 'BASIC' },
      { gigId: other.id, tier: 'PREMIUM' },
    ]) {
      const { payload, errors } = await h.attempt(buyer, M.place, { ...input, idempotencyKey: 'checkout-7' });
      expect(errors).toBeUndefined();
      expect(payload).toEqual({
        order: null,
        userErrors: [
          { field: ['input', 'idempotencyKey'], message: 'This idempotency key was already used for a different order.', code: 'INVALID' },
        ],
      });
    }
    // The same request still returns the first order, and nothing else was placed.
    expect((await h.ok(buyer, M.place, { gigId: other.id, tier: 'BASIC', idempotencyKey: 'checkout-7' })).id).toBe(first.id);
    expect(await h.service.models.Order.countDocuments({ buyerId: buyer.id }).exec()).toBe(2);
  });

  it('two requests racing with one key and different inputs: one order, the other INVALID', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { buyer, seller, gig } = await placed();
      const other = h.gigs.add({ sellerId: seller.id });
      const key = `race-${round}`;
      const inputs = Array.from({ length: 6 }, (_, i) =>
        i % 2 ? { gigId: gig.id, tier: 'BASIC' } : { gigId: other.id, tier: 'STANDARD' },
      );
      const results = await Promise.all(inputs.map((input) => h.attempt(buyer, M.place, { ...input, idempotencyKey: key })));
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      const stored = await h.service.models.Order.find({ buyerId: buyer.id, idempotencyKey: key }).lean().exec();
      expect(stored).toHaveLength(1);
      const winner = stored[0]!;
      results.forEach((r, i) => {
        const input = inputs[i]!;
        if (input.gigId === winner.gigId && input.tier === winner.package.tier) {
          expect(r.payload).toMatchObject({ order: { id: String(winner._id) }, userErrors: [] });
        } else {
          expect(r.payload).toMatchObject({ order: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID' }] });
        }
      });
    }
  });

  it('compares a reused key with orders stored before fingerprints were kept', async () => {
    const { buyer, gig } = await placed();
    const first = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'STANDARD', idempotencyKey: 'legacy-1' });
    await h.service.models.Order.updateOne({ _id: first.id }, { $unset: { requestFingerprint: 1 } }, { strict: false }).exec();
    expect((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'STANDARD', idempotencyKey: 'legacy-1' })).id).toBe(first.id);
    const { payload } = await h.attempt(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'legacy-1' });
    expect(payload).toMatchObject({ order: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID' }] });
  });

  it('places a new order without reading its key first: the unique index decides', async () => {
    const { buyer, gig } = await placed();
    // Reads by key, whatever else runs meanwhile (the relay, the answer's fields).
    const byKey: string[] = [];
    h.service.connection.set('debug', (collection: string, method: string, query: unknown) => {
      if (collection === 'orders' && method.startsWith('find') && JSON.stringify(query ?? null).includes('idempotencyKey'))
        byKey.push(method);
    });
    try {
      await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-no-read' });
      expect(byKey).toEqual([]);
      // A retry reads it: the insert lost to the first order's key.
      await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-no-read' });
      expect(byKey).toEqual(['findOne']);
    } finally {
      h.service.connection.set('debug', false);
    }
  });

  it('returns the first order to a retry after the gig stopped taking orders or the catalogue went out of reach', async () => {
    const { buyer, gig } = await placed();
    const first = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-retry' });
    h.gigs.gigs.set(gig.id, { ...gig, status: 'PAUSED' });
    expect((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-retry' })).id).toBe(first.id);
    // A new request is refused as before, and a different one reusing the key still gets INVALID on the key.
    const paused = await h.attempt(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-other' });
    expect(paused.payload).toMatchObject({ order: null, userErrors: [{ field: ['input', 'gigId'], code: 'INVALID_STATE' }] });
    const reused = await h.attempt(buyer, M.place, { gigId: gig.id, tier: 'PREMIUM', idempotencyKey: 'checkout-retry' });
    expect(reused.payload).toMatchObject({ order: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID' }] });
    await h.gigs.stop();
    try {
      expect((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-retry' })).id).toBe(first.id);
      const res = await h.gql(M.place, { input: { gigId: gig.id, tier: 'BASIC', idempotencyKey: 'checkout-new' } }, { token: buyer.token });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await h.gigs.start();
    }
  });

  it('answers SERVICE_UNAVAILABLE when the catalogue cannot be reached', async () => {
    const buyer = await h.member();
    await h.gigs.stop();
    try {
      const res = await h.gql(M.place, { input: { gigId: '0123456789abcdef01234567', tier: 'BASIC' } }, { token: buyer.token });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await h.gigs.start();
    }
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({ sellerId: seller.id });
    expect((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' })).status).toBe('AWAITING_REQUIREMENTS');
  });
});

describe('submitRequirements', () => {
  it('starts the order: REQUIREMENTS_SUBMITTED, STARTED, dueAt = start + deliveryDays', async () => {
    const { buyer, gig, order } = await placed();
    const [brand, colours] = gig.requirements;
    h.clock.advance(60_000);
    const started = await h.ok(buyer, M.submit, {
      orderId: order.id,
      answers: [
        { requirementId: colours!.id, answer: '  deep green ' },
        { requirementId: brand!.id, answer: 'Acme Bakery' },
      ],
    });
    expect(started.status).toBe('IN_PROGRESS');
    expect(types(started)).toEqual(['PLACED', 'REQUIREMENTS_SUBMITTED', 'STARTED']);
    expect(started.events[1]!.actor).toEqual({ id: buyer.id });
    expect(started.events[2]!.actor).toBeNull();
    expect(started.dueAt).toBe(new Date(h.clock.now().getTime() + 3 * DAY).toISOString());
    expect(started.requirements).toEqual([
      { question: brand!.question, answer: 'Acme Bakery' },
      { question: colours!.question, answer: 'deep green' },
    ]);
  });

  it('refuses unknown requirement ids, missing required answers, the seller and a second submission', async () => {
    const { buyer, seller, gig, order } = await placed();
    const [brand, colours] = gig.requirements;
    let r = await h.attempt(buyer, M.submit, { orderId: order.id, answers: [{ requirementId: '0123456789abcdef01234567', answer: 'x' }] });
    expect(r.payload!.userErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['input', 'answers', '0', 'requirementId'], code: 'INVALID' }),
        expect.objectContaining({ field: ['input', 'answers'], code: 'INVALID' }),
      ]),
    );
    r = await h.attempt(buyer, M.submit, { orderId: order.id, answers: [{ requirementId: colours!.id, answer: 'red' }] });
    expect(r.payload!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'answers'], code: 'INVALID' })]);
    r = await h.attempt(seller, M.submit, { orderId: order.id, answers: [{ requirementId: brand!.id, answer: 'x' }] });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await h.ok(buyer, M.submit, { orderId: order.id, answers: [{ requirementId: brand!.id, answer: 'Acme' }] });
    r = await h.attempt(buyer, M.submit, { orderId: order.id, answers: [{ requirementId: brand!.id, answer: 'Acme' }] });
    expect(r.payload).toMatchObject({ order: null, userErrors: [{ field: null, code: 'INVALID_STATE' }] });
  });
});

describe('the lifecycle', () => {
  it('delivers, revises, delivers again and completes with the full history', async () => {
    const { buyer, seller, order } = await inProgress();
    const d1 = await h.ok(seller, M.deliver, {
      orderId: order.id,
      message: 'First draft',
      attachments: ['https://files.example.com/a.png'],
    });
    expect(d1).toMatchObject({
      status: 'DELIVERED',
      deliveries: [{ message: 'First draft', attachments: ['https://files.example.com/a.png'] }],
    });
    const rev = await h.ok(buyer, M.revise, { orderId: order.id, message: 'Bigger letters please' });
    expect(rev).toMatchObject({ status: 'IN_REVISION', revisionsUsed: 1, revisionsRemaining: 0 });
    const d2 = await h.ok(seller, M.deliver, { orderId: order.id, message: 'Bigger letters' });
    expect(d2.deliveries).toHaveLength(2);
    const limit = await h.attempt(buyer, M.revise, { orderId: order.id, message: 'Again' });
    expect(limit.payload).toMatchObject({ order: null, userErrors: [{ code: 'LIMIT_REACHED' }] });
    h.clock.advance(1000);
    const done = await h.ok(buyer, M.accept, { orderId: order.id });
    expect(done).toMatchObject({ status: 'COMPLETED', completedAt: h.clock.now().toISOString(), isLate: false });
    expect(types(done)).toEqual(['PLACED', 'STARTED', 'DELIVERED', 'REVISION_REQUESTED', 'DELIVERED', 'COMPLETED']);
    expect(done.events.find((e) => e.type === 'REVISION_REQUESTED')).toMatchObject({
      actor: { id: buyer.id },
      note: 'Bigger letters please',
    });
    expect(done.events.filter((e) => e.type === 'DELIVERED').every((e) => e.actor?.id === seller.id)).toBe(true);
  });

  it('allows unlimited revisions when the package says null, and none when it says 0', async () => {
    const unlimited = await delivered({ tier: 'STANDARD' });
    for (let i = 0; i < 3; i += 1) {
      await h.ok(unlimited.buyer, M.revise, { orderId: unlimited.order.id, message: `Round ${i}` });
      await h.ok(unlimited.seller, M.deliver, { orderId: unlimited.order.id, message: `Take ${i}` });
    }
    const none = await delivered({ tier: 'PREMIUM' });
    expect(none.order.revisionsRemaining).toBe(0);
    const r = await h.attempt(none.buyer, M.revise, { orderId: none.order.id, message: 'Please' });
    expect(r.payload!.userErrors[0]!.code).toBe('LIMIT_REACHED');
  });

  it('refuses the wrong party with FORBIDDEN, a stranger with NOT_FOUND and the wrong state with INVALID_STATE', async () => {
    const { buyer, seller, order } = await inProgress();
    const stranger = await h.member();
    const admin = await h.member(['BUYER', 'ADMIN']);
    const forbidden: Array<[Member, string, Record<string, unknown>]> = [
      [buyer, M.deliver, { orderId: order.id, message: 'x' }],
      [admin, M.deliver, { orderId: order.id, message: 'x' }],
      [seller, M.accept, { orderId: order.id }],
      [seller, M.revise, { orderId: order.id, message: 'x' }],
    ];
    for (const [member, mutation, input] of forbidden) {
      const r = await h.attempt(member, mutation, input);
      expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    // An order a member cannot see is not there for them (access.test.ts has every mutation).
    for (const [mutation, input] of [
      [M.deliver, { orderId: order.id, message: 'x' }],
      [M.cancel, { orderId: order.id, reason: 'x' }],
    ] as const) {
      const r = await h.attempt(stranger, mutation, input);
      expect(r.errors).toBeUndefined();
      expect(r.payload).toMatchObject({ order: null, userErrors: [{ field: ['input', 'orderId'], code: 'NOT_FOUND' }] });
    }
    const wrongState: Array<[Member, string, Record<string, unknown>]> = [
      [buyer, M.accept, { orderId: order.id }],
      [buyer, M.revise, { orderId: order.id, message: 'x' }],
      [buyer, M.cancel, { orderId: order.id, reason: 'changed my mind' }], // IN_PROGRESS, not late
    ];
    for (const [member, mutation, input] of wrongState) {
      const r = await h.attempt(member, mutation, input);
      expect(r.errors).toBeUndefined();
      expect(r.payload).toMatchObject({ order: null, userErrors: [{ code: 'INVALID_STATE' }] });
    }
    const missing = await h.attempt(buyer, M.accept, { orderId: '0123456789abcdef01234567' });
    expect(missing.payload!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'orderId'], code: 'NOT_FOUND' })]);
    const anon = await h.gql(M.accept, { input: { orderId: order.id } });
    expect(anon.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('validates delivery input', async () => {
    const { seller, order } = await inProgress();
    const r = await h.attempt(seller, M.deliver, { orderId: order.id, message: '   ', attachments: ['ftp://x', 'not a link'] });
    expect(r.payload!.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.message', 'TOO_SHORT'],
      ['input.attachments.0', 'INVALID'],
      ['input.attachments.1', 'INVALID'],
    ]);
  });

  it('marks a late delivery late for good, and an undelivered order late while past due', async () => {
    const { buyer, seller, order } = await inProgress(); // BASIC: 3 days
    h.clock.advance(3 * DAY + 1000);
    let view = (await h.gql<{ order: OrderView }>(M.order, { id: order.id }, { token: buyer.token })).data!.order;
    expect(view.isLate).toBe(true);
    await h.ok(seller, M.deliver, { orderId: order.id, message: 'Sorry, late' });
    const done = await h.ok(buyer, M.accept, { orderId: order.id });
    expect(done.isLate).toBe(true);
    const onTime = await delivered();
    h.clock.advance(10 * DAY);
    view = (await h.gql<{ order: OrderView }>(M.order, { id: onTime.order.id }, { token: onTime.buyer.token })).data!.order;
    expect(view.isLate).toBe(false);
  });
});

describe('cancelOrder', () => {
  it('lets the buyer cancel before requirements, and in progress only once late', async () => {
    const a = await placed();
    const cancelled = await h.ok(a.buyer, M.cancel, { orderId: a.order.id, reason: 'Ordered by mistake' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: h.clock.now().toISOString() });
    expect(cancelled.events.at(-1)).toMatchObject({ type: 'CANCELLED', actor: { id: a.buyer.id }, note: 'Ordered by mistake' });

    const b = await inProgress();
    expect((await h.attempt(b.buyer, M.cancel, { orderId: b.order.id, reason: 'Too slow' })).payload!.userErrors[0]!.code).toBe(
      'INVALID_STATE',
    );
    h.clock.advance(3 * DAY + 1);
    expect((await h.ok(b.buyer, M.cancel, { orderId: b.order.id, reason: 'Too slow' })).status).toBe('CANCELLED');
  });

  it('lets the seller cancel until delivery, and an admin until completion', async () => {
    const s = await placed();
    expect((await h.ok(s.seller, M.cancel, { orderId: s.order.id, reason: 'Cannot do it' })).status).toBe('CANCELLED');
    const d = await delivered();
    expect((await h.attempt(d.seller, M.cancel, { orderId: d.order.id, reason: 'x' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
    expect((await h.attempt(d.buyer, M.cancel, { orderId: d.order.id, reason: 'x' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
    const admin = await h.member(['BUYER', 'ADMIN']);
    const byAdmin = await h.ok(admin, M.cancel, { orderId: d.order.id, reason: 'Dispute settled' });
    expect(byAdmin.events.at(-1)).toMatchObject({ type: 'CANCELLED', actor: { id: admin.id } });
    const c = await delivered();
    await h.ok(c.buyer, M.accept, { orderId: c.order.id });
    expect((await h.attempt(admin, M.cancel, { orderId: c.order.id, reason: 'x' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
    expect((await h.attempt(admin, M.cancel, { orderId: d.order.id, reason: 'x' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
  });

  it('needs a reason', async () => {
    const a = await placed();
    expect((await h.attempt(a.buyer, M.cancel, { orderId: a.order.id, reason: ' ' })).payload!.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'reason'], code: 'TOO_SHORT' }),
    ]);
  });
});

describe('concurrency', () => {
  it('twenty simultaneous acceptDelivery calls complete the order once', async () => {
    const { buyer, order } = await delivered();
    const results = await Promise.all(Array.from({ length: 20 }, () => h.attempt(buyer, M.accept, { orderId: order.id })));
    const winners = results.filter((r) => r.payload?.order);
    const losers = results.filter((r) => r.payload?.userErrors[0]?.code === 'INVALID_STATE');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const view = (await h.gql<{ order: OrderView }>(M.order, { id: order.id }, { token: buyer.token })).data!.order;
    expect(types(view).filter((t) => t === 'COMPLETED')).toHaveLength(1);
  });

  it('a delivery racing a cancellation: exactly one of the two happens', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { seller, order } = await inProgress();
      const [delivery, cancellation] = await Promise.all([
        h.attempt(seller, M.deliver, { orderId: order.id, message: 'Done' }),
        h.attempt(seller, M.cancel, { orderId: order.id, reason: 'Cannot finish' }),
      ]);
      const succeeded = [delivery, cancellation].filter((r) => r.payload?.order);
      expect(succeeded).toHaveLength(1);
      expect([delivery, cancellation].filter((r) => r.payload?.userErrors[0]?.code === 'INVALID_STATE')).toHaveLength(1);
      const view = (await h.gql<{ order: OrderView }>(M.order, { id: order.id }, { token: seller.token })).data!.order;
      const outcome = types(view).filter((t) => t === 'DELIVERED' || t === 'CANCELLED');
      expect(outcome).toHaveLength(1);
      expect(view.status).toBe(outcome[0]);
    }
  });
});

describe('visibility and myOrders', () => {
  it('shows an order to its buyer, its seller and admins only', async () => {
    const { buyer, seller, order } = await placed();
    const stranger = await h.member();
    const admin = await h.member(['BUYER', 'ADMIN']);
    for (const m of [buyer, seller, admin])
      expect((await h.gql<{ order: OrderView | null }>(M.order, { id: order.id }, { token: m.token })).data!.order?.id).toBe(order.id);
    expect((await h.gql<{ order: OrderView | null }>(M.order, { id: order.id }, { token: stranger.token })).data!.order).toBeNull();
    expect((await h.gql<{ order: OrderView | null }>(M.order, { id: order.id })).data!.order).toBeNull();
    expect((await h.gql<{ order: OrderView | null }>(M.order, { id: 'nope' }, { token: buyer.token })).data!.order).toBeNull();
    const entities = await h.gql<{ _entities: unknown[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id total { amountCents } } } }',
      { r: [{ __typename: 'Order', id: order.id }] },
      { token: stranger.token },
    );
    expect(entities.data!._entities).toEqual([null]);
  });

  it("lists the viewer's orders by role and status, newest first, page by page", async () => {
    const buyer = await h.member();
    const seller = await h.member(['BUYER', 'SELLER']);
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(1000);
      ids.push((await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' })).id);
    }
    await h.ok(seller, M.deliver, { orderId: ids[1]!, message: 'Delivered' });
    const page = async (member: Member, args: string) =>
      (
        await h.gql<{
          myOrders: {
            edges: Array<{ node: { id: string; status: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            totalCount: number;
          };
        }>(
          `query ($after: String) { myOrders(${args}, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } totalCount } }`,
          {},
          { token: member.token },
        )
      ).data!.myOrders;
    const first = await page(buyer, 'role: BUYER, first: 3');
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await h.gql<{ myOrders: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } } }>(
        'query ($after: String) { myOrders(role: BUYER, first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
        { after: first.pageInfo.endCursor },
        { token: buyer.token },
      )
    ).data!.myOrders;
    expect(second.edges.map((e) => e.node.id)).toEqual([ids[1], ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const delivered = await page(seller, 'role: SELLER, status: [DELIVERED]');
    expect(delivered.edges.map((e) => e.node.id)).toEqual([ids[1]]);
    expect((await page(seller, 'role: BUYER')).totalCount).toBe(0);
    const bad = await h.gql('{ myOrders(role: BUYER, first: 51) { totalCount } }', {}, { token: buyer.token });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const anon = await h.gql('{ myOrders(role: BUYER) { totalCount } }');
    expect(anon.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
