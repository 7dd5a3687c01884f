import type { SubgraphModule } from '@gigmart/shared';
import { trackRecordResolvers } from './resolvers.js';
import { trackRecordTypeDefs } from './schema.js';

/** The seller's track record on User and Gig: stats, level, earnings, ratings, received reviews. */
export const trackRecordModule: SubgraphModule = { typeDefs: trackRecordTypeDefs, resolvers: trackRecordResolvers };

export { createTrackRecordCache, type TrackRecordCache } from './cache.js';
export { EMPTY_SELLER_TOTALS, type GigOrderCounts, type RatingTotals, type SellerOrderTotals } from './rules.js';
export { gigRef, sellerLevelNow, userRef, type GigRef, type UserRef } from './service.js';
export { orderCountsByGig, orderTotalsBySeller, ratingTotalsBy } from './stats.js';
