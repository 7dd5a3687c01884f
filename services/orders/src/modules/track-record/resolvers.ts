import type { Resolvers } from '../../generated/resolvers.js';
import { reviewsOfGig, reviewsOfSeller } from '../reviews/index.js';
import { sellerEarnings } from '../money/index.js';
import { gigOrderCounts, gigRating, sellerStats } from './service.js';

export const trackRecordResolvers: Resolvers = {
  User: {
    // Public: the track record is what buyers judge a seller by; earnings check the viewer.
    __resolveReference: (ref) => ref,
    sellerStats: (user, _, ctx) => sellerStats(ctx, user),
    sellerEarnings: (user, _, ctx) => sellerEarnings(ctx, user.id),
    reviewsReceived: (user, page, ctx) => reviewsOfSeller(ctx, user.id, page),
  },
  Gig: {
    // Public figures of any gig the gigs subgraph chose to show.
    __resolveReference: (ref) => ({ id: ref.id }),
    reviews: (gig, page, ctx) => reviewsOfGig(ctx, gig.id, page),
    rating: (gig, _, ctx) => gigRating(ctx, gig.id),
    ordersCompleted: async (gig, _, ctx) => (await gigOrderCounts(ctx, gig.id)).completed,
    ordersInQueue: async (gig, _, ctx) => (await gigOrderCounts(ctx, gig.id)).inQueue,
  },
};
