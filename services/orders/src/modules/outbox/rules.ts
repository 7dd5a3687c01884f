import type { OrderOutboxEvent } from '@gigmart/shared';
import type { OrderDoc } from '../orders/index.js';

/** The relay's rules: backoff, publication order, the backlog figures. Pure. */

export const RELAY_BACKOFF_BASE_MS = 250;
export const RELAY_BACKOFF_MAX_MS = 10_000;

/** Exponential backoff after `failures` failed publications in a row (1 -> base). */
export function relayBackoffMs(failures: number, baseMs = RELAY_BACKOFF_BASE_MS, maxMs = RELAY_BACKOFF_MAX_MS): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/** An order's pending events in the order they happened (sequence = the order's version after each). */
export function publicationOrder(events: readonly OrderOutboxEvent[]): OrderOutboxEvent[] {
  return [...events].sort((a, b) => a.sequence - b.sequence);
}

export interface BacklogFigures {
  pending: number;
  /** Age of the oldest undelivered event, 0 when none. */
  oldestPendingAgeMs: number;
}

/** Backlog figures from the pending orders' outboxes. */
export function backlogOf(orders: ReadonlyArray<Pick<OrderDoc, 'outbox' | 'outboxCount'>>, now: number): BacklogFigures {
  let pending = 0;
  let oldest = Infinity;
  for (const order of orders) {
    pending += order.outboxCount ?? order.outbox?.length ?? 0;
    for (const event of order.outbox ?? []) oldest = Math.min(oldest, Date.parse(event.occurredAt));
  }
  return { pending, oldestPendingAgeMs: Number.isFinite(oldest) ? Math.max(0, now - oldest) : 0 };
}
