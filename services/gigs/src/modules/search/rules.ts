import { charCount, isObjectId, type SortKey, type SortSpec } from '@gigmart/shared';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { GigSort } from '../../generated/resolvers.js';
import { MAX_WORD_LENGTH, queryWords } from '../gigs/keywords.js';
import { LIMITS, normaliseTag } from '../gigs/rules.js';

/**
 * searchGigs: ACTIVE gigs, filtered, sorted, keyset-paged, all in this process's search index
 * (gig-index.ts); the pure parts are here.
 *
 * Every sort is a fixed key plus `_id`, compared in memory on the index's copy of the stored
 * fields, so its cursors are those the database order would give. RELEVANCE with a query sorts by
 * the query's relevance score (`_score`), then the rating and sales, then `_id`; the score of a gig
 * depends only on the query and that gig's own text (see FIELD_WEIGHTS), never on the rest of the
 * catalogue, so a cursor's (score, rating, sales, id) keeps its place while other gigs change and
 * while several instances' indexes differ for a moment: no duplicates, no gaps within one instance.
 */
export const BEST_SELLING_KEYS: SortKey[] = [{ field: 'stats.ordersCompleted', direction: -1 }];

export const SORTS: Record<GigSort, SortSpec> = {
  // Without a query; with one, RELEVANCE_SCORED below.
  RELEVANCE: { name: 'RELEVANCE', keys: BEST_SELLING_KEYS },
  NEWEST: { name: 'NEWEST', keys: [{ field: 'createdAt', direction: -1 }] },
  PRICE_LOW_TO_HIGH: { name: 'PRICE_LOW_TO_HIGH', keys: [{ field: 'startingPriceCents', direction: 1 }] },
  PRICE_HIGH_TO_LOW: { name: 'PRICE_HIGH_TO_LOW', keys: [{ field: 'startingPriceCents', direction: -1 }] },
  BEST_SELLING: { name: 'BEST_SELLING', keys: BEST_SELLING_KEYS },
  // Unrated gigs have ratingSortKey -1: after every rated one.
  TOP_RATED: { name: 'TOP_RATED', keys: [{ field: 'ratingSortKey', direction: -1 }] },
};

/** The relevance score, computed per query (see `matchKindWeight`), carried in the cursor. */
export const SCORE_FIELD = '_score';
export const RELEVANCE_SCORED: SortSpec = {
  name: 'RELEVANCE_QUERY',
  keys: [
    { field: SCORE_FIELD, direction: -1 },
    { field: 'ratingSortKey', direction: -1 },
    { field: 'stats.ordersCompleted', direction: -1 },
  ],
  idDirection: -1,
};

// ---------------------------------------------------------------------------------------------
// Relevance

export type TextField = 'title' | 'tags' | 'description';

/**
 * A query word's contribution is the best of its matches in the gig: the field's weight (title
 * above tags above description) times the kind of match (`matchKindWeight`); a gig's score is
 * the sum over the query's words (all of which match: AND). A field-weighted score that depends on
 * the gig's own text only (unlike BM25's inverse document frequency, which moves every gig's score
 * whenever any gig changes and would break keyset cursors).
 */
export const FIELD_WEIGHTS: Record<TextField, number> = { title: 4, tags: 2, description: 1 };

/** Exact and prefix matches count fully; a match within one edit (a typo) half. */
export function matchKindWeight(word: string, term: string): number {
  return term.startsWith(word) ? 1 : 0.5;
}

/** The word with two adjacent letters swapped, each swap once: Damerau's one edit Levenshtein lacks. */
export function transpositions(word: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i += 1) {
    if (letters[i] === letters[i + 1]) continue;
    const swapped = [...letters];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    out.add(swapped.join(''));
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Order and keyset, in memory

type SortValue = number | string;

function comparable(value: unknown): SortValue {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new TypeError('not a sortable value');
}

/**
 * A sort spec made ready for comparing thousands of rows per request: each key's field path split
 * once and every direction (the `_id` tie-breaker's last) in one array, instead of per comparison.
 */
interface CompiledSort {
  paths: string[][];
  directions: number[];
}

const compiledSorts = new WeakMap<SortSpec, CompiledSort>();

function compiled(spec: SortSpec): CompiledSort {
  let sort = compiledSorts.get(spec);
  if (!sort) {
    sort = {
      paths: spec.keys.map((key) => key.field.split('.')),
      directions: [...spec.keys.map((k) => k.direction), spec.idDirection ?? spec.keys.at(-1)?.direction ?? 1],
    };
    compiledSorts.set(spec, sort);
  }
  return sort;
}

function valueAt(doc: unknown, path: readonly string[]): unknown {
  let current: unknown = doc;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * A row's sort values in the spec's order, `_id` (hex) last. `score`, when given, is the value of
 * the relevance score's key (SCORE_FIELD), so a match need not be copied to carry it.
 */
export function sortValues<T extends { _id: unknown }>(spec: SortSpec, row: T, score?: number): SortValue[] {
  const { paths } = compiled(spec);
  const out = new Array<SortValue>(paths.length + 1);
  for (let i = 0; i < paths.length; i += 1) {
    const path = paths[i]!;
    out[i] = score !== undefined && path.length === 1 && path[0] === SCORE_FIELD ? score : comparable(valueAt(row, path));
  }
  out[paths.length] = String(row._id);
  return out;
}

/** The cursor's values as sort values; null when they are not of the key's type (a tampered cursor). */
export function cursorValues(spec: SortSpec, values: unknown[], id: Types.ObjectId): SortValue[] | null {
  const out: SortValue[] = [];
  for (const value of values) {
    if (value instanceof Date) out.push(value.getTime());
    else if (typeof value === 'number' && Number.isFinite(value)) out.push(value);
    else return null;
  }
  out.push(id.toHexString());
  return out.length === spec.keys.length + 1 ? out : null;
}

/** Compares two rows' sort values in the spec's order (negative: `a` comes first). */
export function compareValues(spec: SortSpec, a: readonly SortValue[], b: readonly SortValue[]): number {
  const { directions } = compiled(spec);
  for (let i = 0; i < directions.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return (x < y ? -1 : 1) * directions[i]!;
  }
  return 0;
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

// ---------------------------------------------------------------------------------------------
// Filters and facets, in memory

/** What the filters read of an indexed gig (gig-index.ts IndexedGig). */
export interface FilterableGig {
  categoryId: string;
  sellerId: string;
  startingPriceCents: number;
  minDeliveryDays: number;
  tags: readonly string[];
  ratingSortKey: number;
}

/**
 * The filter's four dimensions as predicates: the category (its subtree), the price, the delivery
 * time, and the rest (seller, tags, rating), which no facet counts over. Null when nothing can
 * match (unknown category, malformed seller id).
 */
export interface GigPredicates {
  category: ((gig: FilterableGig) => boolean) | null;
  price: ((gig: FilterableGig) => boolean) | null;
  delivery: ((gig: FilterableGig) => boolean) | null;
  rest: ((gig: FilterableGig) => boolean) | null;
}

export function gigPredicates(filter: SearchArgs['filter'], categoryIds: readonly string[] | null): GigPredicates | null {
  const { categorySlug, sellerId, minPriceCents, maxPriceCents, maxDeliveryDays, minRating, tags } = filter;
  if (categorySlug != null && !categoryIds) return null;
  if (sellerId != null && !isObjectId(sellerId)) return null;
  const inCategory = categoryIds ? new Set(categoryIds) : null;
  const rest: Array<(gig: FilterableGig) => boolean> = [];
  if (sellerId != null) rest.push((gig) => gig.sellerId === sellerId);
  if (tags.length) rest.push((gig) => tags.every((tag) => gig.tags.includes(tag)));
  // Ratings are 1-5, so any bound keeps unrated gigs (-1) out.
  if (minRating != null) rest.push((gig) => gig.ratingSortKey >= Math.max(minRating, 0));
  return {
    category: inCategory ? (gig) => inCategory.has(gig.categoryId) : null,
    price:
      minPriceCents != null || maxPriceCents != null
        ? (gig) =>
            (minPriceCents == null || gig.startingPriceCents >= minPriceCents) &&
            (maxPriceCents == null || gig.startingPriceCents <= maxPriceCents)
        : null,
    delivery: maxDeliveryDays != null ? (gig) => gig.minDeliveryDays <= maxDeliveryDays : null,
    rest: rest.length ? (gig) => rest.every((p) => p(gig)) : null,
  };
}

/** Whether the gig passes every dimension of the filter. */
export function passesAll(p: GigPredicates, gig: FilterableGig): boolean {
  return (!p.category || p.category(gig)) && (!p.price || p.price(gig)) && (!p.delivery || p.delivery(gig)) && (!p.rest || p.rest(gig));
}

/** Starting price buckets in cents: [min inclusive, max exclusive), null for open. */
export const PRICE_BUCKETS: ReadonlyArray<{ min: number | null; max: number | null }> = [
  { min: null, max: 2500 },
  { min: 2500, max: 5000 },
  { min: 5000, max: 10000 },
  { min: 10000, max: 25000 },
  { min: 25000, max: null },
];

/** Delivery buckets: a package within this many days; null for any. */
export const DELIVERY_BUCKETS: ReadonlyArray<number | null> = [1, 3, 7, null];

export interface FacetCounts {
  /** Per category id of the facet's level (see `categoryBucket`). */
  categories: Map<string, number>;
  priceRanges: number[];
  deliveryTimes: number[];
}

/**
 * Counts over the candidates (the query's matches, or every ACTIVE gig): each facet over the gigs
 * passing every dimension but its own. `categoryBucket` maps a gig's category to the facet's level
 * (null: not under any of its categories).
 */
export function countFacets(
  candidates: Iterable<FilterableGig>,
  p: GigPredicates,
  categoryBucket: (categoryId: string) => string | null,
): FacetCounts {
  const counts: FacetCounts = {
    categories: new Map(),
    priceRanges: PRICE_BUCKETS.map(() => 0),
    deliveryTimes: DELIVERY_BUCKETS.map(() => 0),
  };
  for (const gig of candidates) {
    if (p.rest && !p.rest(gig)) continue;
    const category = !p.category || p.category(gig);
    const price = !p.price || p.price(gig);
    const delivery = !p.delivery || p.delivery(gig);
    if (price && delivery) {
      const bucket = categoryBucket(gig.categoryId);
      if (bucket !== null) counts.categories.set(bucket, (counts.categories.get(bucket) ?? 0) + 1);
    }
    if (category && delivery) {
      const i = PRICE_BUCKETS.findIndex(
        (b) => (b.min === null || gig.startingPriceCents >= b.min) && (b.max === null || gig.startingPriceCents < b.max),
      );
      counts.priceRanges[i] = counts.priceRanges[i]! + 1;
    }
    if (category && price) {
      DELIVERY_BUCKETS.forEach((days, i) => {
        if (days === null || gig.minDeliveryDays <= days) counts.deliveryTimes[i] = counts.deliveryTimes[i]! + 1;
      });
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Suggestions

export const SUGGESTION_LIMITS = { prefixLength: 50, minPrefix: 2, firstMin: 1, firstMax: 10 } as const;

/** searchSuggestions' arguments: the prefix's words (the last one being typed) and how many. */
export const suggestionArgsSchema = z.object({
  prefix: z
    .string()
    .refine(
      (prefix) => charCount(prefix) <= SUGGESTION_LIMITS.prefixLength,
      `The prefix must be at most ${SUGGESTION_LIMITS.prefixLength} characters.`,
    ),
  first: z
    .number()
    .nullish()
    .transform((first) => first ?? 8)
    .refine(
      (first) => Number.isInteger(first) && first >= SUGGESTION_LIMITS.firstMin && first <= SUGGESTION_LIMITS.firstMax,
      `"first" must be between ${SUGGESTION_LIMITS.firstMin} and ${SUGGESTION_LIMITS.firstMax}.`,
    ),
});

/** A price bucket with its count (GigFacets.priceRanges; cents, mapped to Money by the resolvers). */
export interface PriceBucketCount {
  min: number | null;
  max: number | null;
  count: number;
}
