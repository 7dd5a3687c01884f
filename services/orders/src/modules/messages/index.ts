import type { SubgraphModule } from '@gigmart/shared';
import { messagesResolvers } from './resolvers.js';
import { messagesTypeDefs } from './schema.js';

/** Order messages: a thread per order between its buyer and seller (its own collection). */
export const messagesModule: SubgraphModule = { typeDefs: messagesTypeDefs, resolvers: messagesResolvers };

export { messageModel, type MessageDoc, type MessageModel } from './model.js';
