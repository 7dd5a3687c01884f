import { isOpenOrderStatus, type OrderFacts } from '@gigmart/shared';
import type { OrderFactDoc } from './model.js';

/** What a gig's search stats are made of. */
export interface GigStats {
  ordersCompleted: number;
  ordersInQueue: number;
  ratingSum: number;
  ratingCount: number;
  /** null while unrated. */
  ratingAverage: number | null;
}

export type FactRow = Pick<OrderFactDoc, 'gigId' | 'sellerId' | 'status' | 'completed' | 'inQueue' | 'rated' | 'rating'>;

/** An order's facts as the row that counts toward its gig. */
export function factRow(facts: OrderFacts): FactRow {
  const rated = facts.rating !== null;
  return {
    gigId: facts.gigId,
    sellerId: facts.sellerId,
    status: facts.status,
    completed: facts.status === 'COMPLETED' ? 1 : 0,
    inQueue: isOpenOrderStatus(facts.status) ? 1 : 0,
    rated: rated ? 1 : 0,
    rating: rated ? facts.rating! : 0,
  };
}

/** A gig's stats from all its orders' rows. */
export function summarize(rows: ReadonlyArray<Pick<FactRow, 'completed' | 'inQueue' | 'rated' | 'rating'>>): GigStats {
  let ordersCompleted = 0;
  let ordersInQueue = 0;
  let ratingSum = 0;
  let ratingCount = 0;
  for (const row of rows) {
    ordersCompleted += row.completed;
    ordersInQueue += row.inQueue;
    if (row.rated) {
      ratingCount += 1;
      ratingSum += row.rating;
    }
  }
  return { ordersCompleted, ordersInQueue, ratingSum, ratingCount, ratingAverage: ratingCount ? ratingSum / ratingCount : null };
}

/** TOP_RATED's key and minRating's field: the average, or -1 while unrated (never null). */
export function ratingSortKey(stats: GigStats): number {
  return stats.ratingAverage ?? -1;
}

export function sameStats(a: Partial<GigStats> | null | undefined, b: GigStats): boolean {
  return (
    (a?.ordersCompleted ?? 0) === b.ordersCompleted &&
    (a?.ordersInQueue ?? 0) === b.ordersInQueue &&
    (a?.ratingSum ?? 0) === b.ratingSum &&
    (a?.ratingCount ?? 0) === b.ratingCount &&
    (a?.ratingAverage ?? null) === b.ratingAverage
  );
}

/** A gig's stored stats, with the defaults of a gig no event has reached yet. */
export function statsOf(gig: { stats?: Partial<GigStats> | null }): GigStats {
  const s = gig.stats ?? {};
  return {
    ordersCompleted: s.ordersCompleted ?? 0,
    ordersInQueue: s.ordersInQueue ?? 0,
    ratingSum: s.ratingSum ?? 0,
    ratingCount: s.ratingCount ?? 0,
    ratingAverage: s.ratingAverage ?? null,
  };
}
