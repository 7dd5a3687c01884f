import { isDuplicateKey, isObjectId, isOrderFactEvent, type DomainEvent, type EventHandler, type Logger, type OrderFacts } from '@gigmart/shared';
import type { GigDoc, GigModel } from '../gigs/model.js';
import type { OrderFactModel } from './model.js';
import { factRow, ratingSortKey, summarize, type GigStats } from './rules.js';

export interface StatsModels {
  Gig: GigModel;
  OrderFact: OrderFactModel;
}

/**
 * Stores an order's facts unless newer (or, with `replaceEqual`, equally new) ones are already
 * there: one conditional upsert. When the row exists with a newer sequence the filter misses and
 * the upsert's insert hits the `_id`: that duplicate key means "already known", not a failure.
 * Returns whether the row changed.
 */
export async function recordFacts(
  OrderFact: OrderFactModel,
  facts: OrderFacts,
  sequence: number,
  options: { replaceEqual?: boolean; now?: Date } = {},
): Promise<boolean> {
  const row = factRow(facts);
  // Equally new facts replace the stored ones only where they differ, so "changed" means changed.
  const differs = { $or: [{ sequence: { $ne: sequence } }, ...Object.entries(row).map(([field, value]) => ({ [field]: { $ne: value } }))] };
  try {
    const result = await OrderFact.updateOne(
      { _id: facts.orderId, ...(options.replaceEqual ? { sequence: { $lte: sequence }, ...differs } : { sequence: { $lt: sequence } }) },
      { $set: { ...row, sequence, updatedAt: options.now ?? new Date() } },
      { upsert: true },
    ).exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Recomputes a gig's stats from its orders' facts and stores them with the TOP_RATED key. Two
 * recomputations of one gig can overlap (two instances, two batches): each first takes a ticket
 * ($inc statsClock) and writes only if no later ticket has written yet, so a slower one that read
 * older facts can never overwrite a newer result. Returns null for an unknown gig (its facts are
 * kept and count once it exists, e.g. after a reconciliation).
 */
export async function recomputeGigStats(models: StatsModels, gigId: string): Promise<GigStats | null> {
  if (!isObjectId(gigId)) return null;
  const ticket = await models.Gig.findOneAndUpdate({ _id: gigId }, { $inc: { statsClock: 1 } }, { returnDocument: 'after', timestamps: false })
    .lean<GigDoc>()
    .exec();
  if (!ticket) return null;
  const clock = ticket.statsClock ?? 1;
  const rows = await models.OrderFact.find({ gigId }, { completed: 1, inQueue: 1, rated: 1, rating: 1 }).lean().exec();
  const stats = summarize(rows);
  await models.Gig.updateOne(
    { _id: gigId, $or: [{ statsVersion: { $lt: clock } }, { statsVersion: null }] },
    { $set: { stats, ratingSortKey: ratingSortKey(stats), statsVersion: clock } },
    { timestamps: false },
  ).exec();
  return stats;
}

/**
 * The consumer of the orders service's facts, for either transport: records each event's facts
 * (newest per order wins, so duplicates and any order of arrival are harmless), then recomputes
 * each touched gig once. Resolving is the acknowledgement, so it recomputes even when the facts
 * were already known: a redelivery after a crash between the two steps repairs the gig.
 */
export function createOrderFactsHandler(models: StatsModels, logger: Logger, observe?: (events: DomainEvent[]) => void): EventHandler {
  return async (events) => {
    observe?.(events);
    const gigs = new Set<string>();
    for (const event of events) {
      if (!isOrderFactEvent(event)) {
        logger.warn({ eventId: event.id, type: event.type }, 'ignoring an event that is not an order fact');
        continue;
      }
      await recordFacts(models.OrderFact, event.data, event.sequence);
      gigs.add(event.data.gigId);
    }
    for (const gigId of gigs) await recomputeGigStats(models, gigId);
  };
}
