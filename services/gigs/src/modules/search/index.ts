import type { SubgraphModule } from '@gigmart/shared';
import { searchResolvers } from './resolvers.js';
import { searchTypeDefs } from './schema.js';

export const searchModule: SubgraphModule = { typeDefs: searchTypeDefs, resolvers: searchResolvers };
export { searchGigs } from './service.js';
