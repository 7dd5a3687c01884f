import { createByIdLoader, createGroupedLoader, DataLoader, isObjectId } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { OrdersModels } from './context.js';
import type { TrackRecordCache } from './modules/track-record/cache.js';
import type { MessageDoc } from './modules/messages/model.js';
import type { OrderDoc } from './modules/orders/model.js';
import type { ReviewDoc } from './modules/reviews/model.js';
import {
  EMPTY_SELLER_TOTALS,
  orderCountsByGig,
  orderTotalsBySeller,
  ratingTotalsBy,
  type GigOrderCounts,
  type RatingTotals,
  type SellerOrderTotals,
} from './modules/track-record/stats.js';

/** Per-request loaders: everything asked for many orders, gigs or sellers at once is one query per batch. */
export interface OrdersLoaders {
  orderById: DataLoader<string, OrderDoc | null>;
  reviewById: DataLoader<string, ReviewDoc | null>;
  reviewByOrderId: DataLoader<string, ReviewDoc | null>;
  messagesByOrderId: DataLoader<string, MessageDoc[]>;
  gigRating: DataLoader<string, RatingTotals>;
  sellerRating: DataLoader<string, RatingTotals>;
  gigOrderCounts: DataLoader<string, GigOrderCounts>;
  sellerOrderTotals: DataLoader<string, SellerOrderTotals>;
}

const NO_RATING = (): RatingTotals => ({ count: 0, sum: 0 });
const NO_TOTALS = (): SellerOrderTotals => ({ ...EMPTY_SELLER_TOTALS });

export function createLoaders(models: OrdersModels, trackRecord: TrackRecordCache): OrdersLoaders {
  const { Order, Review, Message } = models;
  return {
    orderById: createByIdLoader<OrderDoc>(Order),
    reviewById: createByIdLoader<ReviewDoc>(Review),
    reviewByOrderId: new DataLoader<string, ReviewDoc | null>(async (ids) => {
      const valid = [...new Set(ids.filter(isObjectId))].map((id) => new Types.ObjectId(id));
      const found = valid.length ? await Review.find({ orderId: { $in: valid } }).lean<ReviewDoc[]>().exec() : [];
      const byOrder = new Map(found.map((r) => [String(r.orderId), r]));
      return ids.map((id) => byOrder.get(id) ?? null);
    }),
    messagesByOrderId: new DataLoader<string, MessageDoc[]>(async (ids) => {
      const valid = [...new Set(ids.filter(isObjectId))].map((id) => new Types.ObjectId(id));
      const found = valid.length
        ? await Message.find({ orderId: { $in: valid } }).sort({ sentAt: 1, _id: 1 }).lean<MessageDoc[]>().exec()
        : [];
      const byOrder = new Map<string, MessageDoc[]>();
      for (const m of found) byOrder.set(String(m.orderId), [...(byOrder.get(String(m.orderId)) ?? []), m]);
      return ids.map((id) => byOrder.get(id) ?? []);
    }),
    gigRating: createGroupedLoader((ids) => ratingTotalsBy(Review, 'gigId', ids), NO_RATING),
    sellerRating: createGroupedLoader((ids) => trackRecord.rating.load(ids, (missing) => ratingTotalsBy(Review, 'sellerId', missing), NO_RATING), NO_RATING),
    gigOrderCounts: createGroupedLoader((ids) => orderCountsByGig(Order, ids), () => ({ completed: 0, inQueue: 0 })),
    // The cache fills in every seller asked for, so the loaders' own fallback never applies.
    sellerOrderTotals: createGroupedLoader((ids) => trackRecord.orderTotals.load(ids, (missing) => orderTotalsBySeller(Order, missing), NO_TOTALS), NO_TOTALS),
  };
}
