import { withUserErrorsPayload } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { conversationOf, findVisibleMessage, lastMessageOf, messagesOf, sendMessage } from './service.js';

export const messagesResolvers: Resolvers = {
  Mutation: {
    sendMessage: (_, { input }, ctx) => withUserErrorsPayload({ message: null, conversation: null }, () => sendMessage(ctx, input)),
  },
  Conversation: {
    messages: (conversation, args, ctx) => messagesOf(ctx, conversation, args),
    lastMessage: (conversation, _, ctx) => lastMessageOf(ctx, conversation),
  },
  Message: {
    // Batched; only the two members of its conversation see it.
    __resolveReference: (ref, ctx) => findVisibleMessage(ctx, ref.id),
    id: (message) => String(message._id),
    conversation: (message, _, ctx) => conversationOf(ctx, message),
    author: (message) => ({ id: message.authorId }),
    // References: the media subgraph resolves each (both members of the conversation may read them).
    attachments: (message) => (message.attachmentIds ?? []).map((id) => ({ id })),
  },
};
