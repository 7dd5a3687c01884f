import type { SubgraphModule } from '@gigmart/shared';
import { offersResolvers } from './resolvers.js';
import { offersTypeDefs } from './schema.js';

/** Custom offers: a seller's terms for one buyer who wrote to them, accepted into an order; their events go to the inbox. */
export const offersModule: SubgraphModule = { typeDefs: offersTypeDefs, resolvers: offersResolvers };

export { createOfferExpiryJob, type OfferExpiryJob } from './expiry.js';
export { offerDayModel, offerModel, type OfferDayModel, type OfferDoc, type OfferModel } from './model.js';
export { offersByOrderId } from './service.js';
