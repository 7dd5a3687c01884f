import { isDuplicateKey, newId, startPeriodicJob, type BackgroundTask, type Logger } from '@gigmart/shared';
import type { OrdersModels } from '../../context.js';
import type { OrderDoc } from '../orders/index.js';
import type { LedgerEntryDoc, WithdrawalDoc } from './model.js';
import type { PayoutProvider } from './payouts.js';
import { earningLine, earningsAvailableAtOf } from './rules.js';

/**
 * The second step of every ledger write, and the sweep and migration that make it converge.
 *
 * Step one is the change itself: an order's conditional update pushes its lines into the order's
 * `ledgerPending` (and bumps `ledgerSeq`); a withdrawal's pushes the withdrawal into its seller
 * account's `pending`. Step two (here) inserts each line under its unique key (a duplicate means
 * it is already there: nothing to do), then clears the draft list only if nothing was pushed
 * since it was read (`ledgerSeq`, the account's `version`). A crash between the steps leaves the
 * drafts; any later pass applies them once. Balances read drafts and lines together (service.ts).
 */

type MoneyModels = Pick<OrdersModels, 'Order' | 'LedgerEntry' | 'Withdrawal' | 'SellerAccount'>;

/** Inserts ledger lines; those already written (same `_id` or `key`) are skipped. */
export async function insertLines(models: MoneyModels, lines: readonly LedgerEntryDoc[]): Promise<void> {
  for (const line of lines) {
    try {
      await models.LedgerEntry.create(line);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** Copies an order's ledger drafts into the ledger and clears them; returns the order's drafts applied. */
export async function applyOrderLines(models: MoneyModels, order: Pick<OrderDoc, '_id' | 'ledgerPending' | 'ledgerSeq'>): Promise<number> {
  let current: Pick<OrderDoc, '_id' | 'ledgerPending' | 'ledgerSeq'> | null = order;
  let applied = 0;
  for (let i = 0; current && (current.ledgerPending?.length ?? 0) > 0 && i < 5; i += 1) {
    const drafts = current.ledgerPending ?? [];
    await insertLines(models, drafts);
    applied += drafts.length;
    const cleared = await models.Order.updateOne(
      { _id: current._id, ledgerSeq: current.ledgerSeq ?? 0 },
      { $set: { ledgerPending: [], ledgerPendingCount: 0 } },
    ).exec();
    if (cleared.matchedCount > 0) return applied;
    // Lines were pushed meanwhile: apply the list as it is now.
    current = await models.Order.findById(current._id, { ledgerPending: 1, ledgerSeq: 1 }).lean<OrderDoc>().exec();
  }
  return applied;
}

/** The WITHDRAWAL line of a withdrawal: the same `_id`. */
export function withdrawalLine(w: Pick<WithdrawalDoc, '_id' | 'sellerId' | 'amountCents' | 'createdAt'>): LedgerEntryDoc {
  return {
    _id: w._id,
    key: `withdrawal:${String(w._id)}`,
    sellerId: w.sellerId,
    kind: 'WITHDRAWAL',
    amountCents: -w.amountCents,
    orderId: null,
    withdrawalId: w._id,
    availableAt: null,
    matureAt: null,
    createdAt: w.createdAt,
  };
}

/**
 * A seller account's pending withdrawals into the withdrawals collection and the ledger, the list
 * cleared if the account did not change meanwhile; then each still PENDING goes to the provider.
 */
export async function settleAccount(models: MoneyModels, payout: PayoutProvider, sellerId: string, now: Date): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    const account = await models.SellerAccount.findById(sellerId).lean().exec();
    if (!account || account.pending.length === 0) break;
    for (const w of account.pending) {
      try {
        await models.Withdrawal.create(w);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await insertLines(models, [withdrawalLine(w)]);
    }
    const cleared = await models.SellerAccount.updateOne(
      { _id: sellerId, version: account.version },
      { $set: { pending: [], pendingCount: 0 } },
    ).exec();
    if (cleared.matchedCount > 0) break;
  }
  const open = await models.Withdrawal.find({ sellerId, status: 'PENDING' }).lean<WithdrawalDoc[]>().exec();
  for (const w of open) await payOut(models, payout, w, now);
}

/**
 * Asks the provider about one PENDING withdrawal and records its answer: COMPLETED; or FAILED with
 * a WITHDRAWAL_REVERSAL line (written first: it is what gives the money back) and the day's
 * withdrawal given back; PENDING stays (the sweep asks again).
 */
export async function payOut(models: MoneyModels, payout: PayoutProvider, w: WithdrawalDoc, now: Date): Promise<void> {
  const result = await payout(w);
  if (result.status === 'PENDING') return;
  if (result.status === 'COMPLETED') {
    await models.Withdrawal.updateOne({ _id: w._id, status: 'PENDING' }, { $set: { status: 'COMPLETED', updatedAt: now } }).exec();
    return;
  }
  await insertLines(models, [
    {
      ...withdrawalLine(w),
      _id: newId(),
      key: `reversal:${String(w._id)}`,
      kind: 'WITHDRAWAL_REVERSAL',
      amountCents: w.amountCents,
      createdAt: now,
    },
  ]);
  await models.Withdrawal.updateOne(
    { _id: w._id, status: 'PENDING' },
    { $set: { status: 'FAILED', failureReason: result.reason, updatedAt: now } },
  ).exec();
  await models.SellerAccount.updateOne(
    { _id: w.sellerId, lastWithdrawalAt: w.createdAt },
    { $set: { lastWithdrawalAt: w.previousWithdrawalAt } },
  ).exec();
}

// ---------------------------------------------------------------------------------------------
// Migration and sweep

const BATCH = 200;

/**
 * One-time, idempotent: every COMPLETED order whose earnings are not in the ledger (orders
 * completed before it existed) gets its ORDER_EARNING, of its earnings now (refunds already
 * deducted), clearing 14 days after its completion, dated at its completion: the seller's
 * balances are what SellerEarnings showed before. Each order is one conditional update on
 * `earningsInLedger` (so two instances starting at once write one line), then the line is applied.
 * Returns how many orders it migrated; 0 once done.
 */
export async function migrateEarnings(models: MoneyModels): Promise<number> {
  let migrated = 0;
  for (;;) {
    const orders = await models.Order.find({ status: 'COMPLETED', earningsInLedger: { $ne: true } })
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean<OrderDoc[]>()
      .exec();
    for (const order of orders) {
      const availableAt = earningsAvailableAtOf(order) ?? order.updatedAt;
      const completedAt = order.completedAt ?? order.updatedAt;
      const lines =
        order.sellerEarningsCents > 0 ? [{ ...earningLine(order, order.sellerEarningsCents, availableAt, completedAt), _id: newId() }] : [];
      const updated = await models.Order.findOneAndUpdate(
        { _id: order._id, earningsInLedger: { $ne: true } },
        {
          $set: { earningsInLedger: true, earningsAvailableAt: availableAt },
          $push: { ledgerPending: { $each: lines } },
          $inc: { ledgerSeq: lines.length, ledgerPendingCount: lines.length },
        },
        { returnDocument: 'after' },
      )
        .lean<OrderDoc>()
        .exec();
      if (!updated) continue;
      migrated += 1;
      await applyOrderLines(models, updated);
    }
    if (orders.length < BATCH) break;
  }
  return migrated;
}

export interface LedgerSweep {
  /** Applies every left-over draft (orders, accounts) and asks the provider again about PENDING withdrawals. */
  runOnce(now?: Date): Promise<{ orders: number; accounts: number }>;
  start(intervalMs?: number): BackgroundTask;
}

export const LEDGER_SWEEP_INTERVAL_MS = 60_000;
/** A PENDING withdrawal younger than this is its request's to finish. */
const PAYOUT_RETRY_AFTER_MS = 60_000;

export function createLedgerSweep(models: MoneyModels, payout: PayoutProvider, clock: () => Date, logger: Logger): LedgerSweep {
  const runOnce = async (now: Date = clock()) => {
    let orders = 0;
    for (;;) {
      const left = await models.Order.find({ ledgerPendingCount: { $gt: 0 } }, { ledgerPending: 1, ledgerSeq: 1 })
        .limit(BATCH)
        .lean<OrderDoc[]>()
        .exec();
      for (const order of left) if (await applyOrderLines(models, order)) orders += 1;
      if (left.length < BATCH) break;
    }
    const accounts = await models.SellerAccount.find({ pendingCount: { $gt: 0 } }, { _id: 1 })
      .lean()
      .exec();
    const stale = await models.Withdrawal.find({ status: 'PENDING', createdAt: { $lte: new Date(now.getTime() - PAYOUT_RETRY_AFTER_MS) } })
      .lean<WithdrawalDoc[]>()
      .exec();
    for (const account of accounts) await settleAccount(models, payout, account._id, now);
    for (const w of stale) await payOut(models, payout, w, now);
    if (orders || accounts.length) logger.info({ orders, accounts: accounts.length }, 'applied left-over ledger lines');
    return { orders, accounts: accounts.length };
  };
  return {
    runOnce,
    start(intervalMs = LEDGER_SWEEP_INTERVAL_MS) {
      return startPeriodicJob({ name: 'ledger-sweep', logger, intervalMs, run: async () => void (await runOnce()) });
    },
  };
}
