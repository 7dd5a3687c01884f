import type { OrderStatus } from './transitions.js';

export const AUTO_COMPLETE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
export const CLEARANCE_MS = 14 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function dueAtFrom(startedAt: Date, deliveryDays: number): Date {
  return new Date(startedAt.getTime() + deliveryDays * DAY_MS);
}

export interface LatenessFacts {
  status: OrderStatus;
  dueAt: Date | null;
  /** Set at the first delivery: whether it came after dueAt. */
  deliveredLate: boolean;
  deliveryCount: number;
  cancelledAt: Date | null;
}

/**
 * "True while undelivered past dueAt, and for good once delivered after dueAt." The first delivery
 * decides for good: revisions are extended work, not the original promise (dueAt is extended by
 * nothing). A cancelled order that was never delivered stays late if it was cancelled past due.
 */
export function isLate(order: LatenessFacts, now: Date): boolean {
  if (order.deliveredLate) return true;
  if (order.deliveryCount > 0 || !order.dueAt) return false;
  const until = order.status === 'CANCELLED' ? (order.cancelledAt ?? now) : now;
  return until.getTime() > order.dueAt.getTime();
}

/** Null means unlimited. */
export function revisionsRemaining(allowed: number | null, used: number): number | null {
  return allowed === null ? null : Math.max(0, allowed - used);
}

/** Whether a DELIVERED order is due for automatic completion at `now`. */
export function isDueForAutoCompletion(lastDeliveredAt: Date, now: Date): boolean {
  return now.getTime() - lastDeliveredAt.getTime() >= AUTO_COMPLETE_AFTER_MS;
}

/** Statuses counted as "under way" (SellerStats.activeOrders, Gig.ordersInQueue). */
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'DELIVERED', 'IN_REVISION'];
/** States in which the parties may still message each other. */
export const OPEN_STATUSES: readonly OrderStatus[] = ACTIVE_STATUSES;
