import type { Resolvers } from '../../generated/resolvers.js';
import { searchGigs } from './service.js';

export const searchResolvers: Resolvers = {
  Query: {
    searchGigs: (_, args, ctx) => searchGigs(ctx, args),
  },
};
