import {
  newEventId,
  ORDER_UPDATED,
  type OrderActivityKind,
  type OrderFactStatus,
  type OrderFactType,
  type OrderOutboxEvent,
} from '@gigmart/shared';
import type { OrderDoc } from '../orders/index.js';

/** The order as its events describe it. */
export type EventOrder = Pick<OrderDoc, '_id' | 'gigId' | 'sellerId' | 'buyerId' | 'number' | 'dueAt'>;

/**
 * The event an order change records in its outbox: the order's absolute facts right after the
 * change, numbered with the order's version after it (see shared/src/internal/order-facts.ts), and
 * what the change added and who made it (shared/src/internal/order-activity.ts). A change the gigs
 * service has no fact for is an `order.updated` event.
 */
export function orderFactEvent(
  type: OrderFactType | typeof ORDER_UPDATED,
  order: EventOrder,
  after: { version: number; status: OrderFactStatus; rating?: number | null; dueAt?: Date | null },
  at: Date,
  activity: { actorId: string | null; kinds: OrderActivityKind[] },
): OrderOutboxEvent {
  const orderId = String(order._id);
  const dueAt = after.dueAt !== undefined ? after.dueAt : order.dueAt;
  return {
    id: newEventId(),
    type,
    aggregateId: orderId,
    sequence: after.version,
    occurredAt: at.toISOString(),
    data: {
      orderId,
      gigId: order.gigId,
      sellerId: order.sellerId,
      status: after.status,
      rating: after.rating ?? null,
      activity: {
        buyerId: order.buyerId,
        number: order.number,
        actorId: activity.actorId,
        kinds: activity.kinds,
        dueAt: dueAt ? dueAt.toISOString() : null,
      },
    },
  };
}

/** The `$push`/`$inc` that record events in the same write as the change they describe. */
export function outboxWrite(events: OrderOutboxEvent[]): { push: Record<string, unknown>; inc: Record<string, number> } {
  if (!events.length) return { push: {}, inc: {} };
  return { push: { outbox: { $each: events } }, inc: { outboxCount: events.length } };
}
