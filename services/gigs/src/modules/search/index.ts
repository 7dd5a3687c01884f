import type { SubgraphModule } from '@gigmart/shared';
import { searchResolvers } from './resolvers.js';
import { searchTypeDefs } from './schema.js';

export const searchModule: SubgraphModule = { typeDefs: searchTypeDefs, resolvers: searchResolvers };
export { searchGigs, type SearchPage, type GigFacetsResult } from './service.js';
export { createSearchLimit, DEFAULT_SEARCH_LIMIT, type SearchLimitOptions } from './limit.js';
export { GigSearchIndex, INDEX_PROJECTION, type IndexedGig, type IndexSource } from './gig-index.js';
export { DEFAULT_RECONCILE_INTERVAL_MS, SearchIndexSync, type ReconcileResult } from './sync.js';
