import { ORDER_UPDATED, type OrderFactType } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { OrderEventType, OrderStatus } from '../../generated/resolvers.js';
import { orderFactEvent, outboxWrite, type EventOrder, type OutboxSignal } from '../outbox/index.js';
import type { LedgerEntryDoc } from '../money/model.js';
import type { OrderDoc, OrderEventDoc, OrderModel } from './model.js';

export interface TransitionUpdate {
  orderId: Types.ObjectId;
  /** The version the caller read and decided on. */
  version: number;
  /** The status the caller read and decided on: the update only happens if it is still the status. */
  from: OrderStatus;
  to: OrderStatus;
  events: ReadonlyArray<{ type: OrderEventType; actorId: string | null; note?: string | null }>;
  at: Date;
  /** More preconditions on the same document (e.g. still late, same last delivery). */
  where?: Record<string, unknown>;
  set?: Record<string, unknown>;
  push?: Record<string, unknown>;
  inc?: Record<string, number>;
  /**
   * The order as read (its parties and number, for the event every change records in the outbox:
   * the notifications and live updates of the inbox and the gateway).
   */
  order: Omit<EventOrder, '_id'>;
  /** Ledger lines this change writes (money/rules.ts orderLines), pushed into `ledgerPending` by the same write. */
  ledger?: LedgerEntryDoc[];
  /** The fact the gigs service learns of this change: the event's type instead of `order.updated`. */
  fact?: { type: OrderFactType; rating?: number | null };
}

export interface TransitionModels {
  Order: OrderModel;
  outboxSignal?: OutboxSignal;
}

/**
 * The one way an order changes: a single conditional findOneAndUpdate on id, expected status and
 * version that sets the new status, appends the events, bumps the version and records its outbox
 * event (and its ledger lines, if any) in the same write (the database applies each command atomically, so of concurrent callers
 * that read the same version exactly one wins). Whoever loses gets null. No transaction; no
 * projection (FerretDB refuses one there).
 */
export async function applyTransition(models: TransitionModels, update: TransitionUpdate): Promise<OrderDoc | null> {
  const events: OrderEventDoc[] = update.events.map((e) => ({ type: e.type, actorId: e.actorId, at: update.at, note: e.note ?? null }));
  const dueAt = update.set && 'dueAt' in update.set ? (update.set['dueAt'] as Date | null) : update.order.dueAt;
  const outbox = outboxWrite([
    orderFactEvent(
      update.fact?.type ?? ORDER_UPDATED,
      { _id: update.orderId, ...update.order },
      { version: update.version + 1, status: update.to, rating: update.fact?.rating ?? null, dueAt },
      update.at,
      { actorId: update.events.find((e) => e.actorId)?.actorId ?? null, kinds: update.events.map((e) => e.type) },
    ),
  ]);
  const pushes: Record<string, unknown> = { events: { $each: events }, ...outbox.push };
  for (const [path, value] of Object.entries(update.push ?? {})) pushes[path] = { $each: [value] };
  const lines = update.ledger ?? [];
  if (lines.length) pushes['ledgerPending'] = { $each: lines };
  const ledgerInc = lines.length ? { ledgerSeq: lines.length, ledgerPendingCount: lines.length } : {};
  const change = {
    $set: { ...update.set, status: update.to, updatedAt: update.at },
    $push: pushes,
    $inc: { ...update.inc, ...outbox.inc, ...ledgerInc, version: 1 },
  };
  const updated = await models.Order.findOneAndUpdate(
    { _id: update.orderId, status: update.from, version: update.version, ...update.where },
    change,
    { returnDocument: 'after' },
  )
    .lean<OrderDoc>()
    .exec();
  if (updated) models.outboxSignal?.notify(updated.sellerId);
  return updated;
}
