import type { OrderStatus } from '../../generated/resolvers.js';
import { ACTIVE_STATUSES, type OrderModel } from '../orders/index.js';
import type { ReviewModel } from '../reviews/index.js';
import { EMPTY_SELLER_TOTALS, type GigOrderCounts, type RatingTotals, type SellerOrderTotals } from './rules.js';

/**
 * Aggregates over many gigs or sellers at once, one query each, so that federation asking for the
 * rating of 50 gigs costs one query. FerretDB's $group only sums and counts: averages and rates are
 * divided here.
 *
 * Every $group below has exactly ONE accumulator: FerretDB v1.24 computes only the first
 * accumulator of a $group and returns 0 for the others (measured: { n: {$sum: 1}, s: {$sum:
 * '$rating'} } gives s = 0). So a sum is obtained by grouping on the summed value as well and
 * counting: sum = Σ value × count, done in code. The number of groups stays small (ratings are
 * 1-5; a seller has few distinct package prices).
 */
export async function ratingTotalsBy(
  Review: ReviewModel,
  field: 'gigId' | 'sellerId',
  ids: readonly string[],
): Promise<Map<string, RatingTotals>> {
  const rows = await Review.aggregate<{ _id: { key: string; rating: number }; count: number }>([
    { $match: { [field]: { $in: [...ids] } } },
    { $group: { _id: { key: `$${field}`, rating: '$rating' }, count: { $sum: 1 } } },
  ]).exec();
  const out = new Map<string, RatingTotals>();
  for (const row of rows) {
    const totals = out.get(row._id.key) ?? { count: 0, sum: 0 };
    totals.count += row.count;
    totals.sum += row._id.rating * row.count;
    out.set(row._id.key, totals);
  }
  return out;
}

export async function orderCountsByGig(Order: OrderModel, gigIds: readonly string[]): Promise<Map<string, GigOrderCounts>> {
  const rows = await Order.aggregate<{ _id: { gigId: string; status: OrderStatus }; count: number }>([
    { $match: { gigId: { $in: [...gigIds] }, status: { $in: [...ACTIVE_STATUSES, 'COMPLETED'] } } },
    { $group: { _id: { gigId: '$gigId', status: '$status' }, count: { $sum: 1 } } },
  ]).exec();
  const out = new Map<string, GigOrderCounts>();
  for (const row of rows) {
    const counts = out.get(row._id.gigId) ?? { completed: 0, inQueue: 0 };
    if (row._id.status === 'COMPLETED') counts.completed += row.count;
    else counts.inQueue += row.count;
    out.set(row._id.gigId, counts);
  }
  return out;
}

export async function orderTotalsBySeller(Order: OrderModel, sellerIds: readonly string[]): Promise<Map<string, SellerOrderTotals>> {
  const sellers = [...sellerIds];
  // Two aggregations whose rows grow with the sellers asked about, never with their orders (at
  // most six status/lateness rows a seller, one earnings row), each answered in its first batch:
  // a page of 50 gigs costs these two commands whatever the sellers' histories. One accumulator
  // per $group: FerretDB computes only the first.
  const firstBatch = { batchSize: Math.max(101, sellers.length * 8) };
  const [counts, earnings] = await Promise.all([
    Order.aggregate<{ _id: { sellerId: string; status: OrderStatus; late: boolean }; count: number }>([
      { $match: { sellerId: { $in: sellers }, status: { $in: [...ACTIVE_STATUSES, 'COMPLETED'] } } },
      { $group: { _id: { sellerId: '$sellerId', status: '$status', late: '$deliveredLate' }, count: { $sum: 1 } } },
    ])
      .option(firstBatch)
      .exec(),
    Order.aggregate<{ _id: string; earned: number }>([
      { $match: { sellerId: { $in: sellers }, status: 'COMPLETED' } },
      { $group: { _id: '$sellerId', earned: { $sum: '$sellerEarningsCents' } } },
    ])
      .option(firstBatch)
      .exec(),
  ]);
  const out = new Map<string, SellerOrderTotals>();
  const totalsOf = (sellerId: string) => {
    const totals = out.get(sellerId) ?? { ...EMPTY_SELLER_TOTALS };
    out.set(sellerId, totals);
    return totals;
  };
  for (const row of counts) {
    const totals = totalsOf(row._id.sellerId);
    if (row._id.status === 'COMPLETED') {
      totals.completed += row.count;
      if (row._id.late) totals.completedLate += row.count;
    } else {
      totals.active += row.count;
    }
  }
  for (const row of earnings) totalsOf(row._id).earnedCents = row.earned;
  return out;
}
