import type { SubgraphModule } from '@gigmart/shared';
import { conversationsResolvers } from './resolvers.js';
import { conversationsTypeDefs } from './schema.js';

/** Conversations between two members: the pair's thread, each side's read state and flags, blocks, the opening limit. */
export const conversationsModule: SubgraphModule = { typeDefs: conversationsTypeDefs, resolvers: conversationsResolvers };
export { startCleanupJob } from './cleanup.js';
export {
  conversationModel,
  openingWindowModel,
  type ConversationDoc,
  type ConversationModel,
  type OpeningWindowDoc,
  type OpeningWindowModel,
} from './model.js';
export { HAS_WRITTEN_ROUTE, registerConversationRoutes, type HasWrittenRequest, type HasWrittenResponse } from './routes.js';
export { countMessage, findVisibleConversation, type ConversationPage, type CountedMessage } from './service.js';
