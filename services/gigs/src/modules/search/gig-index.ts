import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import MiniSearch from 'minisearch';
import type { Types } from 'mongoose';
import type { GigDoc } from '../gigs/index.js';
import { normaliseWords } from '../gigs/keywords.js';
import type { SortSpec } from '@gigmart/shared';
import { compareValues, matchKindWeight, FIELD_WEIGHTS, sortValues, transpositions, type TextField } from './rules.js';

/**
 * What the index keeps of an ACTIVE gig: what searches filter, sort and count on, in the stored
 * document's shape (so the sort specs' field paths and the cursors are those of the database), plus
 * a fingerprint of the stored version. The text itself lives only in MiniSearch's inverted index.
 */
export interface IndexedGig {
  _id: Types.ObjectId;
  categoryId: string;
  sellerId: string;
  startingPriceCents: number;
  minDeliveryDays: number;
  tags: string[];
  ratingSortKey: number;
  stats: { ordersCompleted: number };
  createdAt: Date;
  /** Title and tag words, for searchSuggestions. */
  suggestWords: string[];
  /** updatedAt, statsVersion and status of the stored version: what reconciliation compares. */
  fingerprint: string;
  /** A hash of title, tags and description: unchanged text is not indexed again. */
  textHash: string;
}

/** The stored fields the index is built from (a projection: no packages, FAQs or requirements). */
export const INDEX_PROJECTION = {
  title: 1,
  description: 1,
  tags: 1,
  categoryId: 1,
  sellerId: 1,
  status: 1,
  startingPriceCents: 1,
  minDeliveryDays: 1,
  ratingSortKey: 1,
  'stats.ordersCompleted': 1,
  createdAt: 1,
  updatedAt: 1,
  statsVersion: 1,
} as const;

/** A stored gig as the index reads it: a full document or the projection above. */
export type IndexSource = Pick<
  GigDoc,
  | '_id'
  | 'title'
  | 'description'
  | 'tags'
  | 'categoryId'
  | 'sellerId'
  | 'status'
  | 'startingPriceCents'
  | 'minDeliveryDays'
  | 'ratingSortKey'
  | 'createdAt'
  | 'updatedAt'
  | 'statsVersion'
> & { stats?: { ordersCompleted?: number } | null };

/** Fingerprint of the only fields reconciliation reads for every gig. */
export function fingerprintOf(doc: Pick<GigDoc, 'updatedAt' | 'statsVersion' | 'status'>): string {
  return `${new Date(doc.updatedAt).getTime()}:${doc.statsVersion ?? 0}:${doc.status}`;
}

function textHashOf(doc: Pick<GigDoc, 'title' | 'tags' | 'description'>): string {
  return createHash('sha1')
    .update(doc.title)
    .update('\0')
    .update(doc.tags.join('\u0001'))
    .update('\0')
    .update(doc.description)
    .digest('base64');
}

interface TextDoc {
  id: string;
  title: string;
  tags: string;
  description: string;
}

/** How many matched gigs `match` keeps, over all the queries it remembers (about 100 bytes each). */
export const MATCH_CACHE_GIGS = 200_000;

/**
 * One process's search index over the ACTIVE gigs (see README "Search"): MiniSearch's inverted
 * index (a radix tree, for prefix and fuzzy lookups) over title, tags and description, and beside
 * it the fields searches filter, sort and count on.
 *
 * Every change is applied with a ticket (`ticket()`): a read takes one before it is sent, a write
 * after it returned. A gig's state from an older ticket never replaces one from a newer ticket, so
 * a slow read (a reconciliation page, an order event's refresh) cannot undo a newer change that
 * was applied meanwhile.
 */
export class GigSearchIndex {
  private readonly text = new MiniSearch<TextDoc>({
    fields: ['title', 'tags', 'description'],
    tokenize: (text) => normaliseWords(text),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
  });
  private readonly entries = new Map<string, IndexedGig>();
  /** The ticket of the newest state applied per gig, removed ones included. */
  private readonly applied = new Map<string, number>();
  private tickets = 0;
  /** Grows when a gig's title or tags words, or the set of gigs, change (the suggestions' counts). */
  private wordsVersion = 0;
  private wordCounts: { version: number; terms: string[]; counts: Map<string, number> } | null = null;
  /** The sorted orders pages walk, by sort, each kept current entry by entry (see `inOrder`). */
  private readonly sorted = new Map<SortSpec, SortedOrder>();
  /** Grows when the text index changes (a gig's text, or the set of gigs): what `match` depends on. */
  private textVersion = 0;
  /**
   * Recent queries' matches, valid while `textVersion` is the one they were computed at: a match
   * and its scores depend only on the gigs' text, so a change of sales or rating keeps them. Bounded
   * by the matched gigs kept in all, not by the number of queries.
   */
  private readonly matches = new LRUCache<string, { textVersion: number; scores: ReadonlyMap<string, number> }>({
    maxSize: MATCH_CACHE_GIGS,
    sizeCalculation: (value) => Math.max(1, value.scores.size),
  });

  get size(): number {
    return this.entries.size;
  }

  ticket(): number {
    this.tickets += 1;
    return this.tickets;
  }

  get(id: string): IndexedGig | undefined {
    return this.entries.get(id);
  }

  all(): IterableIterator<IndexedGig> {
    return this.entries.values();
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * The gig's stored state as read or written with `ticket`: indexed when ACTIVE, removed
   * otherwise; ignored when a newer ticket's state was applied already. Returns whether it changed
   * the index.
   */
  apply(doc: IndexSource, ticket: number): boolean {
    const id = String(doc._id);
    if ((this.applied.get(id) ?? 0) > ticket) return false;
    this.applied.set(id, ticket);
    if (doc.status !== 'ACTIVE') return this.remove(id);
    const fingerprint = fingerprintOf(doc);
    const current = this.entries.get(id);
    if (current?.fingerprint === fingerprint) return false;
    const textHash = textHashOf(doc);
    const entry: IndexedGig = {
      _id: doc._id,
      categoryId: String(doc.categoryId),
      sellerId: String(doc.sellerId),
      startingPriceCents: doc.startingPriceCents,
      minDeliveryDays: doc.minDeliveryDays,
      tags: doc.tags,
      ratingSortKey: doc.ratingSortKey ?? -1,
      stats: { ordersCompleted: doc.stats?.ordersCompleted ?? 0 },
      createdAt: new Date(doc.createdAt),
      suggestWords: [...new Set([...normaliseWords(doc.title), ...normaliseWords(doc.tags.join(' '))])],
      fingerprint,
      textHash,
    };
    if (!current || current.suggestWords.join(' ') !== entry.suggestWords.join(' ')) this.wordsVersion += 1;
    if (current?.textHash !== textHash) {
      const textDoc = { id, title: doc.title, tags: doc.tags.join(' '), description: doc.description };
      if (current) this.text.replace(textDoc);
      else this.text.add(textDoc);
      this.textVersion += 1;
    }
    this.entries.set(id, entry);
    for (const order of this.sorted.values()) {
      if (current) order.remove(current);
      order.insert(entry);
    }
    return true;
  }

  /** A gig known to be gone or not ACTIVE at `ticket` (read by id and not found). */
  applyMissing(id: string, ticket: number): boolean {
    if ((this.applied.get(id) ?? 0) > ticket) return false;
    this.applied.set(id, ticket);
    return this.remove(id);
  }

  private remove(id: string): boolean {
    const current = this.entries.get(id);
    if (!current) return false;
    this.entries.delete(id);
    for (const order of this.sorted.values()) order.remove(current);
    this.text.discard(id);
    this.textVersion += 1;
    this.wordsVersion += 1;
    return true;
  }

  /**
   * The ACTIVE gigs matching every query word (already normalised), each with its relevance
   * score; see rules.ts `matchKindWeight` and FIELD_WEIGHTS. A word of 2+ letters also matches as
   * a prefix; of 5+ letters also within one edit (MiniSearch's Levenshtein distance 1, plus the
   * word's adjacent transpositions looked up exactly: Damerau).
   */
  match(words: readonly string[]): ReadonlyMap<string, number> {
    const key = words.join(' ');
    const kept = this.matches.get(key);
    if (kept?.textVersion === this.textVersion) return kept.scores;
    const scores = this.matchAll(words);
    this.matches.set(key, { textVersion: this.textVersion, scores });
    return scores;
  }

  private matchAll(words: readonly string[]): Map<string, number> {
    let scores: Map<string, number> | null = null;
    for (const word of words) {
      const found = this.matchWord(word);
      if (scores === null) scores = found;
      else {
        const next = new Map<string, number>();
        for (const [id, score] of scores) {
          const more = found.get(id);
          if (more !== undefined) next.set(id, score + more);
        }
        scores = next;
      }
      if (scores.size === 0) break;
    }
    return scores ?? new Map<string, number>();
  }

  private matchWord(word: string): Map<string, number> {
    const best = new Map<string, number>();
    const collect = (query: string) => {
      const fuzzy = word.length >= 5 && query === word ? 1 : false;
      const prefix = word.length >= 2 && query === word;
      for (const result of this.text.search(query, { prefix, fuzzy, combineWith: 'OR' })) {
        const id = String(result.id);
        let score = best.get(id) ?? 0;
        for (const [term, fields] of Object.entries(result.match)) {
          const kind = matchKindWeight(word, term);
          for (const field of fields) score = Math.max(score, kind * FIELD_WEIGHTS[field as TextField]);
        }
        best.set(id, score);
      }
    };
    collect(word);
    if (word.length >= 5) for (const variant of transpositions(word)) collect(variant);
    return best;
  }

  /**
   * Every indexed gig in the order of `spec` (each gig's sort values computed once): a page
   * without a query walks it from its cursor. Sorted once, on the first request for that order;
   * from then on each change moves only the gig it changed (a binary search and an array splice),
   * so a stream of sales and ratings does not make every page sort the catalogue again.
   */
  inOrder(spec: SortSpec): { readonly rows: readonly IndexedGig[]; firstAfter(key: SortValues): number } {
    let order = this.sorted.get(spec);
    if (!order) {
      order = new SortedOrder(spec, this.entries.values());
      this.sorted.set(spec, order);
    }
    return order;
  }

  /**
   * Completions of the last word among the title and tag words of the gigs matching the words
   * before it, most frequent first (ties alphabetically), each with the words before it.
   */
  suggest(words: readonly string[], first: number): string[] {
    const last = words.at(-1);
    if (!last) return [];
    const before = words.slice(0, -1);
    let counts: Array<[string, number]>;
    if (before.length === 0) {
      const all = this.allWordCounts();
      counts = [];
      // The terms are sorted: the completions of `last` are one run of them.
      let lo = 0;
      let hi = all.terms.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all.terms[mid]! < last) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < all.terms.length && all.terms[i]!.startsWith(last); i += 1)
        counts.push([all.terms[i]!, all.counts.get(all.terms[i]!)!]);
    } else {
      const found = new Map<string, number>();
      for (const id of this.match(before).keys()) {
        for (const word of this.entries.get(id)?.suggestWords ?? []) {
          if (word.startsWith(last)) found.set(word, (found.get(word) ?? 0) + 1);
        }
      }
      counts = [...found];
    }
    counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const prefix = before.length ? `${before.join(' ')} ` : '';
    return counts.slice(0, first).map(([word]) => prefix + word);
  }

  private allWordCounts(): { terms: string[]; counts: Map<string, number> } {
    if (this.wordCounts?.version === this.wordsVersion) return this.wordCounts;
    const counts = new Map<string, number>();
    for (const entry of this.entries.values()) for (const word of entry.suggestWords) counts.set(word, (counts.get(word) ?? 0) + 1);
    const terms = [...counts.keys()].sort();
    this.wordCounts = { version: this.wordsVersion, terms, counts };
    return this.wordCounts;
  }
}

type SortValues = ReturnType<typeof sortValues>;

/**
 * The index's gigs in one sort's order, with each gig's sort values beside it (same positions).
 * Values are unique (they end with the id), so a gig's position is found by a binary search.
 */
class SortedOrder {
  readonly rows: IndexedGig[];
  private readonly keys: SortValues[];

  constructor(
    private readonly spec: SortSpec,
    gigs: Iterable<IndexedGig>,
  ) {
    const keyed = [...gigs].map((gig) => ({ gig, key: sortValues(spec, gig) }));
    keyed.sort((a, b) => compareValues(spec, a.key, b.key));
    this.rows = keyed.map((k) => k.gig);
    this.keys = keyed.map((k) => k.key);
  }

  /** The first position whose values are after `key` (`orEqual`: not before it). A binary search. */
  private bisect(key: SortValues, orEqual: boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const order = compareValues(this.spec, this.keys[mid]!, key);
      if (order < 0 || (!orEqual && order === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where a page whose cursor is `key` starts: the first position after it. */
  firstAfter(key: SortValues): number {
    return this.bisect(key, false);
  }

  insert(gig: IndexedGig): void {
    const key = sortValues(this.spec, gig);
    const at = this.bisect(key, true);
    this.rows.splice(at, 0, gig);
    this.keys.splice(at, 0, key);
  }

  /** Removes this very entry (the object the index held), found by its values. */
  remove(gig: IndexedGig): void {
    const at = this.bisect(sortValues(this.spec, gig), true);
    if (this.rows[at] !== gig) return;
    this.rows.splice(at, 1);
    this.keys.splice(at, 1);
  }
}
