import { callInternal } from '../auth/service-token.js';
import type { DomainEvent } from '../events/envelope.js';

/**
 * What the orders service tells the gigs service about each order, so that the catalogue can sort
 * by sales and rating without reading the orders database.
 *
 * Every event carries the order's ABSOLUTE facts as of that change (its status and its review's
 * rating), never a delta, and `sequence` is the order's version after the change. A consumer keeps
 * the newest facts per order and recomputes its counters from them, so a duplicate, a lost-and-
 * redelivered or an out-of-order event changes nothing. Sequences of one order increase but may
 * skip numbers (transitions that matter to nobody else, e.g. a delivery, publish no event).
 */
export const ORDER_FACT_TYPES = [
  'order.placed',
  'order.completed',
  'order.auto_completed',
  'order.cancelled',
  'review.left',
  // The steps of extras, extension and cancellation requests, partial refunds and disputes
  // (orders.resolution.graphql), for notifications; their facts are absolute like the others.
  'order.extras_purchased',
  'order.extension_requested',
  'order.extension_accepted',
  'order.extension_declined',
  'order.extension_lapsed',
  'order.cancellation_requested',
  'order.cancellation_declined',
  'order.cancellation_withdrawn',
  'order.partial_refund_offered',
  'order.partial_refund_declined',
  'order.partial_refund_lapsed',
  'order.dispute_opened',
  'order.dispute_resolved',
] as const;
export type OrderFactType = (typeof ORDER_FACT_TYPES)[number];

export const ORDER_FACT_STATUSES = [
  'AWAITING_REQUIREMENTS',
  'IN_PROGRESS',
  'DELIVERED',
  'IN_REVISION',
  'COMPLETED',
  'CANCELLED',
  'DISPUTED',
] as const;
export type OrderFactStatus = (typeof ORDER_FACT_STATUSES)[number];

export interface OrderFacts {
  orderId: string;
  gigId: string;
  sellerId: string;
  status: OrderFactStatus;
  /** The review's overall rating (1-5), null while the order has no review. */
  rating: number | null;
}

export type OrderFactEvent = DomainEvent<OrderFactType, OrderFacts>;

export function isOrderFacts(value: unknown): value is OrderFacts {
  if (!value || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f['orderId'] === 'string' &&
    typeof f['gigId'] === 'string' &&
    typeof f['sellerId'] === 'string' &&
    (ORDER_FACT_STATUSES as readonly unknown[]).includes(f['status']) &&
    (f['rating'] === null || (typeof f['rating'] === 'number' && f['rating'] >= 1 && f['rating'] <= 5))
  );
}

export function isOrderFactEvent(event: DomainEvent): event is OrderFactEvent {
  return (
    (ORDER_FACT_TYPES as readonly string[]).includes(event.type) && isOrderFacts(event.data) && event.data.orderId === event.aggregateId
  );
}

/** Does an order in this status still wait on its seller (counts toward the gig's queue)? A DISPUTED one does. */
export function isOpenOrderStatus(status: OrderFactStatus): boolean {
  return status !== 'COMPLETED' && status !== 'CANCELLED';
}

/**
 * Reconciliation: `POST {ORDERS_URL}/internal/orders/facts` (service credential) with
 * `{ after?: string | null, limit?: number }` answers the current facts of every order, paged by
 * order id: `{ facts: Array<OrderFacts & { sequence }>, next: string | null }`.
 */
export const ORDER_FACTS_ROUTE = '/internal/orders/facts';

export interface OrderFactsPageRequest {
  after?: string | null;
  limit?: number;
}

export interface CurrentOrderFacts extends OrderFacts {
  sequence: number;
}

export interface OrderFactsPage {
  facts: CurrentOrderFacts[];
  /** Pass as `after` for the next page; null after the last one. */
  next: string | null;
}

export async function fetchOrderFactsPage(
  ordersUrl: string,
  request: OrderFactsPageRequest,
  options: { serviceToken: string; timeoutMs?: number },
): Promise<OrderFactsPage> {
  return callInternal<OrderFactsPage>(ordersUrl, ORDER_FACTS_ROUTE, request, {
    token: options.serviceToken,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}
