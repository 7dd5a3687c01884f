import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { moneyClient, type Balances, type MoneyClient } from '../../../test/money.js';
import { customExtra, R } from '../../../test/resolution.js';
import type { OrderDoc } from '../orders/index.js';
import { TIP_WINDOW_MS, WITHDRAWAL_MAX_CENTS, WITHDRAWAL_MIN_CENTS } from './rules.js';

/**
 * A seeded random history of one seller: 200 orders with extras, partial refunds, cancellations,
 * disputes before and after completion (resolved every way, some left open for days), tips and
 * withdrawals, with the clock moving on. After every step that touches money, the balances the
 * service answers equal an independent recomputation from the orders themselves (their current
 * earnings, completion time, open disputes and tips) and the withdrawals that succeeded: no ledger
 * involved. Every withdrawal is accepted exactly when the recomputation says it may be, and
 * `available` is never negative.
 */

const HOUR = 60 * 60 * 1000;
const CLEARANCE = 14 * DAY;

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const SEED = Number(process.env['MONEY_SEED'] ?? 19);

let h: OrdersHarness;
let m: MoneyClient;
let admin: Member;
beforeAll(async () => {
  h = await startOrdersHarness('money-property', { events: { relay: false }, ledgerSweepIntervalMs: 0 });
  m = moneyClient(h);
  admin = await h.member(['BUYER', 'ADMIN']);
});
afterAll(() => h?.stop());

describe(`a random history of 200 orders (seed ${SEED})`, () => {
  it('balances always equal a recomputation from the orders', { timeout: 600_000 }, async () => {
    const rnd = random(SEED);
    const seller = await h.member(['BUYER', 'SELLER']);
    const buyers = await Promise.all(Array.from({ length: 8 }, () => h.member()));
    const extra = customExtra();
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [], extras: [extra] });
    let withdrawn = 0;
    let lastWithdrawal: number | null = null;
    let withdrawals = 0;
    const openAfterCompletion: string[] = [];
    const buyerOf = new Map<string, Member>();

    /**
     * The orders as last read, by id. Only a step's own mutations change an order here (no job
     * runs), so each check re-reads the orders the step touched; every 20 steps, and at the end,
     * it re-reads them all, which catches a change to any other order.
     */
    type Money = Pick<OrderDoc, '_id' | 'tip' | 'completedAt' | 'sellerEarningsCents' | 'dispute'>;
    const known = new Map<string, Money>();
    const touched = new Set<string>();
    async function read(filter: Record<string, unknown>): Promise<void> {
      const orders = await h.service.models.Order.find(filter, { tip: 1, completedAt: 1, sellerEarningsCents: 1, 'dispute.status': 1 })
        .lean<Money[]>()
        .exec();
      for (const o of orders) known.set(String(o._id), o);
    }

    /** The balances from the orders alone (and the withdrawals that succeeded). */
    async function recomputed(full = false): Promise<Balances> {
      if (full) {
        known.clear();
        await read({ sellerId: seller.id });
      } else if (touched.size) {
        await read({ _id: { $in: [...touched] } });
      }
      touched.clear();
      const now = h.clock.now().getTime();
      let lifetime = 0;
      let cleared = 0;
      for (const o of known.values()) {
        const tip = o.tip?.sellerEarningsCents ?? 0;
        lifetime += tip;
        cleared += tip;
        if (!o.completedAt) continue;
        lifetime += o.sellerEarningsCents;
        const held = o.dispute?.status === 'OPEN';
        if (!held && now >= o.completedAt.getTime() + CLEARANCE) cleared += o.sellerEarningsCents;
      }
      return { lifetime, cleared, withdrawn, available: cleared - withdrawn, pendingClearance: lifetime - cleared };
    }
    const check = async (full = false) => expect(await m.balances(seller)).toEqual(await recomputed(full));

    const resolve = async (orderId: string) => {
      touched.add(orderId);
      const outcome = rnd.pick(['COMPLETE', 'CANCEL', 'PARTIAL_REFUND'] as const);
      await m.ok(admin, R.resolveDispute, {
        orderId,
        outcome,
        ...(outcome === 'PARTIAL_REFUND' ? { refundPercent: rnd.int(1, 100) } : {}),
        note: `Resolved: ${outcome}`,
      });
    };

    for (let i = 0; i < 200; i += 1) {
      const buyer = rnd.pick(buyers);
      const tier = rnd.pick(['BASIC', 'STANDARD', 'PREMIUM']);
      const extras = rnd.chance(0.3) ? [{ extraId: extra.id, quantity: rnd.int(1, 3) }] : undefined;
      const order = await m.ok(buyer, R.place, { gigId: gig.id, tier, ...(extras ? { extras } : {}) });
      buyerOf.set(order.id, buyer);
      touched.add(order.id);
      if (rnd.chance(0.2)) await m.ok(buyer, R.buyExtras, { orderId: order.id, extras: [{ extraId: extra.id, quantity: rnd.int(1, 2) }] });
      if (rnd.chance(0.08)) {
        await m.ok(seller, R.cancelOrder, { orderId: order.id, reason: 'Cannot take it on' });
      } else {
        await m.ok(seller, R.deliver, { orderId: order.id, message: 'Here it is' });
        const path = rnd.next();
        if (path < 0.15) {
          const offer = await m.ok(seller, R.offerPartialRefund, { orderId: order.id, percent: rnd.int(1, 60) });
          await m.ok(buyer, R.answerPartialRefund, { requestId: offer.partialRefundOffers[0]!.id, accept: true });
        } else if (path < 0.27) {
          await m.ok(buyer, R.openDispute, { orderId: order.id, reason: 'The delivery is not what I ordered' });
          await resolve(order.id);
        } else {
          await m.ok(buyer, R.accept, { orderId: order.id });
        }
      }
      const now = await m.view(buyer, order.id);
      if (now.status === 'COMPLETED') {
        if (rnd.chance(0.3)) {
          const cap = Math.max(now.subtotal.amountCents, 2500);
          const tipped = await m.tip(buyer, { orderId: order.id, amountCents: rnd.int(500, cap) });
          expect(tipped.payload!.userErrors).toEqual([]);
        }
        if (!now.dispute && rnd.chance(0.15)) {
          await m.ok(rnd.chance(0.5) ? buyer : seller, R.openDispute, { orderId: order.id, reason: 'Something went wrong after all' });
          openAfterCompletion.push(order.id);
        }
      }
      await check(i % 20 === 19);

      // Open disputes after completion are resolved some steps later (their credits held meanwhile).
      if (openAfterCompletion.length && rnd.chance(0.3)) {
        await resolve(openAfterCompletion.splice(rnd.int(0, openAfterCompletion.length - 1), 1)[0]!);
        await check();
      }
      // A late tip attempt on an older order: accepted exactly within 7 days of completion, once.
      if (rnd.chance(0.05)) {
        const older = await h.service.models.Order.findOne({ sellerId: seller.id, status: 'COMPLETED', tip: null }).lean<OrderDoc>().exec();
        if (older?.completedAt) {
          const within = h.clock.now().getTime() - older.completedAt.getTime() <= TIP_WINDOW_MS;
          touched.add(String(older._id));
          const tipped = await m.tip(buyerOf.get(String(older._id))!, { orderId: String(older._id), amountCents: 500 });
          expect(tipped.payload!.userErrors.map((e) => e.code)).toEqual(within ? [] : ['INVALID_STATE']);
        }
      }

      h.clock.advance(rnd.int(0, 40) * HOUR);

      if (rnd.chance(0.25)) {
        const model = await recomputed();
        const amount = rnd.chance(0.5) ? model.available : rnd.int(500, Math.max(1000, model.available + 3000));
        const nowMs = h.clock.now().getTime();
        const mayWithdraw =
          amount >= WITHDRAWAL_MIN_CENTS &&
          amount <= WITHDRAWAL_MAX_CENTS &&
          amount <= model.available &&
          (lastWithdrawal === null || nowMs - lastWithdrawal >= DAY);
        const result = await m.withdraw(seller, { amountCents: amount });
        expect(result.errors.length === 0).toBe(mayWithdraw);
        if (mayWithdraw) {
          withdrawn += amount;
          lastWithdrawal = nowMs;
          withdrawals += 1;
        }
        await check();
      }
    }
    // Let every credit clear and every dispute end: the totals still agree.
    for (const id of openAfterCompletion) await resolve(id);
    h.clock.advance(CLEARANCE);
    await check(true);
    expect(known.size).toBe(200);
    const final = await m.balances(seller);
    expect(final.pendingClearance).toBe(0);
    // The history was rich enough to mean something.
    const lines = await h.service.models.LedgerEntry.find({ sellerId: seller.id }).lean().exec();
    const kinds = new Set(lines.map((l) => l.kind));
    expect([...kinds].sort()).toEqual(['ORDER_EARNING', 'REFUND', 'TIP_EARNING', 'WITHDRAWAL']);
    expect(withdrawals).toBeGreaterThan(3);
  });
});
