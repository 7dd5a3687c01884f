import { findPage, money } from '@gigmart/shared';
import type { OrdersContext } from '../../context.js';
import { REVIEWS_NEWEST_FIRST } from '../reviews/resolvers.js';
import { sellerLevel } from './rules.js';
import { averageOf, earningsOf, onTimeRate, type RatingTotals } from './stats.js';

interface UserRepresentation {
  id: string;
  sellerProfile?: { sellerSince?: string | null } | null;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const ratingSummary = (totals: RatingTotals) => ({ average: averageOf(totals), count: totals.count });

export const trackRecordResolvers = {
  User: {
    // Public: the track record is what buyers judge a seller by; earnings check the viewer below.
    __resolveReference: (ref: UserRepresentation) => ref,
    sellerStats: async (user: UserRepresentation, _: unknown, ctx: OrdersContext) => {
      const [totals, rating] = await Promise.all([
        ctx.loaders.sellerOrderTotals.load(user.id),
        ctx.loaders.sellerRating.load(user.id),
      ]);
      const sellerSince = user.sellerProfile?.sellerSince ? new Date(user.sellerProfile.sellerSince) : null;
      const onTime = onTimeRate(totals);
      return {
        level: sellerLevel(
          {
            completedOrders: totals.completed,
            earnedCents: totals.earnedCents,
            sellerSince,
            averageRating: averageOf(rating),
            onTimeDeliveryRate: onTime,
          },
          ctx.deps.clock(),
        ),
        completedOrders: totals.completed,
        activeOrders: totals.active,
        rating: ratingSummary(rating),
        onTimeDeliveryRate: onTime,
      };
    },
    sellerEarnings: async (user: UserRepresentation, _: unknown, ctx: OrdersContext) => {
      if (!ctx.viewer || ctx.viewer.id !== user.id) return null;
      const totals = await earningsOf(ctx.models.Order, user.id, ctx.deps.clock());
      return {
        pendingClearance: money(totals.pendingClearanceCents),
        cleared: money(totals.clearedCents),
        lifetime: money(totals.lifetimeCents),
      };
    },
    reviewsReceived: (user: UserRepresentation, args: PageArgs, ctx: OrdersContext) =>
      findPage(ctx.models.Review, { filter: { sellerId: user.id }, sort: REVIEWS_NEWEST_FIRST, first: args.first, after: args.after }),
  },
  Gig: {
    // Public figures of any gig the gigs subgraph chose to show.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    reviews: (gig: { id: string }, args: PageArgs, ctx: OrdersContext) =>
      findPage(ctx.models.Review, { filter: { gigId: gig.id }, sort: REVIEWS_NEWEST_FIRST, first: args.first, after: args.after }),
    rating: async (gig: { id: string }, _: unknown, ctx: OrdersContext) => ratingSummary(await ctx.loaders.gigRating.load(gig.id)),
    ordersCompleted: async (gig: { id: string }, _: unknown, ctx: OrdersContext) => (await ctx.loaders.gigOrderCounts.load(gig.id)).completed,
    ordersInQueue: async (gig: { id: string }, _: unknown, ctx: OrdersContext) => (await ctx.loaders.gigOrderCounts.load(gig.id)).inQueue,
  },
};
