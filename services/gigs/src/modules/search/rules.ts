import { charCount, isObjectId, type SortKey, type SortSpec } from '@gigmart/shared';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { GigSort } from '../../generated/resolvers.js';
import { MAX_WORD_LENGTH, prefixPattern, queryWords } from '../gigs/keywords.js';
import { LIMITS, normaliseTag } from '../gigs/rules.js';

/**
 * searchGigs: ACTIVE gigs, filtered, sorted, keyset-paged (service.ts); the pure parts are here.
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
export const BEST_SELLING_KEYS: SortKey[] = [{ field: 'stats.ordersCompleted', direction: -1 }];

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

/** The relevance tier, a sort key computed per query (see above), carried in the cursor. */
export const TIER_FIELD = '_tier';
export const RELEVANCE_TIERED: SortSpec = {
  name: 'RELEVANCE_QUERY',
  keys: [{ field: TIER_FIELD, direction: -1 }, ...BEST_SELLING_KEYS],
  idDirection: -1,
};

/** `{ $or: [...] }` selecting documents strictly after (values..., id) in the order of `keys`. */
export function keysetAfter(keys: SortKey[], values: unknown[], id: Types.ObjectId, idDirection: 1 | -1): Record<string, unknown> {
  const all: Array<[string, 1 | -1, unknown]> = [
    ...keys.map((k, i): [string, 1 | -1, unknown] => [k.field, k.direction, values[i]]),
    ['_id', idDirection, id],
  ];
  return {
    $or: all.map(([field, direction, value], i) => {
      const branch: Record<string, unknown> = {};
      for (const [f, , v] of all.slice(0, i)) branch[f] = v;
      branch[field] = { [direction === 1 ? '$gt' : '$lt']: value };
      return branch;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// What a search may ask

/**
 * Every argument that turns into database or CPU work is bounded, and checked before any of it is
 * done (`parseArgs`: one BAD_USER_INPUT error naming every problem). Each query word becomes an
 * anchored regex run against stored words, so the query's length and word count bound the work;
 * a word longer than MAX_WORD_LENGTH is compared on its first 40 characters, as stored words are
 * (see gigs/keywords.ts). A gig has at most 5 tags of at most 30 characters, so a tag filter
 * beyond that could match nothing. Cursors are ~100 characters.
 */
export const SEARCH_LIMITS = {
  queryLength: 200,
  words: 8,
  wordLength: MAX_WORD_LENGTH,
  categorySlug: 100,
  tags: LIMITS.tags.max,
  tagLength: LIMITS.tags.length,
  cursorLength: 500,
} as const;

const INVALID_CURSOR = 'The "after" cursor is not valid for this list and sort.';

const queryArg = z
  .string()
  .nullish()
  .transform((query, ctx) => {
    if (query == null) return { words: [] as string[], wordless: false };
    if (query.length > SEARCH_LIMITS.queryLength && charCount(query) > SEARCH_LIMITS.queryLength) {
      ctx.addIssue({ code: 'custom', message: `The search query must be at most ${SEARCH_LIMITS.queryLength} characters.` });
      return z.NEVER;
    }
    const words = queryWords(query);
    if (words.length > SEARCH_LIMITS.words) {
      ctx.addIssue({ code: 'custom', message: `Search for at most ${SEARCH_LIMITS.words} words.` });
      return z.NEVER;
    }
    // Punctuation only: no word to match, so nothing does (rather than everything).
    return { words, wordless: words.length === 0 && query.trim() !== '' };
  });

/** The tags asked for, as stored (lowercase, normalized), once each. */
const tagsArg = z
  .array(z.string())
  .nullish()
  .transform((tags, ctx) => {
    const distinct = [...new Set((tags ?? []).map(normaliseTag).filter(Boolean))];
    if (distinct.some((tag) => charCount(tag) > SEARCH_LIMITS.tagLength)) {
      ctx.addIssue({ code: 'custom', message: `A tag must be at most ${SEARCH_LIMITS.tagLength} characters.` });
    }
    if (distinct.length > SEARCH_LIMITS.tags) ctx.addIssue({ code: 'custom', message: `Filter by at most ${SEARCH_LIMITS.tags} tags.` });
    return distinct;
  });

const filterArg = z
  .object({
    categorySlug: z
      .string()
      .nullish()
      .refine(
        (slug) => slug == null || charCount(slug) <= SEARCH_LIMITS.categorySlug,
        `The category slug must be at most ${SEARCH_LIMITS.categorySlug} characters.`,
      ),
    minPriceCents: z.number().nullish(),
    maxPriceCents: z.number().nullish(),
    maxDeliveryDays: z.number().nullish(),
    sellerId: z.string().nullish(),
    tags: tagsArg,
    minRating: z.number().nullish(),
  })
  .nullish()
  .transform((filter) => filter ?? { tags: [] as string[] });

/** searchGigs' query, filter and cursor, checked and normalised (`parseArgs(searchArgsSchema, args)`). */
export const searchArgsSchema = z.object({
  query: queryArg,
  filter: filterArg,
  after: z
    .string()
    .nullish()
    .refine((after) => after == null || after.length <= SEARCH_LIMITS.cursorLength, INVALID_CURSOR),
});
export type SearchArgs = z.output<typeof searchArgsSchema>;

/**
 * The filter every page and the count share; null when nothing can match (unknown category, bad
 * seller id, a query without words). `categoryIds`: the ids of the filter's category and its
 * descendants, null when the slug is unknown.
 */
export function searchFilter(
  args: Pick<SearchArgs, 'query' | 'filter'>,
  categoryIds: readonly string[] | null,
): Record<string, unknown> | null {
  const { filter, query } = args;
  const and: Record<string, unknown>[] = [{ status: 'ACTIVE' }];
  if (filter.categorySlug != null) {
    if (!categoryIds) return null;
    and.push({ categoryId: { $in: categoryIds.map((id) => new Types.ObjectId(id)) } });
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
  if (filter.tags.length) and.push({ tags: { $all: filter.tags } });
  // Ratings are 1-5, so any bound keeps unrated gigs (-1) out.
  if (filter.minRating != null) and.push({ ratingSortKey: { $gte: Math.max(filter.minRating, 0) } });
  if (query.wordless) return null;
  for (const word of query.words) and.push({ keywords: prefixPattern(word) });
  return { $and: and };
}

/** Title, tags, description: the relevance tiers, best first. */
export const RELEVANCE_TIERS = [3, 2, 1] as const;
export type RelevanceTier = (typeof RELEVANCE_TIERS)[number];

/** The extra condition selecting one relevance tier for these query words. */
export function tierFilter(tier: RelevanceTier, words: string[]): Record<string, unknown> {
  const inTitle = words.map((w) => ({ titleWords: prefixPattern(w) }));
  const inTags = words.map((w) => ({ tagWords: prefixPattern(w) }));
  if (tier === 3) return { $or: inTitle };
  if (tier === 2) return { $and: [{ $nor: inTitle }, { $or: inTags }] };
  return { $nor: [...inTitle, ...inTags] };
}
