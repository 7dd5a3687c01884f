import type { SubgraphModule } from '@gigmart/shared';
import { reviewResolvers } from './resolvers.js';
import { reviewTypeDefs } from './schema.js';

export const reviewsModule: SubgraphModule = { typeDefs: reviewTypeDefs, resolvers: reviewResolvers };
