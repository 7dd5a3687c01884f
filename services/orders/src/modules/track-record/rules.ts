import type { RatingSummary, SellerLevel } from '../../generated/resolvers.js';

/** A seller's track record as figures: the level, ratings and on-time rate from totals. Pure. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The contract's thresholds, highest first. Money in cents. */
export const LEVEL_THRESHOLDS: ReadonlyArray<{
  level: Exclude<SellerLevel, 'NEW'>;
  completedOrders: number;
  earnedCents: number;
  daysAsSeller: number;
}> = [
  { level: 'TOP_RATED', completedOrders: 100, earnedCents: 2_000_000, daysAsSeller: 180 },
  { level: 'LEVEL_TWO', completedOrders: 50, earnedCents: 200_000, daysAsSeller: 120 },
  { level: 'LEVEL_ONE', completedOrders: 10, earnedCents: 40_000, daysAsSeller: 60 },
];
export const MIN_AVERAGE_RATING = 4.7;
export const MIN_ON_TIME_RATE = 0.9;

export interface TrackRecord {
  completedOrders: number;
  /** The seller's earnings (subtotal less commission) summed over completed orders. */
  earnedCents: number;
  sellerSince: Date | null;
  /** Null until the first review. */
  averageRating: number | null;
  /** Null before the first completion. */
  onTimeDeliveryRate: number | null;
}

/** Whole days between becoming a seller and `now`. */
export function daysAsSeller(sellerSince: Date | null, now: Date): number {
  if (!sellerSince) return 0;
  return Math.max(0, Math.floor((now.getTime() - sellerSince.getTime()) / DAY_MS));
}

/**
 * The highest level whose thresholds the record meets. Every level also needs an average rating of
 * at least 4.7 (so an unreviewed seller stays NEW) and 90% on-time delivery.
 */
export function sellerLevel(record: TrackRecord, now: Date): SellerLevel {
  const quality =
    record.averageRating !== null &&
    record.averageRating >= MIN_AVERAGE_RATING &&
    record.onTimeDeliveryRate !== null &&
    record.onTimeDeliveryRate >= MIN_ON_TIME_RATE;
  if (!quality) return 'NEW';
  const days = daysAsSeller(record.sellerSince, now);
  const reached = LEVEL_THRESHOLDS.find(
    (t) => record.completedOrders >= t.completedOrders && record.earnedCents >= t.earnedCents && days >= t.daysAsSeller,
  );
  return reached?.level ?? 'NEW';
}

// ---------------------------------------------------------------------------------------------
// Totals, as the aggregations of stats.ts return them, and what is derived from them.

export interface RatingTotals {
  count: number;
  sum: number;
}

export function averageOf(totals: RatingTotals): number | null {
  return totals.count > 0 ? totals.sum / totals.count : null;
}

/** RatingSummary: the average (null until the first review) and the count. */
export function ratingSummary(totals: RatingTotals): RatingSummary {
  return { average: averageOf(totals), count: totals.count };
}

export interface GigOrderCounts {
  completed: number;
  inQueue: number;
}

export interface SellerOrderTotals {
  completed: number;
  completedLate: number;
  active: number;
  /** Sum of the seller's earnings over completed orders. */
  earnedCents: number;
}

export const EMPTY_SELLER_TOTALS: SellerOrderTotals = { completed: 0, completedLate: 0, active: 0, earnedCents: 0 };

export function onTimeRate(totals: SellerOrderTotals): number | null {
  return totals.completed > 0 ? (totals.completed - totals.completedLate) / totals.completed : null;
}
