import type { GigsContext } from '../../context.js';
import { searchGigs, type SearchArgs } from './search.js';

export const searchResolvers = {
  Query: {
    searchGigs: (_: unknown, args: SearchArgs, ctx: GigsContext) => searchGigs(ctx.models.Gig, ctx.categories, args),
  },
};
