import { withUserErrors } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import {
  conversationsOf,
  conversationWith,
  findVisibleConversation,
  inboxCounts,
  markConversationRead,
  seenBy,
  updateConversation,
} from './service.js';

export const conversationsResolvers: Resolvers = {
  Query: {
    conversations: (_, args, ctx) => conversationsOf(ctx, args),
    conversation: (_, { id }, ctx) => findVisibleConversation(ctx, id),
    conversationWith: (_, { userId }, ctx) => conversationWith(ctx, userId),
    inboxCounts: (_, __, ctx) => inboxCounts(ctx),
  },
  Mutation: {
    markConversationRead: (_, { input }, ctx) => withUserErrors('conversation', () => markConversationRead(ctx, input)),
    updateConversation: (_, { input }, ctx) => withUserErrors('conversation', () => updateConversation(ctx, input)),
  },
  Conversation: {
    // Batched, with the same rule as conversation(id): its two participants only.
    __resolveReference: (ref, ctx) => findVisibleConversation(ctx, ref.id),
    id: (conversation) => String(conversation._id),
    counterpart: (conversation, _, ctx) => ({ id: seenBy(ctx, conversation).counterpartId }),
    unreadCount: (conversation, _, ctx) => seenBy(ctx, conversation).unreadCount,
    starred: (conversation, _, ctx) => seenBy(ctx, conversation).starred,
    archived: (conversation, _, ctx) => seenBy(ctx, conversation).archived,
    blocked: (conversation, _, ctx) => seenBy(ctx, conversation).blocked,
    blockedByViewer: (conversation, _, ctx) => seenBy(ctx, conversation).blockedByViewer,
    updatedAt: (conversation) => conversation.lastMessageAt,
  },
};
