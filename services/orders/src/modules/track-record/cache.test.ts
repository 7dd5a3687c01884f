import { describe, expect, it } from 'vitest';
import { createTrackRecordCache } from './cache.js';
import { EMPTY_SELLER_TOTALS, type RatingTotals, type SellerOrderTotals } from './rules.js';

const NONE = (): RatingTotals => ({ count: 0, sum: 0 });

describe('track-record cache', () => {
  function counting<V>(values: Record<string, V>) {
    const asked: string[][] = [];
    const fetch = (missing: string[]) => {
      asked.push(missing);
      return Promise.resolve(new Map(missing.filter((k) => values[k]).map((k): [string, V] => [k, values[k]!])));
    };
    return { asked, fetch };
  }

  it('aggregates only the sellers it does not keep, sellers without data included', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, fetch } = counting({ a: { count: 2, sum: 9 } });
    expect(Object.fromEntries(await cache.rating.load(['a', 'b'], fetch, NONE))).toEqual({
      a: { count: 2, sum: 9 },
      b: { count: 0, sum: 0 },
    });
    await cache.rating.load(['a', 'b', 'c', 'c'], fetch, NONE);
    expect(asked).toEqual([['a', 'b'], ['c']]);
  });

  it('forgets a seller whose orders changed, and keeps nothing read while a change came in', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, fetch } = counting({ a: { count: 1, sum: 5 } });
    await cache.rating.load(['a'], fetch, NONE);
    cache.forget('a');
    await cache.rating.load(['a'], fetch, NONE);
    expect(asked).toEqual([['a'], ['a']]);

    // A change lands while an aggregation for the same seller is running: its result may predate
    // the change, so it is answered but not kept.
    const slow = cache.rating.load(
      ['b'],
      async (missing) => {
        cache.forget('b');
        return fetch(missing);
      },
      NONE,
    );
    await slow;
    await cache.rating.load(['b'], fetch, NONE);
    expect(asked.slice(2)).toEqual([['b'], ['b']]);
  });

  it('keeps what was read while another seller changed', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, fetch } = counting({ a: { count: 1, sum: 5 }, b: { count: 2, sum: 7 } });
    // Orders of other sellers change all the time on a busy marketplace: that must not stop this
    // process keeping anything.
    await cache.rating.load(
      ['a', 'b'],
      async (missing) => {
        cache.forget('c');
        return fetch(missing);
      },
      NONE,
    );
    expect(Object.fromEntries(await cache.rating.load(['a', 'b'], fetch, NONE))).toEqual({
      a: { count: 1, sum: 5 },
      b: { count: 2, sum: 7 },
    });
    expect(asked).toEqual([['a', 'b']]);
  });

  it('keeps nothing read while more sellers changed than it remembers changes of', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, fetch } = counting({ a: { count: 1, sum: 5 } });
    // 'a' changes, then so many others that the record of a's change is dropped: a's change may
    // have come after the read began, so its result is not kept.
    await cache.rating.load(
      ['a'],
      async (missing) => {
        cache.forget('a');
        for (let i = 0; i <= 50_000; i++) cache.forget(`s${i}`);
        return fetch(missing);
      },
      NONE,
    );
    await cache.rating.load(['a'], fetch, NONE);
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('keeps nothing with a TTL of 0', async () => {
    const cache = createTrackRecordCache(0);
    const { asked, fetch } = counting<SellerOrderTotals>({});
    await cache.orderTotals.load(['a'], fetch, () => ({ ...EMPTY_SELLER_TOTALS }));
    await cache.orderTotals.load(['a'], fetch, () => ({ ...EMPTY_SELLER_TOTALS }));
    expect(asked).toHaveLength(2);
  });
});
