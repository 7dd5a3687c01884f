import { LRUCache } from 'lru-cache';
import type { RatingTotals, SellerOrderTotals } from './rules.js';

/**
 * Sellers' track records, kept per process. A search page shows the level of twenty sellers, and
 * each seller's level sums all their orders and reviews: two aggregations over thousands of
 * documents for every page view, for figures that change only when one of those orders does.
 *
 * Requests missing the same seller at the same time share one aggregation (a cold cache under load
 * would otherwise run one per request).
 *
 * An entry lives `ttlMs`, and this process forgets a seller's entries as soon as it records a
 * change to one of their orders (the outbox signal names the seller), so a change made here shows
 * at once; one made by another instance of the service shows within `ttlMs`. A seller's level is
 * an evaluation over months of history: a minute of delay is invisible to buyers.
 */
export interface TrackRecordCache {
  orderTotals: Memo<SellerOrderTotals>;
  rating: Memo<RatingTotals>;
  /** Drops what is kept about a seller, after a change to one of their orders. */
  forget(sellerId: string): void;
}

export interface Memo<V> {
  /** The values for `keys`: kept ones, and `fetch` for the others in one call (then kept). */
  load(
    keys: readonly string[],
    fetch: (missing: string[]) => Promise<Map<string, V>>,
    fallback: (key: string) => V,
  ): Promise<Map<string, V>>;
}

/** At most this many sellers per kind are kept: a bounded amount of memory whatever the traffic. */
const MAX_SELLERS = 50_000;

function memo<V extends object>(ttlMs: number): Memo<V> & { forget(key: string): void } {
  const cache = ttlMs > 0 ? new LRUCache<string, V>({ max: MAX_SELLERS, ttl: ttlMs }) : null;
  // Changes are numbered, and the number of each seller's last change is kept: an aggregation
  // that was running when a change to its seller came in may have read the state before it, so
  // what it returns is used for its own request but not kept. A change to another seller does not
  // matter (under a steady stream of orders some seller always changes). A seller whose last change
  // was dropped from this bounded list counts as changed as late as the last one dropped.
  let changes = 0;
  let droppedUpTo = 0;
  const lastChange = new LRUCache<string, number>({
    max: MAX_SELLERS,
    dispose: (change, _key, reason) => {
      if (reason === 'evict') droppedUpTo = Math.max(droppedUpTo, change);
    },
  });
  const changedSince = (key: string, startedAt: number) => (lastChange.peek(key) ?? droppedUpTo) > startedAt;
  // Aggregations running now, by seller: a request missing the same seller waits for that one
  // instead of starting its own (a cold cache under load would otherwise run one per request), unless
  // the seller changed since it began.
  const running = new Map<string, { startedAt: number; value: Promise<V> }>();
  const start = (missing: string[], fetch: (missing: string[]) => Promise<Map<string, V>>, fallback: (key: string) => V) => {
    const startedAt = changes;
    const fetched = fetch(missing);
    return missing.map((key): [string, Promise<V>] => {
      const value = fetched.then((found) => found.get(key) ?? fallback(key));
      if (!cache) return [key, value];
      const entry = { startedAt, value };
      running.set(key, entry);
      const settle = (kept: V | null) => {
        if (running.get(key) === entry) running.delete(key);
        if (kept && !changedSince(key, startedAt)) cache.set(key, kept);
      };
      value.then(settle, () => settle(null));
      return [key, value];
    });
  };
  return {
    async load(keys, fetch, fallback) {
      const out = new Map<string, V>();
      const missing: string[] = [];
      const pending: Array<[string, Promise<V>]> = [];
      for (const key of new Set(keys)) {
        const kept = cache?.get(key);
        const shared = kept ? undefined : running.get(key);
        if (kept) out.set(key, kept);
        else if (shared && !changedSince(key, shared.startedAt)) pending.push([key, shared.value]);
        else missing.push(key);
      }
      if (missing.length) pending.push(...start(missing, fetch, fallback));
      const values = await Promise.all(pending.map(([, value]) => value));
      pending.forEach(([key], i) => out.set(key, values[i]!));
      return out;
    },
    forget(key) {
      if (!cache) return; // nothing is kept, so nothing to hold back
      changes += 1;
      lastChange.set(key, changes);
      cache.delete(key);
    },
  };
}

/** `ttlMs` 0 keeps nothing: every read aggregates. */
export function createTrackRecordCache(ttlMs: number): TrackRecordCache {
  const orderTotals = memo<SellerOrderTotals>(ttlMs);
  const rating = memo<RatingTotals>(ttlMs);
  return {
    orderTotals,
    rating,
    forget(sellerId) {
      orderTotals.forget(sellerId);
      rating.forget(sellerId);
    },
  };
}
