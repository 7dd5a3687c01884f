import type { SubgraphModule } from '@gigmart/shared';
import { reviewsResolvers } from './resolvers.js';
import { reviewsTypeDefs } from './schema.js';

/** Reviews: the buyer's one review of a completed order and the seller's one response (own collection). */
export const reviewsModule: SubgraphModule = { typeDefs: reviewsTypeDefs, resolvers: reviewsResolvers };

export { reviewModel, type ReviewDoc, type ReviewModel } from './model.js';
export { reviewsOfGig, reviewsOfSeller, type ReviewPage } from './service.js';
