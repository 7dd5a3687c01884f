import { badUserInput, decodeCursor, emptyConnection, isObjectId, lazyCount, pageSize, sortOf, toConnection, type Connection, type SortKey, type SortSpec } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { CategoryCatalog } from '../categories/index.js';
import { normaliseTag } from '../gigs/rules.js';
import { prefixPattern, queryWords } from '../gigs/keywords.js';
import type { GigDoc, GigModel } from '../gigs/model.js';

/**
 * searchGigs: ACTIVE gigs, filtered, sorted, keyset-paged.
 *
 * Every sort is a fixed key plus `_id` (see the indexes in gigs/model.ts). RELEVANCE with a query is
 * the one order that depends on the query: a gig whose TITLE has a query word ranks above one whose
 * TAGS have one, above one that matches through its DESCRIPTION only. FerretDB has no `$text` and
 * no expression operators to compute such a score in the database, and computing it in code for
 * the page would break keyset paging. So the tier is a sort key of its own, evaluated by query:
 *   tier 3: a query word prefixes a title word;
 *   tier 2: none does, but one prefixes a tag word;
 *   tier 1: the rest of the matches (through the description).
 * A page walks the tiers from the cursor's tier down, each tier keyset-paged by the BEST_SELLING key
 * (completed orders, `_id`), and the cursor carries (tier, key, _id). Every gig is in exactly one
 * tier for a given query, so pages neither repeat nor skip a gig. A page costs at most one query
 * per tier it touches (3 at most, whatever its size) plus the count.
 */
export type GigSort = 'RELEVANCE' | 'NEWEST' | 'PRICE_LOW_TO_HIGH' | 'PRICE_HIGH_TO_LOW' | 'BEST_SELLING' | 'TOP_RATED';

export interface GigFilter {
  categorySlug?: string | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  maxDeliveryDays?: number | null;
  sellerId?: string | null;
  tags?: string[] | null;
  minRating?: number | null;
}

export interface SearchArgs {
  query?: string | null;
  filter?: GigFilter | null;
  sort?: GigSort | null;
  first?: number | null;
  after?: string | null;
}

const BEST_SELLING_KEYS: SortKey[] = [{ field: 'stats.ordersCompleted', direction: -1 }];

export const SORTS: Record<GigSort, SortSpec> = {
  // Without a query; with one, RELEVANCE_TIERED below.
  RELEVANCE: { name: 'RELEVANCE', keys: BEST_SELLING_KEYS },
  NEWEST: { name: 'NEWEST', keys: [{ field: 'createdAt', direction: -1 }] },
  PRICE_LOW_TO_HIGH: { name: 'PRICE_LOW_TO_HIGH', keys: [{ field: 'startingPriceCents', direction: 1 }] },
  PRICE_HIGH_TO_LOW: { name: 'PRICE_HIGH_TO_LOW', keys: [{ field: 'startingPriceCents', direction: -1 }] },
  BEST_SELLING: { name: 'BEST_SELLING', keys: BEST_SELLING_KEYS },
  // Unrated gigs have ratingSortKey -1: after every rated one.
  TOP_RATED: { name: 'TOP_RATED', keys: [{ field: 'ratingSortKey', direction: -1 }] },
};

const TIER_FIELD = '_tier';
export const RELEVANCE_TIERED: SortSpec = {
  name: 'RELEVANCE_QUERY',
  keys: [{ field: TIER_FIELD, direction: -1 }, ...BEST_SELLING_KEYS],
  idDirection: -1,
};

/** `{ $or: [...] }` selecting documents strictly after (values..., id) in the order of `keys`. */
export function keysetAfter(keys: SortKey[], values: unknown[], id: Types.ObjectId, idDirection: 1 | -1): Record<string, unknown> {
  const all: Array<[string, 1 | -1, unknown]> = [...keys.map((k, i): [string, 1 | -1, unknown] => [k.field, k.direction, values[i]]), ['_id', idDirection, id]];
  return {
    $or: all.map(([field, direction, value], i) => {
      const branch: Record<string, unknown> = {};
      for (const [f, , v] of all.slice(0, i)) branch[f] = v;
      branch[field] = { [direction === 1 ? '$gt' : '$lt']: value };
      return branch;
    }),
  };
}

/** The filter every page and the count share; null when nothing can match (unknown category, bad seller id). */
export async function searchFilter(args: SearchArgs, catalog: CategoryCatalog): Promise<Record<string, unknown> | null> {
  const filter = args.filter ?? {};
  const and: Record<string, unknown>[] = [{ status: 'ACTIVE' }];
  if (filter.categorySlug != null) {
    const ids = await catalog.subtreeIds(filter.categorySlug);
    if (!ids) return null;
    and.push({ categoryId: { $in: ids.map((id) => new Types.ObjectId(id)) } });
  }
  if (filter.sellerId != null) {
    if (!isObjectId(filter.sellerId)) return null;
    and.push({ sellerId: new Types.ObjectId(filter.sellerId) });
  }
  const price: Record<string, number> = {};
  if (filter.minPriceCents != null) price['$gte'] = filter.minPriceCents;
  if (filter.maxPriceCents != null) price['$lte'] = filter.maxPriceCents;
  if (Object.keys(price).length) and.push({ startingPriceCents: price });
  if (filter.maxDeliveryDays != null) and.push({ minDeliveryDays: { $lte: filter.maxDeliveryDays } });
  const tags = [...new Set((filter.tags ?? []).map(normaliseTag).filter(Boolean))];
  if (tags.length) and.push({ tags: { $all: tags } });
  // Ratings are 1-5, so any bound keeps unrated gigs (-1) out.
  if (filter.minRating != null) and.push({ ratingSortKey: { $gte: Math.max(filter.minRating, 0) } });
  const words = queryWords(args.query);
  // A query of punctuation only has no word to match: nothing does, rather than everything.
  if (args.query?.trim() && !words.length) return null;
  for (const word of words) and.push({ keywords: prefixPattern(word) });
  return { $and: and };
}

/** The extra condition selecting one relevance tier for these query words. */
export function tierFilter(tier: 1 | 2 | 3, words: string[]): Record<string, unknown> {
  const inTitle = words.map((w) => ({ titleWords: prefixPattern(w) }));
  const inTags = words.map((w) => ({ tagWords: prefixPattern(w) }));
  if (tier === 3) return { $or: inTitle };
  if (tier === 2) return { $and: [{ $nor: inTitle }, { $or: inTags }] };
  return { $nor: [...inTitle, ...inTags] };
}


export async function searchGigs(Gig: GigModel, catalog: CategoryCatalog, args: SearchArgs): Promise<Connection<GigDoc>> {
  const first = pageSize(args.first);
  const sortName = args.sort ?? 'RELEVANCE';
  const words = queryWords(args.query);
  const tiered = sortName === 'RELEVANCE' && words.length > 0;
  const spec = tiered ? RELEVANCE_TIERED : SORTS[sortName];
  // Refuse a foreign or tampered cursor before touching the database.
  const cursor = args.after ? decodeCursor(spec, args.after) : null;
  const filter = await searchFilter(args, catalog);
  if (!filter) return emptyConnection();

  if (!tiered) {
    const idDirection = spec.idDirection ?? spec.keys.at(-1)!.direction;
    const pageFilter = cursor ? { $and: [filter, keysetAfter(spec.keys, cursor.values, cursor.id, idDirection)] } : filter;
    const docs = await Gig.find(pageFilter).sort(sortOf(spec)).limit(first + 1).lean<GigDoc[]>().exec();
    return toConnection(spec, docs, first, lazyCount(() => Gig.countDocuments(filter).exec()), Boolean(cursor));
  }

  const startTier = cursor ? cursor.values[0] : 3;
  if (startTier !== 1 && startTier !== 2 && startTier !== 3) {
    throw badUserInput('The "after" cursor is not valid for this list and sort.', { argumentName: 'after' });
  }
  const docs: Array<GigDoc & { [TIER_FIELD]: number }> = [];
  for (let tier = startTier; tier >= 1 && docs.length < first + 1; tier -= 1) {
    const conditions = [filter, tierFilter(tier as 1 | 2 | 3, words)];
    if (cursor && tier === startTier) conditions.push(keysetAfter(BEST_SELLING_KEYS, cursor.values.slice(1), cursor.id, -1));
    const found = await Gig.find({ $and: conditions })
      .sort(sortOf({ name: 'tier', keys: BEST_SELLING_KEYS, idDirection: -1 }))
      .limit(first + 1 - docs.length)
      .lean<GigDoc[]>()
      .exec();
    docs.push(...found.map((doc) => ({ ...doc, [TIER_FIELD]: tier })));
  }
  return toConnection<GigDoc>(spec, docs, first, lazyCount(() => Gig.countDocuments(filter).exec()), Boolean(cursor));
}
