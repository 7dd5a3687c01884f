import { MIGRATIONS_COLLECTION, newId } from '@gigmart/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, DAY, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { moneyClient, type MoneyClient } from '../../../test/money.js';
import { R } from '../../../test/resolution.js';
import { migrateEarnings } from './ledger.js';
import type { LedgerEntryDoc } from './model.js';

/**
 * The ledger's durability and cost: a crash between a change and its ledger lines converges after
 * a restart; the migration of earlier orders (idempotent, at start-up); balances in a fixed number
 * of database commands whatever the ledger's length; a payout provider that refuses.
 */

describe('a crash between the steps, then a restart', () => {
  let h: OrdersHarness;
  let m: MoneyClient;
  let admin: Member;
  beforeAll(async () => {
    // applyLedgerAtOnce false: each request stops after its conditional update, as if the process died there.
    h = await startOrdersHarness('ledger-crash', { events: { relay: false }, ledgerSweepIntervalMs: 0, applyLedgerAtOnce: false });
    m = moneyClient(h);
    admin = await h.member(['BUYER', 'ADMIN']);
  });
  afterAll(() => h?.stop());

  it('leaves drafts that balances already count, and the restarted service copies each once', async () => {
    const { Order, LedgerEntry, SellerAccount } = h.service.models;
    const seller = await h.member(['BUYER', 'SELLER']);
    const a = await m.completed('STANDARD', seller); // 8000
    const b = await m.completed('BASIC', seller); // 4000
    expect((await m.tip(a.buyer, { orderId: a.order.id, amountCents: 2500 })).payload!.userErrors).toEqual([]); // 2000
    await m.ok(b.buyer, R.openDispute, { orderId: b.order.id, reason: 'Half of it is missing here' });
    await m.ok(admin, R.resolveDispute, { orderId: b.order.id, outcome: 'PARTIAL_REFUND', refundPercent: 50, note: 'Half' }); // -2000
    h.clock.advance(14 * DAY);
    const w = await m.withdraw(seller, { amountCents: 5000, idempotencyKey: 'crash' });
    expect(w.errors).toEqual([]);
    expect(w.withdrawal!.status).toBe('PENDING');

    // Nothing reached the ledger; the drafts sit in the orders and the account, and count already.
    expect(await LedgerEntry.countDocuments({ sellerId: seller.id })).toBe(0);
    expect((await Order.find({ sellerId: seller.id }).lean().exec()).map((o) => o.ledgerPending?.length).sort()).toEqual([2, 2]);
    expect((await SellerAccount.findById(seller.id).lean().exec())!.pending).toHaveLength(1);
    const expected = { pendingClearance: 0, available: 7000, withdrawn: 5000, lifetime: 12_000, cleared: 12_000 };
    expect(await m.balances(seller)).toEqual(expected);

    // A crash in the middle of step two: one line was copied, its draft not cleared.
    const draft = (await Order.findById(a.order.id).lean().exec())!.ledgerPending![0]!;
    await LedgerEntry.create(draft);
    expect(await m.balances(seller)).toEqual(expected);

    await h.restart({ applyLedgerAtOnce: true });
    const lines = await h.service.models.LedgerEntry.find({ sellerId: seller.id }).lean<LedgerEntryDoc[]>().exec();
    expect(lines.map((l) => [l.kind, l.amountCents]).sort()).toEqual(
      [
        ['ORDER_EARNING', 8000],
        ['TIP_EARNING', 2000],
        ['ORDER_EARNING', 4000],
        ['REFUND', -2000],
        ['WITHDRAWAL', -5000],
      ].sort(),
    );
    expect(await h.service.models.Order.countDocuments({ sellerId: seller.id, ledgerPendingCount: { $gt: 0 } })).toBe(0);
    expect((await h.service.models.SellerAccount.findById(seller.id).lean().exec())!.pending).toEqual([]);
    expect(await m.balances(seller)).toEqual(expected);
    // The withdrawal was finished by the restart's sweep; asking again with its key answers it.
    const again = await m.withdraw(seller, { amountCents: 5000, idempotencyKey: 'crash' });
    expect(again.withdrawal).toMatchObject({ id: w.withdrawal!.id, status: 'COMPLETED' });
    // A second restart changes nothing.
    await h.restart({ applyLedgerAtOnce: true });
    expect(await h.service.models.LedgerEntry.countDocuments({ sellerId: seller.id })).toBe(5);
    expect(await m.balances(seller)).toEqual(expected);
  });
});

describe('the migration of earlier orders', () => {
  let h: OrdersHarness;
  let m: MoneyClient;
  let admin: Member;
  beforeAll(async () => {
    h = await startOrdersHarness('ledger-migration', { events: { relay: false }, ledgerSweepIntervalMs: 0 });
    m = moneyClient(h);
    admin = await h.member(['BUYER', 'ADMIN']);
  });
  afterAll(() => h?.stop());

  it('writes one ORDER_EARNING per earlier completed order, so balances do not change; running again adds nothing', async () => {
    const { Order, LedgerEntry } = h.service.models;
    const seller = await h.member(['BUYER', 'SELLER']);
    const old = await m.completed('PREMIUM', seller); // 20008, will have cleared
    h.clock.advance(10 * DAY);
    const recent = await m.completed('STANDARD', seller); // 8000, pending
    const disputed = await m.completed('BASIC', seller); // 4000, held by an open dispute
    await m.ok(disputed.buyer, R.openDispute, { orderId: disputed.order.id, reason: 'It does not open in my editor' });
    const cancelled = await m.started('BASIC', { sellerId: seller.id });
    await m.ok(seller, R.cancelOrder, { orderId: cancelled.order.id, reason: 'Cannot do it' });
    h.clock.advance(5 * DAY);
    // As SellerEarnings counted them before the ledger: completed within 14 days or held = pending.
    const before = { pendingClearance: 12_000, cleared: 20_008, lifetime: 32_008 };
    // Make the orders look as they did before this change: no ledger, no marks.
    await Order.updateMany({ sellerId: seller.id }, { $unset: { earningsInLedger: 1, earningsAvailableAt: 1 } }).exec();
    await LedgerEntry.deleteMany({ sellerId: seller.id }).exec();
    // ... and a database that has not run the migration yet (the harness's first start ran it).
    await Order.db.collection(MIGRATIONS_COLLECTION).deleteOne({ _id: 'orders.earnings-in-ledger' as never });

    await h.restart();
    const lines = await h.service.models.LedgerEntry.find({ sellerId: seller.id }).sort({ createdAt: 1 }).lean<LedgerEntryDoc[]>().exec();
    expect(lines.map((l) => [String(l.orderId), l.kind, l.amountCents])).toEqual([
      [old.order.id, 'ORDER_EARNING', 20_008],
      [recent.order.id, 'ORDER_EARNING', 8000],
      [disputed.order.id, 'ORDER_EARNING', 4000],
    ]);
    // Dated at completion, clearing 14 days after it.
    expect(lines[0]!.createdAt.toISOString()).toBe(old.order.completedAt);
    expect(lines[0]!.availableAt!.getTime()).toBe(Date.parse(old.order.completedAt!) + 14 * DAY);
    expect(await m.balances(seller)).toMatchObject({ ...before, available: 20_008, withdrawn: 0 });
    await h.restart();
    expect(await h.service.models.LedgerEntry.countDocuments({ sellerId: seller.id })).toBe(3);
    // The start recorded it done; run anyway, it finds nothing left.
    expect(
      await h.service.models.Order.db.collection(MIGRATIONS_COLLECTION).countDocuments({ _id: 'orders.earnings-in-ledger' as never }),
    ).toBe(1);
    expect(await migrateEarnings(h.service.models)).toBe(0);
    // A migrated order's dispute resolved with a refund: a REFUND on its (held) credit.
    await m.ok(admin, R.resolveDispute, { orderId: disputed.order.id, outcome: 'PARTIAL_REFUND', refundPercent: 25, note: 'A quarter' });
    expect((await m.ledger(seller))[0]).toMatchObject({ kind: 'REFUND', amount: { amountCents: -1000 } });
    expect(await m.balances(seller)).toMatchObject({ lifetime: 31_008 });
  });
});

describe('cost and providers', () => {
  let h: OrdersHarness;
  let m: MoneyClient;
  let refuse = false;
  beforeAll(async () => {
    h = await startOrdersHarness('ledger-cost', {
      events: { relay: false },
      ledgerSweepIntervalMs: 0,
      trackRecordTtlMs: 0,
      payout: (w) =>
        Promise.resolve(refuse ? { status: 'FAILED', reason: `Bank account closed (${w.amountCents})` } : { status: 'COMPLETED' }),
    });
    m = moneyClient(h);
  });
  afterAll(() => h?.stop());

  /** `n` lines for the seller straight into the ledger: cleared credits and some withdrawals. */
  async function history(seller: Member, n: number) {
    const at = new Date(h.clock.now().getTime() - 30 * DAY);
    const lines: LedgerEntryDoc[] = Array.from({ length: n }, (_, i) => {
      const credit = i % 5 !== 4;
      const id = newId();
      return {
        _id: id,
        key: `test:${id.toHexString()}`,
        sellerId: seller.id,
        kind: credit ? 'ORDER_EARNING' : 'WITHDRAWAL',
        amountCents: credit ? 1000 : -1000,
        orderId: credit ? newId() : null,
        withdrawalId: credit ? null : id,
        availableAt: credit ? at : null,
        matureAt: credit ? at : null,
        createdAt: at,
      };
    });
    for (let i = 0; i < lines.length; i += 1000) await h.service.models.LedgerEntry.insertMany(lines.slice(i, i + 1000));
  }

  it('reads balances in the same number of commands for 10 and 10,000 ledger lines', async () => {
    const [small, large] = await Promise.all([h.member(['BUYER', 'SELLER']), h.member(['BUYER', 'SELLER'])]);
    await history(small, 10);
    await history(large, 10_000);
    // One order held by an open dispute for each, so every command of the read runs.
    for (const seller of [small, large]) {
      const { buyer, order } = await m.completed('BASIC', seller);
      await m.ok(buyer, R.openDispute, { orderId: order.id, reason: 'Checking the cost of a read' });
    }
    const cost = async (seller: Member) => (await countQueries(h.service.connection, () => m.balances(seller))).ops.sort();
    const [a, b] = [await cost(small), await cost(large)];
    expect(a).toEqual(b);
    expect(a).toEqual(['ledger.aggregate', 'ledger.aggregate', 'ledger.aggregate', 'orders.find', 'seller_accounts.findOne']);
    expect(await m.balances(small)).toMatchObject({
      available: 6 * 1000,
      withdrawn: 2 * 1000,
      lifetime: 8 * 1000 + 4000,
      pendingClearance: 4000,
    });
    expect(await m.balances(large)).toMatchObject({ available: 6000 * 1000, withdrawn: 2000 * 1000, pendingClearance: 4000 });
  });

  it("a FAILED payout writes a WITHDRAWAL_REVERSAL and gives the day's withdrawal back", async () => {
    const seller = await h.member(['BUYER', 'SELLER']);
    await m.completed('PREMIUM', seller);
    h.clock.advance(14 * DAY);
    refuse = true;
    const failed = await m.withdraw(seller, { amountCents: 20_008 });
    refuse = false;
    expect(failed.withdrawal).toMatchObject({ status: 'FAILED', failureReason: 'Bank account closed (20008)' });
    expect(failed.earnings).toEqual({ pendingClearance: 0, available: 20_008, withdrawn: 0, lifetime: 20_008, cleared: 20_008 });
    expect((await m.ledger(seller)).slice(0, 2).map((l) => [l.kind, l.amount.amountCents, l.withdrawal?.status])).toEqual([
      ['WITHDRAWAL_REVERSAL', 20_008, 'FAILED'],
      ['WITHDRAWAL', -20_008, 'FAILED'],
    ]);
    const next = await m.withdraw(seller, { amountCents: 20_008 });
    expect(next.errors).toEqual([]);
    expect(next.withdrawal!.status).toBe('COMPLETED');
  });

  it('a seller TOP_RATED at completion clears in 7 days; the level later does not move it', async () => {
    const { Order, Review } = h.service.models;
    const seller = await h.member(['BUYER', 'SELLER']);
    const first = await m.completed('BASIC', seller);
    // 100 earlier completed orders ($200 each, on time) and 5-star reviews: TOP_RATED after 180 days.
    const template = (await Order.findById(first.order.id).lean().exec())!;
    const clones = Array.from({ length: 100 }, () => {
      const id = newId();
      return {
        ...template,
        _id: id,
        number: `T${id.toHexString()}`,
        idempotencyKey: `auto:${id.toHexString()}`,
        sellerEarningsCents: 20_000,
        ledgerPending: [],
        outbox: [],
        outboxCount: 0,
      };
    });
    await Order.insertMany(clones);
    await Review.insertMany(
      clones.map((o) => ({
        orderId: o._id,
        gigId: o.gigId,
        authorId: o.buyerId,
        sellerId: seller.id,
        rating: 5,
        comment: 'Great',
        createdAt: h.clock.now(),
      })),
    );
    h.clock.advance(181 * DAY);
    const { order } = await m.completed('BASIC', seller);
    const [line] = await m.ledger(seller);
    expect(line).toMatchObject({
      kind: 'ORDER_EARNING',
      order: { id: order.id },
      availableAt: new Date(h.clock.now().getTime() + 7 * DAY).toISOString(),
    });
    h.clock.advance(7 * DAY);
    expect(await m.balances(seller)).toMatchObject({ pendingClearance: 0, available: 8000 });
    // Its dispute window closed with it.
    expect(await m.refused(seller, R.openDispute, { orderId: order.id, reason: 'Too late for this one now' })).toEqual([
      [null, 'INVALID_STATE'],
    ]);
  });
});
