import type { SubgraphModule } from '@gigmart/shared';
import { liveTypeDefs } from './schema.js';

/**
 * Live updates of orders: the Subscription type the gateway serves. Every change of an order
 * records an event in its outbox (orders/apply.ts, messages/service.ts), which reaches the gateway.
 */
export const liveModule: SubgraphModule = { typeDefs: liveTypeDefs, resolvers: {} };
