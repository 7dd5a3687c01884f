import type { SubgraphModule } from '@gigmart/shared';
import { messageResolvers } from './resolvers.js';
import { messageTypeDefs } from './schema.js';

export const messagesModule: SubgraphModule = { typeDefs: messageTypeDefs, resolvers: messageResolvers };
