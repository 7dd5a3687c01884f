import { failWith, forbidden, parseInput } from '@gigmart/shared';
import type { MemberContext } from '../../context.js';
import type { SendOrderMessageInput } from '../../generated/resolvers.js';
import { loadOrder, OPEN_STATUSES, type OrderDoc } from '../orders/index.js';
import { orderFactEvent, outboxWrite } from '../outbox/index.js';
import { sendOrderMessageInput } from './rules.js';

/** The buyer or the seller (not an admin: admins read, they do not take part), while the order is open. */
export async function sendOrderMessage(ctx: MemberContext, input: SendOrderMessageInput): Promise<OrderDoc> {
  const order = await loadOrder(ctx, input.orderId);
  if (ctx.viewer.id !== order.buyerId && ctx.viewer.id !== order.sellerId) throw forbidden();
  if (!OPEN_STATUSES.includes(order.status)) failWith(null, 'Messages can only be sent while the order is open.', 'INVALID_STATE');
  const { body } = parseInput(sendOrderMessageInput, input);
  const now = ctx.clock();
  await ctx.models.Message.create({ orderId: order._id, authorId: ctx.viewer.id, body, sentAt: now });
  // The order's subscribers and the other party hear of it: an order.updated event in the order's
  // outbox (the order's version is not bumped, so no transition in flight loses its race to a message).
  const event = orderFactEvent('order.updated', order, { version: order.version, status: order.status }, now, {
    actorId: ctx.viewer.id,
    kinds: ['MESSAGE'],
  });
  const { push, inc } = outboxWrite([event]);
  await ctx.models.Order.updateOne({ _id: order._id }, { $push: push, $inc: inc }).exec();
  ctx.models.outboxSignal.notify(order.sellerId);
  return order;
}
