import type { SubgraphModule } from '@gigmart/shared';
import { savedResolvers } from './resolvers.js';
import { savedTypeDefs } from './schema.js';

export const savedModule: SubgraphModule = { typeDefs: savedTypeDefs, resolvers: savedResolvers };
export { savedGigModel, type SavedGigDoc, type SavedGigModel } from './model.js';
