import {
  isDuplicateKey,
  isObjectId,
  isOrderFactEvent,
  ORDER_UPDATED,
  type DomainEvent,
  type OrderFacts,
  type OrderFactsPage,
} from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { GigsContext, GigsModels } from '../../context.js';
import type { GigDoc } from '../gigs/index.js';
import { factRow, ratingSortKey, sameStats, statsOf, summarize, type GigStats } from './rules.js';

/**
 * What the stats operations use of the context: they run for no member (the order events, the
 * reconciliation), so a request's context, one made by `createContext` with no viewer, or just
 * these fields will do.
 */
export interface StatsContext extends Pick<GigsContext, 'logger' | 'clock'> {
  models: Pick<GigsModels, 'Gig' | 'OrderFact'>;
}

export interface RecordFactsInput {
  facts: OrderFacts;
  /** The order's version these facts describe. */
  sequence: number;
  /** Equally new facts replace the stored ones too (the reconciliation). */
  replaceEqual?: boolean;
}

/**
 * Stores an order's facts unless newer (or, with `replaceEqual`, equally new) ones are already
 * there: one conditional upsert. When the row exists with a newer sequence the filter misses and
 * the upsert's insert hits the `_id`: that duplicate key means "already known", not a failure.
 * Returns whether the row changed.
 */
export async function recordFacts(ctx: StatsContext, { facts, sequence, replaceEqual = false }: RecordFactsInput): Promise<boolean> {
  const row = factRow(facts);
  // Equally new facts replace the stored ones only where they differ, so "changed" means changed.
  const differs = { $or: [{ sequence: { $ne: sequence } }, ...Object.entries(row).map(([field, value]) => ({ [field]: { $ne: value } }))] };
  try {
    const result = await ctx.models.OrderFact.updateOne(
      { _id: facts.orderId, ...(replaceEqual ? { sequence: { $lte: sequence }, ...differs } : { sequence: { $lt: sequence } }) },
      { $set: { ...row, sequence, updatedAt: ctx.clock() } },
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
export async function recomputeGigStats(ctx: StatsContext, gigId: string): Promise<GigStats | null> {
  if (!isObjectId(gigId)) return null;
  const { Gig, OrderFact } = ctx.models;
  const ticket = await Gig.findOneAndUpdate({ _id: gigId }, { $inc: { statsClock: 1 } }, { returnDocument: 'after', timestamps: false })
    .lean<GigDoc>()
    .exec();
  if (!ticket) return null;
  const clock = ticket.statsClock ?? 1;
  const rows = await OrderFact.find({ gigId }, { completed: 1, inQueue: 1, rated: 1, rating: 1 }).lean().exec();
  const stats = summarize(rows);
  await Gig.updateOne(
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
export async function applyOrderFacts(ctx: StatsContext, events: readonly DomainEvent[]): Promise<void> {
  const gigs = new Set<string>();
  for (const event of events) {
    // Every other change of an order (for the inbox and the gateway) is no fact of the catalogue's.
    if (event.type === ORDER_UPDATED) continue;
    if (!isOrderFactEvent(event)) {
      ctx.logger.warn({ eventId: event.id, type: event.type }, 'ignoring an event that is not an order fact');
      continue;
    }
    await recordFacts(ctx, { facts: event.data, sequence: event.sequence });
    gigs.add(event.data.gigId);
  }
  for (const gigId of gigs) await recomputeGigStats(ctx, gigId);
}

export interface GigStatsChange {
  gigId: string;
  slug: string;
  before: GigStats;
  after: GigStats;
  /** The TOP_RATED key, when it was wrong (it is stored beside the stats). */
  sortKey?: { before: number; after: number };
}

export interface ReconcileReport {
  ordersSeen: number;
  /** Order rows that were missing or differed from the orders service. */
  factsRepaired: number;
  gigsChecked: number;
  changes: GigStatsChange[];
}

/** A page of the orders service's current facts (`fetchOrderFactsPage`), after a cursor. */
export type OrderFactsSource = (after: string | null) => Promise<OrderFactsPage>;

const GIG_PAGE = 500;

type CheckedGig = Pick<GigDoc, '_id' | 'slug' | 'stats' | 'ratingSortKey'>;

/**
 * Repairs drift: takes every order's current facts from the orders service (the source of truth)
 * over the stored ones, equal sequences included (a review whose event was lost has the order's
 * sequence but a rating), then recomputes every gig's stats and reports the gigs that changed.
 * Safe while events keep arriving: a newer event still wins over an older page.
 */
export async function reconcileStats(ctx: StatsContext, fetchPage: OrderFactsSource): Promise<ReconcileReport> {
  const report: ReconcileReport = { ordersSeen: 0, factsRepaired: 0, gigsChecked: 0, changes: [] };
  for (let after: string | null = null; ;) {
    const page: OrderFactsPage = await fetchPage(after);
    for (const { sequence, ...facts } of page.facts) {
      report.ordersSeen += 1;
      if (await recordFacts(ctx, { facts, sequence, replaceEqual: true })) report.factsRepaired += 1;
    }
    if (!page.next) break;
    after = page.next;
  }
  for (let lastId: Types.ObjectId | null = null; ;) {
    const gigs: CheckedGig[] = await ctx.models.Gig.find(lastId ? { _id: { $gt: lastId } } : {}, { slug: 1, stats: 1, ratingSortKey: 1 })
      .sort({ _id: 1 })
      .limit(GIG_PAGE)
      .lean<CheckedGig[]>()
      .exec();
    for (const gig of gigs) {
      report.gigsChecked += 1;
      const after = await recomputeGigStats(ctx, String(gig._id));
      const before = statsOf(gig);
      if (!after) continue;
      const sortKey = gig.ratingSortKey !== ratingSortKey(after) ? { before: gig.ratingSortKey, after: ratingSortKey(after) } : undefined;
      if (!sameStats(before, after) || sortKey)
        report.changes.push({ gigId: String(gig._id), slug: gig.slug, before, after, ...(sortKey ? { sortKey } : {}) });
    }
    if (gigs.length < GIG_PAGE) break;
    lastId = gigs.at(-1)!._id;
  }
  return report;
}
