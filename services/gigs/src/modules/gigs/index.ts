import type { SubgraphModule } from '@gigmart/shared';
import { gigResolvers } from './resolvers.js';
import { gigTypeDefs } from './schema.js';

export const gigsModule: SubgraphModule = { typeDefs: gigTypeDefs, resolvers: gigResolvers };
export { dropStoredWords, gigModel, type GigDoc, type GigModel, type GigPackageDoc, type GigRequirementDoc } from './model.js';
export { registerGigRoutes } from './routes.js';
export { findVisibleGig, type GigPage, type UserRef } from './service.js';
