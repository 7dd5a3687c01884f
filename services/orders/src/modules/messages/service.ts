import { failWith, forbidden, parseInput } from '@gigmart/shared';
import type { MemberContext } from '../../context.js';
import type { SendOrderMessageInput } from '../../generated/resolvers.js';
import { loadOrder, OPEN_STATUSES, type OrderDoc } from '../orders/index.js';
import { sendOrderMessageInput } from './rules.js';

/** The buyer or the seller (not an admin: admins read, they do not take part), while the order is open. */
export async function sendOrderMessage(ctx: MemberContext, input: SendOrderMessageInput): Promise<OrderDoc> {
  const order = await loadOrder(ctx, input.orderId);
  if (ctx.viewer.id !== order.buyerId && ctx.viewer.id !== order.sellerId) throw forbidden();
  if (!OPEN_STATUSES.includes(order.status)) failWith(null, 'Messages can only be sent while the order is open.', 'INVALID_STATE');
  const { body } = parseInput(sendOrderMessageInput, input);
  await ctx.models.Message.create({ orderId: order._id, authorId: ctx.viewer.id, body, sentAt: ctx.clock() });
  return order;
}
