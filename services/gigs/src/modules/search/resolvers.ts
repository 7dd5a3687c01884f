import { money } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { searchGigs, searchSuggestions } from './service.js';

export const searchResolvers: Resolvers = {
  Query: {
    searchGigs: (_, args, ctx) => searchGigs(ctx, args),
    searchSuggestions: (_, args, ctx) => searchSuggestions(ctx, args),
  },
  GigConnection: {
    // Only searchGigs' pages carry facets; every other GigConnection answers null.
    facets: (page) => ('facets' in page && typeof page.facets === 'function' ? page.facets() : null),
  },
  PriceRangeFacet: {
    min: (range) => (range.min === null ? null : money(range.min)),
    max: (range) => (range.max === null ? null : money(range.max)),
  },
};
