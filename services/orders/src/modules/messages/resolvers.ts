import { withUserErrors } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { userRef } from '../track-record/index.js';
import { sendOrderMessage } from './service.js';

export const messagesResolvers: Resolvers = {
  Mutation: {
    sendOrderMessage: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => sendOrderMessage(member, input));
    },
  },
  OrderMessage: {
    id: (m) => String(m._id),
    author: (m) => userRef(m.authorId),
  },
};
