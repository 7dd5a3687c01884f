import { requireViewer, withUserErrors } from '@gigmart/shared';
import type { OrdersContext } from '../../context.js';
import { userRef } from '../orders/resolvers.js';
import type { MessageDoc } from './model.js';
import { sendOrderMessage } from './service.js';

export const messageResolvers = {
  Mutation: {
    sendOrderMessage: (_: unknown, { input }: { input: { orderId: string; body: string } }, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => sendOrderMessage(ctx.models, ctx.deps, viewer, input));
    },
  },
  OrderMessage: {
    id: (m: MessageDoc) => String(m._id),
    author: (m: MessageDoc) => userRef(m.authorId),
  },
};
