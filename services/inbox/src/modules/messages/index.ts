import type { SubgraphModule } from '@gigmart/shared';
import { messagesResolvers } from './resolvers.js';
import { messagesTypeDefs } from './schema.js';

/** Messages of conversations: sending (with the opening of a conversation), the thread, a conversation's last message. */
export const messagesModule: SubgraphModule = { typeDefs: messagesTypeDefs, resolvers: messagesResolvers };
export { messageModel, type MessageDoc, type MessageModel } from './model.js';
export { countedMessage, findVisibleMessage, type MessagePage, type SentMessage } from './service.js';
