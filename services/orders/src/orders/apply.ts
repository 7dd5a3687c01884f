import type { Types } from 'mongoose';
import type { OrderEventType, OrderStatus } from '../lifecycle/transitions.js';
import type { ClaimModel } from './claims.js';
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
}

export interface TransitionModels {
  Order: OrderModel;
  Claim: ClaimModel;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * The one way an order changes: a claim of the version the caller read (unique: one winner per
 * version, see claims.ts), then a single conditional findOneAndUpdate on id, expected status and
 * version that sets the new status, appends the events and bumps the version in the same write.
 * Whoever loses gets null. No transaction; no projection (FerretDB refuses one there).
 */
export async function applyTransition(models: TransitionModels, update: TransitionUpdate): Promise<OrderDoc | null> {
  try {
    await models.Claim.create({ orderId: update.orderId, version: update.version, action: update.events[0]?.type ?? update.to, claimedAt: update.at });
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  const events: OrderEventDoc[] = update.events.map((e) => ({ type: e.type, actorId: e.actorId, at: update.at, note: e.note ?? null }));
  const pushes: Record<string, unknown> = { events: { $each: events } };
  for (const [path, value] of Object.entries(update.push ?? {})) pushes[path] = { $each: [value] };
  const change = {
    $set: { ...update.set, status: update.to, updatedAt: update.at },
    $push: pushes,
    $inc: { ...update.inc, version: 1 },
  };
  const updated = await models.Order.findOneAndUpdate(
    { _id: update.orderId, status: update.from, version: update.version, ...update.where },
    change,
    { returnDocument: 'after' },
  )
    .lean<OrderDoc>()
    .exec();
  // The preconditions no longer held: give the version back so the order is not stuck.
  if (!updated) await models.Claim.deleteOne({ orderId: update.orderId, version: update.version }).exec();
  return updated;
}

/**
 * Frees claims whose writer died between claiming and writing (the order is still at the claimed
 * version long after): otherwise that order could never move again. Run by the periodic job.
 */
export async function releaseStaleClaims(models: TransitionModels, olderThan: Date): Promise<number> {
  const stale = await models.Claim.find({ claimedAt: { $lt: olderThan } }, { orderId: 1, version: 1 })
    .sort({ claimedAt: -1 })
    .limit(500)
    .lean()
    .exec();
  if (!stale.length) return 0;
  const orders = await models.Order.find({ _id: { $in: stale.map((c) => c.orderId) } }, { version: 1 }).lean().exec();
  const versionOf = new Map(orders.map((o) => [String(o._id), o.version]));
  let released = 0;
  for (const claim of stale) {
    if (versionOf.get(String(claim.orderId)) === claim.version) {
      released += (await models.Claim.deleteOne({ _id: claim._id }).exec()).deletedCount;
    }
  }
  return released;
}
