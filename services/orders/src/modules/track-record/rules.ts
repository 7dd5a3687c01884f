export type SellerLevel = 'NEW' | 'LEVEL_ONE' | 'LEVEL_TWO' | 'TOP_RATED';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The contract's thresholds, highest first. Money in cents. */
export const LEVEL_THRESHOLDS: ReadonlyArray<{ level: Exclude<SellerLevel, 'NEW'>; completedOrders: number; earnedCents: number; daysAsSeller: number }> = [
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
