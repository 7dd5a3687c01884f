import { withUserErrors } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { gigRef, userRef } from '../track-record/index.js';
import { findReview, leaveReview, orderOfReview, respondToReview } from './service.js';

export const reviewsResolvers: Resolvers = {
  Query: {
    review: (_, { id }, ctx) => findReview(ctx, id),
  },
  Mutation: {
    leaveReview: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('review', () => leaveReview(member, input));
    },
    respondToReview: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('review', () => respondToReview(member, input));
    },
  },
  Review: {
    __resolveReference: (ref, ctx) => findReview(ctx, ref.id),
    id: (r) => String(r._id),
    order: (r, _, ctx) => orderOfReview(ctx, r),
    gig: (r) => gigRef(r.gigId),
    author: (r) => userRef(r.authorId),
    seller: (r) => userRef(r.sellerId),
  },
};
