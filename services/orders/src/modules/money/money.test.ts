import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { moneyClient, type MoneyClient } from '../../../test/money.js';
import { R } from '../../../test/resolution.js';

/**
 * Tips, the ledger, balances and withdrawals (orders.money.graphql) over HTTP on the real database:
 * the flows, every bad input and race of the issue, each refusal changing nothing.
 */

let h: OrdersHarness;
let m: MoneyClient;
let admin: Member;
beforeAll(async () => {
  h = await startOrdersHarness('money', { events: { relay: false }, ledgerSweepIntervalMs: 0 });
  m = moneyClient(h);
  admin = await h.member(['BUYER', 'ADMIN']);
});
afterAll(() => h?.stop());

describe('ledger and balances', () => {
  it('writes ORDER_EARNING at completion (extras included), pending for 14 days, then available', async () => {
    const stranger = await h.member(['BUYER', 'SELLER']);
    const scene = await m.started('STANDARD');
    const custom = scene.gig.extras![2]!;
    await m.ok(scene.buyer, R.buyExtras, { orderId: scene.order.id, extras: [{ extraId: custom.id, quantity: 1 }] });
    await m.ok(scene.seller, R.deliver, { orderId: scene.order.id, message: 'Done' });
    const completedAt = h.clock.now();
    const done = await m.ok(scene.buyer, R.accept, { orderId: scene.order.id });
    // 10000 + 1500 = 11500; less 20% = 9200.
    expect(done.sellerEarnings.amountCents).toBe(9200);
    const [line] = await m.ledger(scene.seller);
    expect(line).toMatchObject({
      kind: 'ORDER_EARNING',
      amount: { amountCents: 9200 },
      order: { id: scene.order.id },
      withdrawal: null,
      availableAt: new Date(completedAt.getTime() + 14 * DAY).toISOString(),
    });
    expect(await m.balances(scene.seller)).toEqual({ pendingClearance: 9200, available: 0, withdrawn: 0, lifetime: 9200, cleared: 0 });
    h.clock.advance(14 * DAY - 1);
    expect((await m.balances(scene.seller)).available).toBe(0);
    h.clock.advance(1);
    expect(await m.balances(scene.seller)).toEqual({ pendingClearance: 0, available: 9200, withdrawn: 0, lifetime: 9200, cleared: 9200 });
    // Only the member themself sees their earnings; nobody else's ledger lines by reference.
    const other = await h.gql<{ _entities: Array<{ sellerEarnings: unknown }> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { sellerEarnings { available { amountCents } } } } }`,
      { r: [{ __typename: 'User', id: scene.seller.id }] },
      { token: scene.buyer.token },
    );
    expect(other.data!._entities[0]!.sellerEarnings).toBeNull();
    const byRef = await h.gql<{ _entities: unknown[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on LedgerEntry { id kind } } }`,
      { r: [{ __typename: 'LedgerEntry', id: line!.id }] },
      { token: stranger.token },
    );
    expect(byRef.data!._entities).toEqual([null]);
    const own = await h.gql<{ _entities: unknown[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on LedgerEntry { id kind } } }`,
      { r: [{ __typename: 'LedgerEntry', id: line!.id }] },
      { token: scene.seller.token },
    );
    expect(own.data!._entities).toEqual([{ id: line!.id, kind: 'ORDER_EARNING' }]);
  });

  it('a partial refund before completion is deducted from the ORDER_EARNING; a cancelled order writes nothing', async () => {
    const scene = await m.delivered('STANDARD');
    const offered = await m.ok(scene.seller, R.offerPartialRefund, { orderId: scene.order.id, percent: 25 });
    await m.ok(scene.buyer, R.answerPartialRefund, { requestId: offered.partialRefundOffers[0]!.id, accept: true });
    // 10000 - 2500 = 7500; less 20% = 6000.
    expect((await m.ledger(scene.seller)).map((l) => [l.kind, l.amount.amountCents])).toEqual([['ORDER_EARNING', 6000]]);
    const cancelled = await m.started('STANDARD');
    await m.ok(cancelled.seller, R.cancelOrder, { orderId: cancelled.order.id, reason: 'Cannot do it' });
    expect(await m.ledger(cancelled.seller)).toEqual([]);
  });

  it('a dispute after completion holds the earnings; a refund outcome lands as a REFUND on the pending credit', async () => {
    const { buyer, seller, order } = await m.completed('STANDARD');
    await m.ok(buyer, R.openDispute, { orderId: order.id, reason: 'Not what was promised in the gig' });
    h.clock.advance(20 * DAY); // past its availableAt: still pending while the dispute is OPEN
    expect(await m.balances(seller)).toEqual({ pendingClearance: 8000, available: 0, withdrawn: 0, lifetime: 8000, cleared: 0 });
    expect((await m.withdraw(seller, { amountCents: 1000 })).errors).toEqual([['input.amountCents', 'INVALID']]);
    await m.ok(admin, R.resolveDispute, { orderId: order.id, outcome: 'PARTIAL_REFUND', refundPercent: 50, note: 'Half done' });
    const lines = await m.ledger(seller);
    expect(lines.map((l) => [l.kind, l.amount.amountCents, l.availableAt === null])).toEqual([
      ['REFUND', -4000, true],
      ['ORDER_EARNING', 8000, false],
    ]);
    expect(await m.balances(seller)).toEqual({ pendingClearance: 0, available: 4000, withdrawn: 0, lifetime: 4000, cleared: 4000 });

    // Cancelled by the dispute: the whole earning comes back out, before it cleared.
    const other = await m.completed('BASIC');
    await m.ok(other.seller, R.openDispute, { orderId: other.order.id, reason: 'The buyer vanished without a word' });
    await m.ok(admin, R.resolveDispute, { orderId: other.order.id, outcome: 'CANCEL', note: 'Refunded' });
    expect(await m.balances(other.seller)).toEqual({ pendingClearance: 0, available: 0, withdrawn: 0, lifetime: 0, cleared: 0 });
    h.clock.advance(20 * DAY);
    expect(await m.balances(other.seller)).toEqual({ pendingClearance: 0, available: 0, withdrawn: 0, lifetime: 0, cleared: 0 });
  });

  it('no dispute once the earnings cleared', async () => {
    const { buyer, order } = await m.completed('BASIC');
    h.clock.advance(14 * DAY);
    expect(await m.refused(buyer, R.openDispute, { orderId: order.id, reason: 'Too late now for a dispute here' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
  });

  it('pages the ledger newest first with opaque cursors, ties broken by id', async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    // Five completions at the same instant (ties on createdAt), then two later.
    for (let i = 0; i < 5; i += 1) await m.completed('BASIC', seller);
    h.clock.advance(1000);
    for (let i = 0; i < 2; i += 1) await m.completed('BASIC', seller);
    const all = await m.ledger(seller);
    expect(all).toHaveLength(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await m.ledgerPage(seller, 2, after);
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(after).not.toContain(seen.at(-1)); // opaque: not the id itself
    }
    expect(seen).toEqual(all.map((l) => l.id));
    const times = all.map((l) => Date.parse(l.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const bad = await h.gql(Q_LEDGER_FIRST, { r: [{ __typename: 'User', id: seller.id }], first: 51 }, { token: seller.token });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

const Q_LEDGER_FIRST = `query ($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on User { sellerEarnings { ledger(first: $first) { totalCount } } } } }`;

describe('tips', () => {
  it('the buyer tips once: a TIP charge with its own fee, the TIP_EARNING available at once', async () => {
    const { buyer, seller, order } = await m.completed('STANDARD');
    const before = await m.view(buyer, order.id);
    expect(before.viewerActions).toContain('TIP');
    const { payload } = await m.tip(buyer, { orderId: order.id, amountCents: 2000, idempotencyKey: 'tip-1' });
    expect(payload!.userErrors).toEqual([]);
    // 2000: fee 5.5% = 110 + 300 (small charge); the seller earns 80% = 1600.
    expect(payload!.order!.tip).toMatchObject({ amount: { amountCents: 2000 }, sellerEarnings: { amountCents: 1600 } });
    expect(payload!.order!.charges.at(-1)).toEqual({
      kind: 'TIP',
      subtotal: { amountCents: 2000 },
      serviceFee: { amountCents: 410 },
      total: { amountCents: 2410 },
    });
    expect(payload!.order!.events.at(-1)!.type).toBe('TIPPED');
    expect(payload!.order!.viewerActions).not.toContain('TIP');
    // The order's own amounts stay those of what was bought.
    const after = await m.view(buyer, order.id);
    expect(after.total).toEqual(before.total);
    expect(await m.balances(seller)).toEqual({ pendingClearance: 8000, available: 1600, withdrawn: 0, lifetime: 9600, cleared: 1600 });
    expect((await m.ledger(seller)).map((l) => [l.kind, l.amount.amountCents, l.availableAt])).toEqual([
      ['TIP_EARNING', 1600, h.clock.now().toISOString()],
      ['ORDER_EARNING', 8000, new Date(h.clock.now().getTime() + 14 * DAY).toISOString()],
    ]);
    // The same key and input again: the first answer; with another amount: INVALID on the key.
    const again = await m.tip(buyer, { orderId: order.id, amountCents: 2000, idempotencyKey: 'tip-1' });
    expect(again.payload!.userErrors).toEqual([]);
    expect(again.payload!.order!.tip!.amount.amountCents).toBe(2000);
    const reused = await m.tip(buyer, { orderId: order.id, amountCents: 2500, idempotencyKey: 'tip-1' });
    expect(reused.payload!.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([['input.idempotencyKey', 'INVALID']]);
    expect((await m.ledger(seller)).filter((l) => l.kind === 'TIP_EARNING')).toHaveLength(1);
  });

  it('refuses a tip by the seller, twice, after 7 days, under $5, above the cap, on a cancelled order, unsigned', async () => {
    const { buyer, seller, order } = await m.completed('BASIC');
    const refusal = async (member: Member, input: Record<string, unknown>) => {
      const { payload, code } = await m.tip(member, input);
      if (code) return code;
      expect(payload!.order).toBeNull();
      return payload!.userErrors.map((e) => [e.field?.join('.') ?? null, e.code]);
    };
    expect(await refusal(seller, { orderId: order.id, amountCents: 1000 })).toBe('FORBIDDEN');
    expect(await refusal(buyer, { orderId: order.id, amountCents: 499 })).toEqual([['input.amountCents', 'INVALID']]);
    // BASIC: subtotal 5000 is the cap (more than $25).
    expect(await refusal(buyer, { orderId: order.id, amountCents: 5001 })).toEqual([['input.amountCents', 'INVALID']]);
    expect(await refusal(buyer, { orderId: 'nope', amountCents: 1000 })).toEqual([['input.orderId', 'NOT_FOUND']]);
    const anonymous = await h.gql(Q_TIP_MIN, { input: { orderId: order.id, amountCents: 1000 } });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await m.ledger(seller)).toHaveLength(1);
    expect((await m.tip(buyer, { orderId: order.id, amountCents: 5000 })).payload!.userErrors).toEqual([]);
    expect(await refusal(buyer, { orderId: order.id, amountCents: 1000 })).toEqual([[null, 'LIMIT_REACHED']]);

    const late = await m.completed('BASIC');
    h.clock.advance(7 * DAY + 1);
    expect(await refusal(late.buyer, { orderId: late.order.id, amountCents: 1000 })).toEqual([[null, 'INVALID_STATE']]);
    const cancelled = await m.started('BASIC');
    await m.ok(cancelled.seller, R.cancelOrder, { orderId: cancelled.order.id, reason: 'Cannot do it' });
    expect(await refusal(cancelled.buyer, { orderId: cancelled.order.id, amountCents: 1000 })).toEqual([[null, 'INVALID_STATE']]);
    const small = await m.started('BASIC', { packages: [{ ...SMALL_PACKAGE }] });
    await m.ok(small.seller, R.deliver, { orderId: small.order.id, message: 'Done' });
    await m.ok(small.buyer, R.accept, { orderId: small.order.id });
    // Subtotal $10: the cap is $25.
    expect(await refusal(small.buyer, { orderId: small.order.id, amountCents: 2501 })).toEqual([['input.amountCents', 'INVALID']]);
    expect((await m.tip(small.buyer, { orderId: small.order.id, amountCents: 2500 })).payload!.userErrors).toEqual([]);
  });

  it('ten concurrent tips with one key: one tip, one line', async () => {
    const { buyer, seller, order } = await m.completed('STANDARD');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => m.tip(buyer, { orderId: order.id, amountCents: 700, idempotencyKey: 'same' })),
    );
    expect(results.every((r) => r.payload!.userErrors.length === 0 && r.payload!.order!.tip!.amount.amountCents === 700)).toBe(true);
    expect((await m.ledger(seller)).filter((l) => l.kind === 'TIP_EARNING')).toHaveLength(1);
  });
});

const Q_TIP_MIN = `mutation ($input: TipOrderInput!) { tipOrder(input: $input) { order { id } userErrors { code } } }`;
const SMALL_PACKAGE = {
  tier: 'BASIC' as const,
  name: 'Tiny',
  description: 'A small job',
  priceCents: 1000,
  deliveryDays: 1,
  revisions: 0,
  features: [],
};

describe('withdrawals', () => {
  /** A seller with `cents` available (tips of a new completed order, available at once) and a cleared order. */
  async function sellerWith(): Promise<Member> {
    const seller = await h.member(['BUYER', 'SELLER']);
    await m.completed('PREMIUM', seller); // 20008
    h.clock.advance(14 * DAY);
    return seller;
  }

  it('takes available earnings out: COMPLETED at once, a WITHDRAWAL line, the balances after it', async () => {
    const seller = await sellerWith();
    const { withdrawal, earnings, errors } = await m.withdraw(seller, { amountCents: 15_000, idempotencyKey: 'w-1' });
    expect(errors).toEqual([]);
    expect(withdrawal).toMatchObject({ amount: { amountCents: 15_000 }, status: 'COMPLETED', failureReason: null });
    expect(earnings).toEqual({ pendingClearance: 0, available: 5008, withdrawn: 15_000, lifetime: 20_008, cleared: 20_008 });
    const [line] = await m.ledger(seller);
    expect(line).toMatchObject({
      kind: 'WITHDRAWAL',
      amount: { amountCents: -15_000 },
      availableAt: null,
      withdrawal: { id: withdrawal!.id },
    });
    const list = await h.gql<{
      _entities: Array<{ sellerEarnings: { withdrawals: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>;
    }>(
      (await import('../../../test/money.js')).Q.withdrawals,
      { r: [{ __typename: 'User', id: seller.id }], first: 10 },
      { token: seller.token },
    );
    expect(list.data!._entities[0]!.sellerEarnings.withdrawals.totalCount).toBe(1);
    expect(list.data!._entities[0]!.sellerEarnings.withdrawals.edges[0]!.node.id).toBe(withdrawal!.id);
    // The same key and amount: the same withdrawal; another amount: INVALID on the key.
    const again = await m.withdraw(seller, { amountCents: 15_000, idempotencyKey: 'w-1' });
    expect(again.withdrawal!.id).toBe(withdrawal!.id);
    expect((await m.withdraw(seller, { amountCents: 1000, idempotencyKey: 'w-1' })).errors).toEqual([['input.idempotencyKey', 'INVALID']]);
    expect((await m.balances(seller)).withdrawn).toBe(15_000);
  });

  it('refuses $9.99, $5,000.01, more than available, a second within 24 hours, a non-seller, a stranger', async () => {
    const seller = await sellerWith();
    expect((await m.withdraw(seller, { amountCents: 999 })).errors).toEqual([['input.amountCents', 'INVALID']]);
    expect((await m.withdraw(seller, { amountCents: 500_001 })).errors).toEqual([['input.amountCents', 'INVALID']]);
    expect((await m.withdraw(seller, { amountCents: 20_009 })).errors).toEqual([['input.amountCents', 'INVALID']]);
    const buyer = await h.member();
    expect((await m.withdraw(buyer, { amountCents: 1000 })).code).toBe('FORBIDDEN');
    const anonymous = await h.gql(`mutation { withdrawEarnings(input: { amountCents: 1000 }) { userErrors { code } } }`, {});
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await m.balances(seller)).toEqual({ pendingClearance: 0, available: 20_008, withdrawn: 0, lifetime: 20_008, cleared: 20_008 });

    expect((await m.withdraw(seller, { amountCents: 1000 })).errors).toEqual([]);
    h.clock.advance(DAY - 1);
    expect((await m.withdraw(seller, { amountCents: 1000 })).errors).toEqual([[null, 'LIMIT_REACHED']]);
    h.clock.advance(1);
    expect((await m.withdraw(seller, { amountCents: 19_008 })).errors).toEqual([]);
    expect(await m.balances(seller)).toEqual({ pendingClearance: 0, available: 0, withdrawn: 20_008, lifetime: 20_008, cleared: 20_008 });
  });

  it('20 concurrent withdrawals of the whole balance: exactly one succeeds', async () => {
    const seller = await sellerWith();
    const results = await Promise.all(Array.from({ length: 20 }, () => m.withdraw(seller, { amountCents: 20_008 })));
    const won = results.filter((r) => r.withdrawal);
    expect(won).toHaveLength(1);
    // The others were judged after it: the day's withdrawal is used (or, read meanwhile, nothing is left).
    for (const r of results.filter((x) => !x.withdrawal))
      expect([JSON.stringify([[null, 'LIMIT_REACHED']]), JSON.stringify([['input.amountCents', 'INVALID']])]).toContain(
        JSON.stringify(r.errors),
      );
    expect(await m.balances(seller)).toEqual({ pendingClearance: 0, available: 0, withdrawn: 20_008, lifetime: 20_008, cleared: 20_008 });
    expect((await m.ledger(seller)).filter((l) => l.kind === 'WITHDRAWAL')).toHaveLength(1);

    // Again a day later, now that the seller's account exists (the conditional update on its version).
    await m.completed('BASIC', seller); // 4000
    h.clock.advance(14 * DAY);
    const again = await Promise.all(
      Array.from({ length: 20 }, (_, i) => m.withdraw(seller, { amountCents: 4000, idempotencyKey: `k${i}` })),
    );
    expect(again.filter((r) => r.withdrawal)).toHaveLength(1);
    expect(await m.balances(seller)).toEqual({ pendingClearance: 0, available: 0, withdrawn: 24_008, lifetime: 24_008, cleared: 24_008 });
  });
});
