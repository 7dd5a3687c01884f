import { badUserInput, decodeCursor, emptyConnection, lazyCount, pageSize, parseArgs, sortOf, toConnection } from '@gigmart/shared';
import type { GigsContext } from '../../context.js';
import type { QuerySearchGigsArgs } from '../../generated/resolvers.js';
import type { GigDoc, GigPage } from '../gigs/index.js';
import { BEST_SELLING_KEYS, keysetAfter, RELEVANCE_TIERED, RELEVANCE_TIERS, searchArgsSchema, searchFilter, SORTS, TIER_FIELD, tierFilter } from './rules.js';

/** searchGigs: ACTIVE gigs, filtered, sorted, keyset-paged; relevance tiers as rules.ts explains. */
export async function searchGigs(ctx: GigsContext, args: QuerySearchGigsArgs): Promise<GigPage> {
  const { Gig } = ctx.models;
  const first = pageSize(args.first);
  // Everything out of bounds is refused before any work is done for it (see SEARCH_LIMITS).
  const request = parseArgs(searchArgsSchema, { query: args.query, filter: args.filter, after: args.after });
  const { words } = request.query;
  const sortName = args.sort ?? 'RELEVANCE';
  const tiered = sortName === 'RELEVANCE' && words.length > 0;
  const spec = tiered ? RELEVANCE_TIERED : SORTS[sortName];
  // Refuse a foreign or tampered cursor before touching the database.
  const cursor = request.after ? decodeCursor(spec, request.after) : null;
  const categorySlug = request.filter.categorySlug;
  const filter = searchFilter(request, categorySlug != null ? await ctx.categories.subtreeIds(categorySlug) : null);
  if (!filter) return emptyConnection<GigDoc>();

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
  for (const tier of RELEVANCE_TIERS.filter((t) => t <= startTier)) {
    if (docs.length >= first + 1) break;
    const conditions = [filter, tierFilter(tier, words)];
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
