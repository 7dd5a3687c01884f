import { newEventId, type OrderFactEvent, type OrderFactStatus, type OrderFactType } from '@gigmart/shared';
import type { OrderDoc } from '../orders/index.js';

/**
 * The event an order change records in its outbox: the order's absolute facts right after the
 * change, numbered with the order's version after it (see shared/src/internal/order-facts.ts).
 */
export function orderFactEvent(
  type: OrderFactType,
  order: Pick<OrderDoc, '_id' | 'gigId' | 'sellerId'>,
  after: { version: number; status: OrderFactStatus; rating?: number | null },
  at: Date,
): OrderFactEvent {
  const orderId = String(order._id);
  return {
    id: newEventId(),
    type,
    aggregateId: orderId,
    sequence: after.version,
    occurredAt: at.toISOString(),
    data: { orderId, gigId: order.gigId, sellerId: order.sellerId, status: after.status, rating: after.rating ?? null },
  };
}

/** The `$push`/`$inc` that record events in the same write as the change they describe. */
export function outboxWrite(events: OrderFactEvent[]): { push: Record<string, unknown>; inc: Record<string, number> } {
  if (!events.length) return { push: {}, inc: {} };
  return { push: { outbox: { $each: events } }, inc: { outboxCount: events.length } };
}
