import type { SubgraphModule } from '@gigmart/shared';
import { liveResolvers } from './resolvers.js';
import { liveTypeDefs } from './schema.js';

/** Live updates: the Subscription type the gateway serves, and the live events the inbox sends it (channel.ts). */
export const liveModule: SubgraphModule = { typeDefs: liveTypeDefs, resolvers: liveResolvers };
export { createLiveChannel, NO_LIVE, type LiveChannel } from './channel.js';
export { afterMessageStored } from './service.js';
