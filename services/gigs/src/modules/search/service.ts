import { badUserInput, currentDeadline, decodeCursor, emptyConnection, pageSize, parseArgs, toConnection } from '@gigmart/shared';
import type { GigsContext } from '../../context.js';
import type { QuerySearchGigsArgs, QuerySearchSuggestionsArgs } from '../../generated/resolvers.js';
import type { CategoryDoc } from '../categories/index.js';
import type { GigDoc, GigPage } from '../gigs/index.js';
import { normaliseWords } from '../gigs/keywords.js';
import type { GigSearchIndex, IndexedGig } from './gig-index.js';
import {
  compareValues,
  countFacets,
  cursorValues,
  DELIVERY_BUCKETS,
  gigPredicates,
  passesAll,
  PRICE_BUCKETS,
  RELEVANCE_SCORED,
  SCORE_FIELD,
  searchArgsSchema,
  sortValues,
  SORTS,
  SUGGESTION_LIMITS,
  suggestionArgsSchema,
  type GigPredicates,
} from './rules.js';

/** GigConnection.facets' value (resolvers map the cents and categories). */
export interface GigFacetsResult {
  categories: Array<{ category: CategoryDoc; count: number }>;
  priceRanges: Array<{ min: number | null; max: number | null; count: number }>;
  deliveryTimes: Array<{ maxDays: number | null; count: number }>;
}

/** A page of searchGigs: a GigPage whose facets are computed only if the query selects them. */
export type SearchPage = GigPage & { facets?: () => Promise<GigFacetsResult> };

type Row = IndexedGig & { [SCORE_FIELD]?: number };
type SortValues = ReturnType<typeof sortValues>;

const INVALID_CURSOR = 'The "after" cursor is not valid for this list and sort.';

/**
 * searchGigs: ACTIVE gigs, filtered, sorted and keyset-paged in this process's search index
 * (gig-index.ts, rules.ts); the page's gigs are then read by id (one query, through the request's
 * loader) and any that is no longer ACTIVE is left out (and the index repaired). totalCount and
 * facets come from the index, computed only when selected. The work takes a turn of the process's
 * search limit (limit.ts) and stops with the request's deadline.
 */
export async function searchGigs(ctx: GigsContext, args: QuerySearchGigsArgs): Promise<SearchPage> {
  const first = pageSize(args.first);
  // Everything out of bounds is refused before any work is done for it (see SEARCH_LIMITS).
  const request = parseArgs(searchArgsSchema, { query: args.query, filter: args.filter, after: args.after });
  const words = request.query.words;
  const scored = (args.sort ?? 'RELEVANCE') === 'RELEVANCE' && words.length > 0;
  const spec = scored ? RELEVANCE_SCORED : SORTS[args.sort ?? 'RELEVANCE'];
  // Refuse a foreign or tampered cursor before any work.
  const cursor = request.after ? decodeCursor(spec, request.after) : null;
  const after = cursor ? cursorValues(spec, cursor.values, cursor.id) : null;
  if (cursor && !after) throw badUserInput(INVALID_CURSOR, { argumentName: 'after' });

  const categorySlug = request.filter.categorySlug;
  const categoryIds = categorySlug != null ? await ctx.categories.subtreeIds(categorySlug) : null;
  const predicates = request.query.wordless ? null : gigPredicates(request.filter, categoryIds);
  if (!predicates) return { ...emptyConnection<GigDoc>(), facets: () => facetsOf(ctx, [], request.filter.categorySlug, null) };

  return ctx.searchLimit.run(async () => {
    const index = ctx.searchIndex;
    const passing = (row: IndexedGig) => passesAll(predicates, row);
    // The query's words narrow the gigs whatever the sort; only RELEVANCE sorts by their score.
    // Each match is read once: the page, totalCount and the facets share that one pass.
    const matched = words.length > 0 ? matchedRows(index, index.match(words)) : null;
    const candidates = (): Iterable<IndexedGig> => (matched ? matched.entries : index.all());

    let page: Row[];
    let count: () => Promise<number>;
    if (matched) {
      const keyed: Array<{ entry: IndexedGig; score: number; values: SortValues }> = [];
      let total = 0;
      matched.entries.forEach((entry, i) => {
        if (!passing(entry)) return;
        total += 1;
        const score = matched.scores[i]!;
        const values = sortValues(spec, entry, score);
        if (!after || compareValues(spec, values, after) > 0) keyed.push({ entry, score, values });
      });
      keyed.sort((a, b) => compareValues(spec, a.values, b.values));
      page = keyed.slice(0, first + 1).map(({ entry, score }) => ({ ...entry, [SCORE_FIELD]: score }));
      count = () => Promise.resolve(total);
    } else {
      page = [];
      const order = index.inOrder(spec);
      const { rows } = order;
      for (let i = after ? order.firstAfter(after) : 0; i < rows.length && page.length <= first; i += 1) {
        if (passing(rows[i]!)) page.push(rows[i]!);
      }
      count = countOnce(candidates, passing);
    }

    const docs = await visibleDocs(ctx, page);
    const connection = toConnection(spec, docs, first, count, Boolean(cursor), ({ doc }) => doc);
    return { ...connection, facets: () => facetsOf(ctx, candidates(), categorySlug, predicates) };
  }, currentDeadline()?.signal);
}

/** The index's entries of the matched gigs, with their scores at the same positions. */
function matchedRows(index: GigSearchIndex, matches: ReadonlyMap<string, number>): { entries: IndexedGig[]; scores: number[] } {
  const entries: IndexedGig[] = [];
  const scores: number[] = [];
  for (const [id, score] of matches) {
    const entry = index.get(id);
    if (entry) {
      entries.push(entry);
      scores.push(score);
    }
  }
  return { entries, scores };
}

function countOnce(candidates: () => Iterable<IndexedGig>, passing: (row: IndexedGig) => boolean): () => Promise<number> {
  let counted: number | undefined;
  return () => {
    if (counted === undefined) {
      counted = 0;
      for (const row of candidates()) if (passing(row)) counted += 1;
    }
    return Promise.resolve(counted);
  };
}

/**
 * The page's gigs as stored now, in the page's order, each with the sort values the index paged
 * by (the cursors). One that is gone or no longer ACTIVE (changed by another instance since this
 * index heard of it) is left out, and what was read repairs the index.
 */
async function visibleDocs(ctx: GigsContext, page: Row[]): Promise<Array<Row & { doc: GigDoc }>> {
  if (!page.length) return [];
  const ticket = ctx.searchIndex.ticket();
  const docs = await ctx.loaders.gigById.loadMany(page.map((row) => String(row._id)));
  const out: Array<Row & { doc: GigDoc }> = [];
  page.forEach((row, i) => {
    const doc = docs[i];
    if (doc instanceof Error) throw doc;
    if (!doc) {
      ctx.searchIndex.applyMissing(String(row._id), ticket);
      return;
    }
    ctx.searchIndex.apply(doc, ticket);
    if (doc.status === 'ACTIVE') out.push({ ...row, doc });
  });
  return out;
}

/**
 * GigConnection.facets (the contract's GigFacets): over the candidates, each facet ignoring its
 * own dimension of the filter. The category facet's level: without categorySlug the top-level
 * categories; with it its subcategories, or its siblings when it is a leaf.
 */
async function facetsOf(
  ctx: GigsContext,
  candidates: Iterable<IndexedGig>,
  categorySlug: string | null | undefined,
  predicates: GigPredicates | null,
): Promise<GigFacetsResult> {
  const level = await facetLevel(ctx, categorySlug);
  const bucketOf = new Map<string, string>();
  for (const category of level) {
    for (const id of (await ctx.categories.subtreeIds(category.slug)) ?? []) bucketOf.set(id, String(category._id));
  }
  const counts = predicates
    ? countFacets(candidates, predicates, (id) => bucketOf.get(id) ?? null)
    : { categories: new Map<string, number>(), priceRanges: PRICE_BUCKETS.map(() => 0), deliveryTimes: DELIVERY_BUCKETS.map(() => 0) };
  const position = new Map(level.map((c, i) => [String(c._id), i]));
  return {
    categories: level
      .map((category) => ({ category, count: counts.categories.get(String(category._id)) ?? 0 }))
      .filter((facet) => facet.count > 0)
      .sort((a, b) => b.count - a.count || position.get(String(a.category._id))! - position.get(String(b.category._id))!),
    priceRanges: PRICE_BUCKETS.map((bucket, i) => ({ ...bucket, count: counts.priceRanges[i]! })),
    deliveryTimes: DELIVERY_BUCKETS.map((maxDays, i) => ({ maxDays, count: counts.deliveryTimes[i]! })),
  };
}

async function facetLevel(ctx: GigsContext, categorySlug: string | null | undefined): Promise<CategoryDoc[]> {
  if (categorySlug == null) return ctx.categories.topLevel();
  const category = await ctx.categories.bySlug(categorySlug);
  if (!category) return [];
  const children = await ctx.categories.childrenOf(String(category._id));
  if (children.length) return children;
  return category.parentId ? ctx.categories.childrenOf(String(category.parentId)) : ctx.categories.topLevel();
}

/**
 * searchSuggestions: completions of the prefix's last word from ACTIVE gigs' title and tag words,
 * among the gigs matching the words before it, most frequent first. Under 2 characters: none.
 */
export function searchSuggestions(ctx: GigsContext, args: QuerySearchSuggestionsArgs): string[] {
  const { prefix, first } = parseArgs(suggestionArgsSchema, { prefix: args.prefix, first: args.first });
  if ([...prefix.trim()].length < SUGGESTION_LIMITS.minPrefix) return [];
  const words = normaliseWords(prefix);
  if (!words.length) return [];
  return ctx.searchIndex.suggest(words, first);
}
