import {
  badUserInput,
  currentDeadline,
  decodeCursor,
  emptyConnection,
  lazyCount,
  pageSize,
  parseArgs,
  sortOf,
  toConnection,
} from '@gigmart/shared';
import type { GigsContext } from '../../context.js';
import type { QuerySearchGigsArgs } from '../../generated/resolvers.js';
import type { GigDoc, GigPage } from '../gigs/index.js';
import {
  BEST_SELLING_KEYS,
  keysetAfter,
  RELEVANCE_TIERED,
  RELEVANCE_TIERS,
  searchArgsSchema,
  searchFilter,
  SORTS,
  TIER_FIELD,
  tierFilter,
} from './rules.js';

/**
 * searchGigs: ACTIVE gigs, filtered, sorted, keyset-paged; relevance tiers as rules.ts explains.
 * Arguments are checked before any work (SEARCH_LIMITS); the database work, the page and the count
 * alike, takes a turn of the process's search limit (limit.ts), and stops with the request's
 * deadline (the deadline's signal also takes a waiting search out of the line).
 */
export async function searchGigs(ctx: GigsContext, args: QuerySearchGigsArgs): Promise<GigPage> {
  const first = pageSize(args.first);
  // Everything out of bounds is refused before any work is done for it (see SEARCH_LIMITS).
  const request = parseArgs(searchArgsSchema, { query: args.query, filter: args.filter, after: args.after });
  const sortName = args.sort ?? 'RELEVANCE';
  const tiered = sortName === 'RELEVANCE' && request.query.words.length > 0;
  const spec = tiered ? RELEVANCE_TIERED : SORTS[sortName];
  // Refuse a foreign or tampered cursor before touching the database.
  const cursor = request.after ? decodeCursor(spec, request.after) : null;
  const categorySlug = request.filter.categorySlug;
  const filter = searchFilter(request, categorySlug != null ? await ctx.categories.subtreeIds(categorySlug) : null);
  if (!filter) return emptyConnection<GigDoc>();

  const { Gig } = ctx.models;
  const limited = <T>(work: () => Promise<T>) => ctx.searchLimit.run(work, currentDeadline()?.signal);
  const totalCount = lazyCount(() => limited(() => Gig.countDocuments(filter).exec()));

  if (!tiered) {
    const idDirection = spec.idDirection ?? spec.keys.at(-1)!.direction;
    const pageFilter = cursor ? { $and: [filter, keysetAfter(spec.keys, cursor.values, cursor.id, idDirection)] } : filter;
    const docs = await limited(() =>
      Gig.find(pageFilter)
        .sort(sortOf(spec))
        .limit(first + 1)
        .lean<GigDoc[]>()
        .exec(),
    );
    return toConnection(spec, docs, first, totalCount, Boolean(cursor));
  }

  const startTier = cursor ? cursor.values[0] : 3;
  if (startTier !== 1 && startTier !== 2 && startTier !== 3) {
    throw badUserInput('The "after" cursor is not valid for this list and sort.', { argumentName: 'after' });
  }
  const docs = await limited(async () => {
    const found: Array<GigDoc & { [TIER_FIELD]: number }> = [];
    for (const tier of RELEVANCE_TIERS.filter((t) => t <= startTier)) {
      if (found.length >= first + 1) break;
      const conditions = [filter, tierFilter(tier, request.query.words)];
      if (cursor && tier === startTier) conditions.push(keysetAfter(BEST_SELLING_KEYS, cursor.values.slice(1), cursor.id, -1));
      const page = await Gig.find({ $and: conditions })
        .sort(sortOf({ name: 'tier', keys: BEST_SELLING_KEYS, idDirection: -1 }))
        .limit(first + 1 - found.length)
        .lean<GigDoc[]>()
        .exec();
      found.push(...page.map((doc) => ({ ...doc, [TIER_FIELD]: tier })));
    }
    return found;
  });
  return toConnection<GigDoc>(spec, docs, first, totalCount, Boolean(cursor));
}
