import { forbidden, requireViewer, withUserErrors, type SortSpec } from '@gigmart/shared';
import { canSeeOrder, type OrdersContext } from '../../context.js';
import { userRef } from '../orders/resolvers.js';
import type { ReviewDoc } from './model.js';
import { leaveReview, respondToReview, type LeaveReviewInput } from './service.js';

export const REVIEWS_NEWEST_FIRST: SortSpec = { name: 'reviews:newest', keys: [{ field: 'createdAt', direction: -1 }] };

export const reviewResolvers = {
  Query: {
    review: (_: unknown, args: { id: string }, ctx: OrdersContext) => ctx.loaders.reviewById.load(args.id),
  },
  Mutation: {
    leaveReview: (_: unknown, { input }: { input: LeaveReviewInput }, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('review', () => leaveReview(ctx.models, ctx.deps, viewer, input));
    },
    respondToReview: (_: unknown, { input }: { input: { reviewId: string; response: string } }, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('review', () => respondToReview(ctx.models, ctx.deps, viewer, input));
    },
  },
  Review: {
    // Reviews are public.
    __resolveReference: (ref: { id: string }, ctx: OrdersContext) => ctx.loaders.reviewById.load(ref.id),
    id: (r: ReviewDoc) => String(r._id),
    /**
     * The review is public, its order is not: only the order's buyer, seller and admins may follow
     * this link; anyone else gets FORBIDDEN on this field (the contract makes it non-null).
     */
    order: async (r: ReviewDoc, _: unknown, ctx: OrdersContext) => {
      const order = await ctx.loaders.orderById.load(String(r.orderId));
      if (!order || !canSeeOrder(ctx.viewer, order)) throw forbidden('Only the order\'s buyer, its seller and admins can see the order.');
      return order;
    },
    gig: (r: ReviewDoc) => ({ __typename: 'Gig', id: r.gigId }),
    author: (r: ReviewDoc) => userRef(r.authorId),
    seller: (r: ReviewDoc) => userRef(r.sellerId),
  },
};
