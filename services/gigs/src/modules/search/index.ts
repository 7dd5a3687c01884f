import type { SubgraphModule } from '@gigmart/shared';
import { searchResolvers } from './resolvers.js';
import { searchTypeDefs } from './schema.js';

export const searchModule: SubgraphModule = { typeDefs: searchTypeDefs, resolvers: searchResolvers };
export { searchGigs } from './service.js';
export { createSearchLimit, DEFAULT_SEARCH_LIMIT, type SearchLimitOptions } from './limit.js';
