import type { DomainEvent } from '../events/envelope.js';
import { isOrderFacts, ORDER_FACT_TYPES, type OrderFacts, type OrderFactType } from './order-facts.js';

/**
 * What the orders service tells the inbox (notifications) and the gateway (live updates) about
 * each change of an order: every change that adds to its events, deliveries, messages or requests
 * records one event in the order's outbox. The five order facts the gigs service consumes carry
 * this too; every other change is an `order.updated` event, which the gigs service ignores.
 */
export const ORDER_UPDATED = 'order.updated';

/** The changes an activity names: the order's own event types, and MESSAGE for a message on the order. */
export type OrderActivityKind =
  | 'PLACED'
  | 'REQUIREMENTS_SUBMITTED'
  | 'STARTED'
  | 'DELIVERED'
  | 'REVISION_REQUESTED'
  | 'COMPLETED'
  | 'AUTO_COMPLETED'
  | 'CANCELLED'
  | 'REVIEWED'
  | 'MESSAGE'
  // Kinds other changes of an order add (offers, extensions, disputes, ...) arrive as strings the
  // consumers map or ignore (services/inbox/src/modules/notifications/rules.ts).
  | (string & {});

export interface OrderActivity {
  buyerId: string;
  /** The order's public number, e.g. FO1A2B3C4D. */
  number: string;
  /** Who made the change; null for the system (an automatic completion). */
  actorId: string | null;
  kinds: OrderActivityKind[];
  /** When the order is due (ISO-8601), null while it has not started. */
  dueAt: string | null;
}

export type OrderActivityData = OrderFacts & { activity: OrderActivity };
export type OrderActivityEvent = DomainEvent<string, OrderActivityData>;

function isActivity(value: unknown): value is OrderActivity {
  if (!value || typeof value !== 'object') return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a['buyerId'] === 'string' &&
    typeof a['number'] === 'string' &&
    (a['actorId'] === null || typeof a['actorId'] === 'string') &&
    Array.isArray(a['kinds']) &&
    a['kinds'].every((k) => typeof k === 'string') &&
    (a['dueAt'] === null || typeof a['dueAt'] === 'string')
  );
}

/** An order event (a fact or `order.updated`) that says what changed and for whom. */
export function isOrderActivityEvent(event: DomainEvent): event is OrderActivityEvent {
  if (event.type !== ORDER_UPDATED && !(ORDER_FACT_TYPES as readonly string[]).includes(event.type)) return false;
  const data = event.data as Record<string, unknown> | null;
  return isOrderFacts(data) && data.orderId === event.aggregateId && isActivity(data['activity']);
}

/** What the orders service keeps in an order's outbox: a fact for the gigs service or an `order.updated`, both with their activity. */
export type OrderOutboxEvent = DomainEvent<OrderFactType | typeof ORDER_UPDATED, OrderFacts & { activity?: OrderActivity }>;
