import { failWith, findPage, forbidden, isDuplicateKey, newId, parseInput, type Connection, type SortSpec } from '@gigmart/shared';
import type { MemberContext, OrdersContext } from '../../context.js';
import type {
  SellerEarningsLedgerArgs,
  SellerEarningsWithdrawalsArgs,
  TipOrderInput,
  WithdrawEarningsInput,
} from '../../generated/resolvers.js';
import { applyTransition, chargeOf, chargesOf, loadOrder, partiesOf, priceOrder, type OrderDoc } from '../orders/index.js';
import { sellerLevelNow } from '../track-record/index.js';
import { applyOrderLines, settleAccount, withdrawalLine } from './ledger.js';
import type { LedgerEntryDoc, SellerAccountDoc, WithdrawalDoc } from './model.js';
import {
  addLines,
  AUTO_KEY_PREFIX,
  balancesOf,
  clearanceMs,
  HELD_KINDS,
  orderLines,
  tipFingerprint,
  tipOrderInput,
  tipRefusal,
  withdrawalFingerprint,
  withdrawEarningsInput,
  withinWithdrawalInterval,
  type Balances,
  type LedgerSums,
} from './rules.js';

/**
 * Tips, balances, the ledger and withdrawals (orders.money.graphql). Every balance comes from the
 * ledger (model.ts), read in a fixed number of commands whatever its length (readBalances).
 */

// ---------------------------------------------------------------------------------------------
// Ledger lines of order changes (called by orders/service.ts applyPrepared)

/**
 * The ledger lines an order change writes and what the order records with them: entering
 * COMPLETED fixes when its earnings clear (7 days for a seller TOP_RATED now, else 14).
 */
export async function ledgerOfOrderChange(
  ctx: OrdersContext,
  order: OrderDoc,
  to: OrderDoc['status'],
  set: Record<string, unknown> | undefined,
  now: Date,
): Promise<{ lines: LedgerEntryDoc[]; set: Record<string, unknown> }> {
  const after = typeof set?.['sellerEarningsCents'] === 'number' ? set['sellerEarningsCents'] : order.sellerEarningsCents;
  const completing = order.status !== 'COMPLETED' && to === 'COMPLETED';
  const clearance = completing ? clearanceMs(await sellerLevelNow(ctx, order.sellerId)) : 0;
  const lines = orderLines(order, to, after, now, clearance).map((line) => ({ ...line, _id: newId() }));
  return {
    lines,
    set: completing ? { earningsAvailableAt: new Date(now.getTime() + clearance), earningsInLedger: true } : {},
  };
}

/** Step two at once, in the request that made the change; a failure is left to the sweep. */
export async function applyLinesOf(ctx: OrdersContext, order: OrderDoc): Promise<void> {
  if (!ctx.applyLedgerAtOnce || !order.ledgerPending?.length) return;
  try {
    await applyOrderLines(ctx.models, order);
  } catch (error) {
    ctx.logger.warn({ err: error, orderId: String(order._id) }, 'ledger lines not applied yet; the sweep will');
  }
}

// ---------------------------------------------------------------------------------------------
// Balances

/** SellerEarnings: the seller's id and their balances, read once per parent when first asked. */
export interface EarningsView {
  sellerId: string;
  balances: () => Promise<Balances>;
}

export function earningsView(ctx: OrdersContext, sellerId: string): EarningsView {
  let read: Promise<Balances> | undefined;
  return { sellerId, balances: () => (read ??= readBalances(ctx, sellerId)) };
}

/** The member's own money: null for everyone else. */
export function sellerEarnings(ctx: OrdersContext, userId: string): EarningsView | null {
  if (!ctx.viewer || ctx.viewer.id !== userId) return null;
  return earningsView(ctx, userId);
}

const CREDITS_AND_REFUNDS = ['ORDER_EARNING', 'TIP_EARNING', 'REFUND'];

/**
 * The seller's balances at the context's time, in at most five commands whatever the ledger's
 * length. First the lines not yet copied to the ledger (drafts in the seller's orders and account)
 * and the orders held by an OPEN dispute; then, in parallel, sums in the database over the ledger
 * without those drafts (per kind; matured credits and refunds; matured lines of held orders). The
 * drafts are added from what was read, so a line being copied meanwhile counts exactly once.
 */
export async function readBalances(ctx: OrdersContext, sellerId: string, now: Date = ctx.clock()): Promise<Balances> {
  const { Order, LedgerEntry, SellerAccount } = ctx.models;
  const [account, orders] = await Promise.all([
    SellerAccount.findById(sellerId).lean<SellerAccountDoc>().exec(),
    Order.find({ sellerId, $or: [{ earningsHeld: true }, { ledgerPendingCount: { $gt: 0 } }] }, { earningsHeld: 1, ledgerPending: 1 })
      .lean<Pick<OrderDoc, '_id' | 'earningsHeld' | 'ledgerPending'>[]>()
      .exec(),
  ]);
  const heldOrders = orders.filter((o) => o.earningsHeld);
  const held = new Set(heldOrders.map((o) => String(o._id)));
  const drafts = [...orders.flatMap((o) => o.ledgerPending ?? []), ...(account?.pending ?? []).map(withdrawalLine)];
  const notDrafts = drafts.length ? { _id: { $nin: drafts.map((d) => d._id) } } : {};
  const sum = (match: Record<string, unknown>) =>
    LedgerEntry.aggregate<{ total: number }>([
      { $match: { ...match, ...notDrafts } },
      { $group: { _id: null, total: { $sum: '$amountCents' } } },
    ])
      .exec()
      .then((rows) => rows[0]?.total ?? 0);
  const maturedLines = { sellerId, kind: { $in: CREDITS_AND_REFUNDS }, matureAt: { $lte: now } };
  const [byKind, matured, heldMatured] = await Promise.all([
    LedgerEntry.aggregate<{ _id: LedgerEntryDoc['kind']; total: number }>([
      { $match: { sellerId, ...notDrafts } },
      { $group: { _id: '$kind', total: { $sum: '$amountCents' } } },
    ]).exec(),
    sum(maturedLines),
    // Matured lines of held orders are in the matured sum: they are pending while the dispute is OPEN.
    heldOrders.length
      ? sum({ ...maturedLines, kind: { $in: HELD_KINDS }, orderId: { $in: heldOrders.map((o) => o._id) } })
      : Promise.resolve(0),
  ]);
  const sums: LedgerSums = { byKind: {}, matured: matured - heldMatured };
  for (const row of byKind) sums.byKind[row._id] = row.total;
  return balancesOf(addLines(sums, drafts, now, held));
}

// ---------------------------------------------------------------------------------------------
// Pages

export const LEDGER_NEWEST_FIRST: SortSpec = { name: 'ledger:newest', keys: [{ field: 'createdAt', direction: -1 }] };
export const WITHDRAWALS_NEWEST_FIRST: SortSpec = { name: 'withdrawals:newest', keys: [{ field: 'createdAt', direction: -1 }] };

export type LedgerPage = Connection<LedgerEntryDoc>;
export type WithdrawalPage = Connection<WithdrawalDoc>;

export function ledgerPage(ctx: OrdersContext, sellerId: string, args: SellerEarningsLedgerArgs): Promise<LedgerPage> {
  return findPage(ctx.models.LedgerEntry, { filter: { sellerId }, sort: LEDGER_NEWEST_FIRST, first: args.first, after: args.after });
}

export function withdrawalsPage(ctx: OrdersContext, sellerId: string, args: SellerEarningsWithdrawalsArgs): Promise<WithdrawalPage> {
  return findPage(ctx.models.Withdrawal, { filter: { sellerId }, sort: WITHDRAWALS_NEWEST_FIRST, first: args.first, after: args.after });
}

/** LedgerEntry by reference: only its seller sees it. */
export async function findVisibleLedgerEntry(ctx: OrdersContext, id: string): Promise<LedgerEntryDoc | null> {
  if (!ctx.viewer) return null;
  const entry = await ctx.loaders.ledgerEntryById.load(id);
  return entry && entry.sellerId === ctx.viewer.id ? entry : null;
}

export async function findVisibleWithdrawal(ctx: OrdersContext, id: string): Promise<WithdrawalDoc | null> {
  if (!ctx.viewer) return null;
  const withdrawal = await ctx.loaders.withdrawalById.load(id);
  return withdrawal && withdrawal.sellerId === ctx.viewer.id ? withdrawal : null;
}

// ---------------------------------------------------------------------------------------------
// Tips

const KEY_REUSED = 'This idempotency key was already used with a different input.';

/**
 * The buyer tips a COMPLETED order once, within 7 days: one conditional update (on the version
 * read and `tip: null`) adds the TIP charge with its own service fee, the tip, the TIPPED event
 * and the seller's TIP_EARNING line (available at once). The client's key is kept on the charge.
 */
export async function tipOrder(ctx: MemberContext, input: TipOrderInput): Promise<OrderDoc> {
  const { orderId, amountCents, idempotencyKey } = parseInput(tipOrderInput, input);
  const fingerprint = tipFingerprint(orderId, amountCents);
  const key = idempotencyKey === null ? null : `tip:${idempotencyKey}`;
  const byKey = () =>
    key ? ctx.models.Order.findOne({ buyerId: ctx.viewer.id, 'charges.idempotencyKey': key }).lean<OrderDoc>().exec() : null;
  const replay = (order: OrderDoc) => {
    if (chargesOf(order).find((c) => c.idempotencyKey === key)?.fingerprint !== fingerprint)
      failWith(['input', 'idempotencyKey'], KEY_REUSED, 'INVALID');
    return order;
  };
  const earlier = await byKey();
  if (earlier) return replay(earlier);

  const order = await loadOrder(ctx, orderId);
  if (!partiesOf(ctx.viewer, order).includes('BUYER')) throw forbidden('Only the buyer can tip.');
  // A tip with this key that landed after the look-up above: the order as read already has it.
  if (key !== null && chargesOf(order).some((c) => c.idempotencyKey === key)) return replay(order);
  const now = ctx.clock();
  const refusal = tipRefusal(order, amountCents, now);
  if (refusal) failWith(refusal.field, refusal.message, refusal.code);

  const tip = priceOrder(amountCents);
  const line: LedgerEntryDoc = {
    _id: newId(),
    key: `tip:${String(order._id)}`,
    sellerId: order.sellerId,
    kind: 'TIP_EARNING',
    amountCents: tip.sellerEarningsCents,
    orderId: order._id,
    withdrawalId: null,
    availableAt: now,
    matureAt: now,
    createdAt: now,
  };
  const updated = await applyTransition(ctx.models, {
    orderId: order._id,
    version: order.version,
    from: 'COMPLETED',
    to: 'COMPLETED',
    events: [{ type: 'TIPPED', actorId: ctx.viewer.id, note: null }],
    at: now,
    order,
    where: { tip: null },
    set: {
      charges: [...chargesOf(order), { ...chargeOf('TIP', amountCents, now), idempotencyKey: key, fingerprint }],
      tip: { amountCents, sellerEarningsCents: tip.sellerEarningsCents, at: now },
    },
    ledger: [line],
  });
  if (!updated) {
    // Another change came first: the same key's tip answers this one; else say what stops it now.
    const winner = await byKey();
    if (winner) return replay(winner);
    const again = tipRefusal(await loadOrder(ctx, orderId), amountCents, ctx.clock());
    return failWith(again?.field ?? null, again?.message ?? 'The order changed meanwhile; try again.', again?.code ?? 'INVALID_STATE');
  }
  await applyLinesOf(ctx, updated);
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Withdrawals

export interface WithdrawalResult {
  withdrawal: WithdrawalDoc;
  earnings: EarningsView;
}

/**
 * A seller takes `amountCents` out of their available earnings: $10-$5,000, at most what is
 * available, one per 24 hours. The decision is one conditional update on the seller's account
 * (the version read with the balances): it sets lastWithdrawalAt and records the withdrawal in
 * the account's `pending`, so of concurrent withdrawals exactly one wins; the others read again
 * and are refused (LIMIT_REACHED). Then the withdrawal and its ledger line are applied and the
 * payout provider is asked (ledger.ts settleAccount).
 */
export async function withdrawEarnings(ctx: MemberContext, input: WithdrawEarningsInput): Promise<WithdrawalResult> {
  if (!ctx.member.isSeller) throw forbidden('Only sellers have earnings to withdraw.');
  const { amountCents, idempotencyKey } = parseInput(withdrawEarningsInput, input);
  const sellerId = ctx.viewer.id;
  const fingerprint = withdrawalFingerprint(amountCents);
  const { SellerAccount, Withdrawal } = ctx.models;
  const done = async (w: WithdrawalDoc): Promise<WithdrawalResult> => {
    if (w.fingerprint !== fingerprint) failWith(['input', 'idempotencyKey'], KEY_REUSED, 'INVALID');
    const now = (await Withdrawal.findById(w._id).lean<WithdrawalDoc>().exec()) ?? w;
    return { withdrawal: now, earnings: earningsView(ctx, sellerId) };
  };

  for (let attempt = 0; attempt < 5; attempt += 1) {
    const now = ctx.clock();
    const account = await SellerAccount.findById(sellerId).lean<SellerAccountDoc>().exec();
    if (idempotencyKey !== null) {
      const earlier =
        account?.pending.find((w) => w.idempotencyKey === idempotencyKey) ??
        (await Withdrawal.findOne({ sellerId, idempotencyKey }).lean<WithdrawalDoc>().exec());
      if (earlier) {
        if (ctx.applyLedgerAtOnce) await settleAccount(ctx.models, ctx.payout, sellerId, now);
        return done(earlier);
      }
    }
    if (withinWithdrawalInterval(account?.lastWithdrawalAt ?? null, now))
      failWith(null, 'One withdrawal per 24 hours: try again later.', 'LIMIT_REACHED');
    const balances = await readBalances(ctx, sellerId, now);
    if (amountCents > balances.availableCents)
      failWith(['input', 'amountCents'], `At most your available earnings ($${(balances.availableCents / 100).toFixed(2)}).`, 'INVALID');

    const id = newId();
    const withdrawal: WithdrawalDoc = {
      _id: id,
      sellerId,
      amountCents,
      status: 'PENDING',
      failureReason: null,
      idempotencyKey: idempotencyKey ?? `${AUTO_KEY_PREFIX}${id.toHexString()}`,
      fingerprint,
      previousWithdrawalAt: account?.lastWithdrawalAt ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const won = account
      ? await SellerAccount.updateOne(
          { _id: sellerId, version: account.version },
          { $set: { lastWithdrawalAt: now }, $push: { pending: withdrawal }, $inc: { version: 1, pendingCount: 1 } },
        )
          .exec()
          .then((r) => r.matchedCount > 0)
      : await SellerAccount.create({ _id: sellerId, version: 1, lastWithdrawalAt: now, pending: [withdrawal], pendingCount: 1 }).then(
          () => true,
          (error: unknown) => {
            if (isDuplicateKey(error)) return false;
            throw error;
          },
        );
    if (!won) continue; // another withdrawal came first: judge again against what it left
    if (!ctx.applyLedgerAtOnce) return done(withdrawal);
    try {
      await settleAccount(ctx.models, ctx.payout, sellerId, now);
    } catch (error) {
      // The withdrawal is decided and recorded: the sweep finishes it.
      ctx.logger.warn({ err: error, withdrawalId: id.toHexString() }, 'withdrawal recorded; settling left to the sweep');
    }
    return done(withdrawal);
  }
  return failWith(null, 'Your earnings changed while withdrawing; try again.', 'INVALID_STATE');
}
