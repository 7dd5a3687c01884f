import type { OrderFactsPage } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { GigDoc } from '../gigs/model.js';
import { recomputeGigStats, recordFacts, type StatsModels } from './apply.js';
import { ratingSortKey, sameStats, type GigStats } from './rules.js';

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

const GIG_PAGE = 500;

function statsOf(gig: Pick<GigDoc, 'stats'>): GigStats {
  const s = gig.stats ?? {};
  return {
    ordersCompleted: s.ordersCompleted ?? 0,
    ordersInQueue: s.ordersInQueue ?? 0,
    ratingSum: s.ratingSum ?? 0,
    ratingCount: s.ratingCount ?? 0,
    ratingAverage: s.ratingAverage ?? null,
  };
}

/**
 * Repairs drift: takes every order's current facts from the orders service (the source of truth)
 * over the stored ones, equal sequences included (a review whose event was lost has the order's
 * sequence but a rating), then recomputes every gig's stats and reports the gigs that changed.
 * Safe while events keep arriving: a newer event still wins over an older page.
 */
export async function reconcileStats(models: StatsModels, fetchPage: (after: string | null) => Promise<OrderFactsPage>): Promise<ReconcileReport> {
  const report: ReconcileReport = { ordersSeen: 0, factsRepaired: 0, gigsChecked: 0, changes: [] };
  for (let after: string | null = null; ; ) {
    const page: OrderFactsPage = await fetchPage(after);
    for (const { sequence, ...facts } of page.facts) {
      report.ordersSeen += 1;
      if (await recordFacts(models.OrderFact, facts, sequence, { replaceEqual: true })) report.factsRepaired += 1;
    }
    if (!page.next) break;
    after = page.next;
  }
  for (let lastId: Types.ObjectId | null = null; ; ) {
    const gigs: Array<Pick<GigDoc, '_id' | 'slug' | 'stats' | 'ratingSortKey'>> = await models.Gig.find(lastId ? { _id: { $gt: lastId } } : {}, { slug: 1, stats: 1, ratingSortKey: 1 })
      .sort({ _id: 1 })
      .limit(GIG_PAGE)
      .lean<Array<Pick<GigDoc, '_id' | 'slug' | 'stats' | 'ratingSortKey'>>>()
      .exec();
    for (const gig of gigs) {
      report.gigsChecked += 1;
      const after = await recomputeGigStats(models, String(gig._id));
      const before = statsOf(gig);
      if (!after) continue;
      const sortKey = gig.ratingSortKey !== ratingSortKey(after) ? { before: gig.ratingSortKey, after: ratingSortKey(after) } : undefined;
      if (!sameStats(before, after) || sortKey) report.changes.push({ gigId: String(gig._id), slug: gig.slug, before, after, ...(sortKey ? { sortKey } : {}) });
    }
    if (gigs.length < GIG_PAGE) break;
    lastId = gigs.at(-1)!._id;
  }
  return report;
}

/** One line per changed gig, for the command's output. */
export function describeChange(change: GigStatsChange): string {
  const fields = (Object.keys(change.after) as Array<keyof GigStats>)
    .filter((k) => change.before[k] !== change.after[k])
    .map((k) => `${k} ${String(change.before[k])} -> ${String(change.after[k])}`);
  if (change.sortKey) fields.push(`ratingSortKey ${change.sortKey.before} -> ${change.sortKey.after}`);
  return `${change.slug} (${change.gigId}): ${fields.join(', ')}`;
}
