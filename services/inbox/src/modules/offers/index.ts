import type { SubgraphModule } from '@gigmart/shared';
import { offersResolvers } from './resolvers.js';
import { offersTypeDefs } from './schema.js';

/** Custom offers as the inbox sees them: the message carrying each one sent (from the orders service's events), Message.offer. */
export const offersModule: SubgraphModule = { typeDefs: offersTypeDefs, resolvers: offersResolvers };
export { applyOfferEvents } from './service.js';
