import { isObjectId, type OrderFactType } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { OrderEventType, OrderStatus } from '../../generated/resolvers.js';
import type { OrderDoc, OrderRequestDoc } from './model.js';
import type { OrderAction } from './transitions.js';

/**
 * The rules every transition shares about the requests of an order (orders.resolution.graphql):
 * which PENDING requests a change withdraws, when the lapse job must next look, and which outbox
 * event records the step. Pure.
 */

export type RequestKind = 'extensionRequests' | 'cancellationRequests' | 'partialRefundOffers';
export const REQUEST_KINDS: readonly RequestKind[] = ['extensionRequests', 'cancellationRequests', 'partialRefundOffers'];

/** A request as the API shows it: with the order that holds it, which its public id names. */
export type OrderRequestView = OrderRequestDoc & { orderId: Types.ObjectId };

export function requestViews(order: Pick<OrderDoc, '_id' | RequestKind>, kind: RequestKind): OrderRequestView[] {
  return (order[kind] ?? []).map((r) => ({ ...r, orderId: order._id }));
}

/**
 * A request's public id: its order's id then its own (48 hex digits). Answering a request then
 * reads its order by _id, an index lookup; a request's own id lives inside an array of the order,
 * which the local database cannot look up from an index (every order would be decoded).
 */
export function requestPublicId(request: Pick<OrderRequestView, '_id' | 'orderId'>): string {
  return `${request.orderId.toHexString()}${request._id.toHexString()}`;
}

/** The order and request ids a public request id names, or null when it is not one. */
export function parseRequestPublicId(id: string): { orderId: string; requestId: string } | null {
  const orderId = id.slice(0, 24);
  const requestId = id.slice(24);
  return id.length === 48 && isObjectId(orderId) && isObjectId(requestId) ? { orderId, requestId } : null;
}

/** Entering these withdraws every PENDING request. */
const WITHDRAWING: readonly OrderStatus[] = ['COMPLETED', 'CANCELLED', 'DISPUTED'];

const withdrawn = (requests: readonly OrderRequestDoc[], now: Date): OrderRequestDoc[] =>
  requests.map((r) => (r.status === 'PENDING' ? { ...r, status: 'WITHDRAWN', answeredAt: now } : r));

/**
 * The request lists after `action` took the order to `to`: the lists the action changed, then
 * every PENDING request WITHDRAWN when the order enters COMPLETED, CANCELLED or DISPUTED, and a
 * PENDING extension request withdrawn by a delivery. Only the lists that differ from the order's.
 */
export function requestListsAfter(
  order: Pick<OrderDoc, RequestKind | 'status'>,
  action: OrderAction,
  to: OrderStatus,
  changed: Partial<Record<RequestKind, OrderRequestDoc[]>>,
  now: Date,
): Partial<Record<RequestKind, OrderRequestDoc[]>> {
  const out: Partial<Record<RequestKind, OrderRequestDoc[]>> = { ...changed };
  const entering = to !== order.status && WITHDRAWING.includes(to);
  for (const kind of REQUEST_KINDS) {
    const list = out[kind] ?? order[kind] ?? [];
    const withdraw = entering || (action === 'deliver' && kind === 'extensionRequests');
    if (withdraw && list.some((r) => r.status === 'PENDING')) out[kind] = withdrawn(list, now);
  }
  return out;
}

/** The earliest respondBy of a PENDING request in the lists as they will be (unchanged ones from the order). */
export function pendingUntilOf(lists: Partial<Record<RequestKind, OrderRequestDoc[]>>, order?: Pick<OrderDoc, RequestKind>): Date | null {
  let earliest: Date | null = null;
  for (const kind of REQUEST_KINDS) {
    for (const r of lists[kind] ?? order?.[kind] ?? []) {
      if (r.status === 'PENDING' && (earliest === null || r.respondBy < earliest)) earliest = r.respondBy;
    }
  }
  return earliest;
}

/** The outbox event of a step of the new flows: named after its first event; a completion or a cancellation as any other. */
export function factTypeOf(from: OrderStatus, to: OrderStatus, first: OrderEventType | null): OrderFactType | null {
  if (to !== from && to === 'COMPLETED') return 'order.completed';
  if (to !== from && to === 'CANCELLED') return 'order.cancelled';
  const type = first ? (`order.${first.toLowerCase()}` as const) : null;
  return type && (NEW_FACT_TYPES as readonly string[]).includes(type) ? (type as OrderFactType) : null;
}

const NEW_FACT_TYPES = [
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
] as const satisfies readonly OrderFactType[];
