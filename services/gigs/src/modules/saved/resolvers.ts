import { withUserErrors } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { saveGig, savedGigsOf, unsaveGig } from './service.js';

export const savedResolvers: Resolvers = {
  Mutation: {
    saveGig: (_, { input }, ctx) => withUserErrors('gig', () => saveGig(ctx, input)),
    unsaveGig: (_, { input }, ctx) => withUserErrors('gig', () => unsaveGig(ctx, input)),
  },
  User: {
    savedGigs: (user, args, ctx) => savedGigsOf(ctx, { ...args, userId: user.id }),
  },
};
