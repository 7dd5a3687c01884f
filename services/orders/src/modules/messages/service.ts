import { failWith, forbidden, parseInput, type Viewer } from '@gigmart/shared';
import type { OrdersDeps, OrdersModels } from '../../context.js';
import { OPEN_STATUSES } from '../orders/rules.js';
import { loadOrder } from '../orders/service.js';
import type { OrderDoc } from '../orders/model.js';
import { sendOrderMessageInput } from './rules.js';

/** The buyer or the seller (not an admin: admins read, they do not take part), while the order is open. */
export async function sendOrderMessage(
  models: OrdersModels,
  deps: OrdersDeps,
  viewer: Viewer,
  input: { orderId: string; body: string },
): Promise<OrderDoc> {
  const order = await loadOrder(models, input.orderId);
  if (viewer.id !== order.buyerId && viewer.id !== order.sellerId) throw forbidden();
  if (!OPEN_STATUSES.includes(order.status)) failWith(null, 'Messages can only be sent while the order is open.', 'INVALID_STATE');
  const { body } = parseInput(sendOrderMessageInput, input);
  await models.Message.create({ orderId: order._id, authorId: viewer.id, body, sentAt: deps.clock() });
  return order;
}
