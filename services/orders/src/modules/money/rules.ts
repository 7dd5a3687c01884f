import { createHash } from 'node:crypto';
import { rule, wholeNumber, type UserError } from '@gigmart/shared';
import { z } from 'zod';
import type { LedgerEntryKind, SellerLevel } from '../../generated/resolvers.js';
import type { OrderDoc } from '../orders/index.js';
import type { LedgerEntryDoc } from './model.js';

/**
 * The money rules of orders.money.graphql as pure functions: clearance, tips, withdrawals, the
 * ledger lines an order change writes, and balances from ledger sums. No I/O, no clock.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
/** An ORDER_EARNING clears this long after completion; 7 days for sellers TOP_RATED at completion. */
export const CLEARANCE_MS = 14 * DAY_MS;
export const TOP_RATED_CLEARANCE_MS = 7 * DAY_MS;
/** Tips: within 7 days of completion, $5.00 at least, at most max(subtotal, $25.00). */
export const TIP_WINDOW_MS = 7 * DAY_MS;
export const TIP_MIN_CENTS = 500;
export const TIP_CAP_FLOOR_CENTS = 2500;
/** Withdrawals: $10.00 to $5,000.00, one per 24 hours. */
export const WITHDRAWAL_MIN_CENTS = 1000;
export const WITHDRAWAL_MAX_CENTS = 500_000;
export const WITHDRAWAL_INTERVAL_MS = DAY_MS;
/** Withdrawals made without a client key are keyed `auto:<id>`; clients may not use the prefix. */
export const AUTO_KEY_PREFIX = 'auto:';

export function clearanceMs(levelAtCompletion: SellerLevel): number {
  return levelAtCompletion === 'TOP_RATED' ? TOP_RATED_CLEARANCE_MS : CLEARANCE_MS;
}

/**
 * When a completed order's ORDER_EARNING clears: stored at completion; orders completed before the
 * ledger existed clear 14 days after completion (as the old SellerEarnings counted them).
 */
export function earningsAvailableAtOf(order: Pick<OrderDoc, 'completedAt' | 'earningsAvailableAt'>): Date | null {
  if (order.earningsAvailableAt) return order.earningsAvailableAt;
  return order.completedAt ? new Date(order.completedAt.getTime() + CLEARANCE_MS) : null;
}

// ---------------------------------------------------------------------------------------------
// Ledger lines of order changes

type LineFields = Omit<LedgerEntryDoc, '_id'>;

export function earningLine(order: Pick<OrderDoc, '_id' | 'sellerId'>, amountCents: number, availableAt: Date, at: Date): LineFields {
  return {
    key: `earning:${String(order._id)}`,
    sellerId: order.sellerId,
    kind: 'ORDER_EARNING',
    amountCents,
    orderId: order._id,
    withdrawalId: null,
    availableAt,
    matureAt: availableAt,
    createdAt: at,
  };
}

/**
 * The lines an order change writes, with the change itself (orders/service.ts applyPrepared):
 * entering COMPLETED writes the ORDER_EARNING (earnings after the change, so refunds before
 * completion are deducted and extras included); a change of a COMPLETED order that lowers its
 * earnings (a dispute resolved with a refund or a cancellation) writes a REFUND of the difference,
 * maturing with the credit it reduces. An order completed before the ledger existed has its
 * earning written by the migration, from its earnings at that time: no REFUND for it here.
 */
export function orderLines(
  order: Pick<OrderDoc, '_id' | 'sellerId' | 'status' | 'sellerEarningsCents' | 'completedAt' | 'earningsAvailableAt' | 'earningsInLedger'>,
  to: OrderDoc['status'],
  earningsAfterCents: number,
  now: Date,
  clearance: number,
): LineFields[] {
  if (order.status !== 'COMPLETED' && to === 'COMPLETED') {
    if (earningsAfterCents <= 0) return [];
    return [earningLine(order, earningsAfterCents, new Date(now.getTime() + clearance), now)];
  }
  if (order.status === 'COMPLETED' && order.earningsInLedger && earningsAfterCents < order.sellerEarningsCents) {
    return [
      {
        key: `refund:${String(order._id)}`,
        sellerId: order.sellerId,
        kind: 'REFUND',
        amountCents: earningsAfterCents - order.sellerEarningsCents,
        orderId: order._id,
        withdrawalId: null,
        availableAt: null,
        matureAt: earningsAvailableAtOf(order),
        createdAt: now,
      },
    ];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Tips

export function tipCapCents(subtotalCents: number): number {
  return Math.max(subtotalCents, TIP_CAP_FLOOR_CENTS);
}

const idempotencyKey = z
  .string()
  .refine(
    (key) => key.length >= 1 && key.length <= 255 && !key.startsWith(AUTO_KEY_PREFIX),
    rule(`The idempotency key must be 1-255 characters, not starting with "${AUTO_KEY_PREFIX}".`),
  )
  .nullish()
  .transform((key) => key ?? null);

export const tipOrderInput = z.object({
  orderId: z.string(),
  amountCents: z
    .number()
    .refine((n) => Number.isInteger(n), rule('The tip must be a whole number of cents.'))
    .refine((n) => n >= TIP_MIN_CENTS, rule('A tip is $5.00 at least.')),
  idempotencyKey,
});

/** What stops this tip on this order now (after the member was found to be its buyer), or null. */
export function tipRefusal(
  order: Pick<OrderDoc, 'status' | 'completedAt' | 'subtotalCents' | 'tip'>,
  amountCents: number,
  now: Date,
): UserError | null {
  if (order.status !== 'COMPLETED' || !order.completedAt)
    return { field: null, message: 'Only a completed order can be tipped.', code: 'INVALID_STATE' };
  if (order.tip) return { field: null, message: 'This order was already tipped.', code: 'LIMIT_REACHED' };
  if (now.getTime() - order.completedAt.getTime() > TIP_WINDOW_MS)
    return { field: null, message: 'Tips are given within 7 days after completion.', code: 'INVALID_STATE' };
  const cap = tipCapCents(order.subtotalCents);
  if (amountCents > cap)
    return { field: ['input', 'amountCents'], message: `A tip on this order is at most ${formatDollars(cap)}.`, code: 'INVALID' };
  return null;
}

export function tipFingerprint(orderId: string, amountCents: number): string {
  return fingerprint({ operation: 'tipOrder', orderId: orderId.toLowerCase(), amountCents });
}

// ---------------------------------------------------------------------------------------------
// Withdrawals

export const withdrawEarningsInput = z.object({
  amountCents: wholeNumber('The amount', { min: WITHDRAWAL_MIN_CENTS, max: WITHDRAWAL_MAX_CENTS }),
  idempotencyKey,
});

export function withdrawalFingerprint(amountCents: number): string {
  return fingerprint({ operation: 'withdrawEarnings', amountCents });
}

/** Whether a withdrawal made at `last` still blocks one at `now` (one per 24 hours). */
export function withinWithdrawalInterval(last: Date | null, now: Date): boolean {
  return last !== null && now.getTime() - last.getTime() < WITHDRAWAL_INTERVAL_MS;
}

function fingerprint(value: Record<string, string | number>): string {
  const json = JSON.stringify(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
  return `v1:${createHash('sha256').update(json).digest('hex')}`;
}

function formatDollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------
// Balances

/** Sums over ledger lines: per kind, and over the credits and refunds that have matured. */
export interface LedgerSums {
  byKind: Partial<Record<LedgerEntryKind, number>>;
  /** Credits and refunds whose matureAt has passed, of orders not held by an OPEN dispute. */
  matured: number;
}

export interface Balances {
  pendingClearanceCents: number;
  availableCents: number;
  withdrawnCents: number;
  lifetimeCents: number;
  clearedCents: number;
}

export const NO_SUMS = (): LedgerSums => ({ byKind: {}, matured: 0 });

type SumLine = Pick<LedgerEntryDoc, 'kind' | 'amountCents' | 'matureAt' | 'orderId'>;

/** Adds (sign 1) or takes away (sign -1) lines from sums, as seen at `now` with these orders held. */
export function addLines(sums: LedgerSums, lines: readonly SumLine[], now: Date, held: ReadonlySet<string>, sign: 1 | -1 = 1): LedgerSums {
  const byKind = { ...sums.byKind };
  let matured = sums.matured;
  for (const line of lines) {
    byKind[line.kind] = (byKind[line.kind] ?? 0) + sign * line.amountCents;
    if (isMatured(line, now, held)) matured += sign * line.amountCents;
  }
  return { byKind, matured };
}

/**
 * Whether a line counts as cleared at `now`: its matureAt has passed and, for an order's earning
 * and its refund, the order is not held by an OPEN dispute. A TIP_EARNING is available when written
 * and stays so: a dispute opened after the tip was withdrawn would otherwise make `available`
 * negative (a dispute can only find the ORDER_EARNING still pending, never a tip).
 */
export function isMatured(line: SumLine, now: Date, held: ReadonlySet<string>): boolean {
  if (line.matureAt === null || line.matureAt.getTime() > now.getTime()) return false;
  return !(HELD_KINDS.includes(line.kind) && line.orderId !== null && held.has(String(line.orderId)));
}

/** The lines an OPEN dispute holds in pendingClearance. */
export const HELD_KINDS: readonly LedgerEntryKind[] = ['ORDER_EARNING', 'REFUND'];

/**
 * The contract's balances from ledger sums: lifetime = credits + refunds; withdrawn = withdrawals
 * less reversals; cleared = what has matured; available = cleared - withdrawn; pending = lifetime -
 * cleared. So pending + available + withdrawn = lifetime always.
 */
export function balancesOf(sums: LedgerSums): Balances {
  const k = (kind: LedgerEntryKind) => sums.byKind[kind] ?? 0;
  const lifetimeCents = k('ORDER_EARNING') + k('TIP_EARNING') + k('REFUND');
  const withdrawnCents = -(k('WITHDRAWAL') + k('WITHDRAWAL_REVERSAL'));
  const clearedCents = sums.matured;
  return {
    lifetimeCents,
    withdrawnCents,
    clearedCents,
    availableCents: clearedCents - withdrawnCents,
    pendingClearanceCents: lifetimeCents - clearedCents,
  };
}
