import type { SubgraphModule } from '@gigmart/shared';
import { messageResolvers } from './resolvers.js';
import { messageTypeDefs } from './schema.js';

/** Order messages: a thread per order between its buyer and seller (its own collection). */
export const messagesModule: SubgraphModule = { typeDefs: messageTypeDefs, resolvers: messageResolvers };

export { messageModel, type MessageDoc, type MessageModel } from './model.js';
