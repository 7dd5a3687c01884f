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

  /** A fetch that answers when told to (or fails), counting what it was asked. */
  function held<V>(values: Record<string, V>) {
    const asked: string[][] = [];
    const waiting: Array<{ missing: string[]; answer: () => void; fail: (error: Error) => void }> = [];
    const fetch = (missing: string[]) =>
      new Promise<Map<string, V>>((resolve, reject) => {
        asked.push(missing);
        const found = new Map(missing.filter((k) => values[k]).map((k): [string, V] => [k, values[k]!]));
        waiting.push({ missing, answer: () => resolve(found), fail: reject });
      });
    return { asked, waiting, fetch };
  }

  it('shares one aggregation between requests missing the same seller at once', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, waiting, fetch } = held({ a: { count: 1, sum: 5 }, b: { count: 2, sum: 7 } });
    const first = cache.rating.load(['a'], fetch, NONE);
    const second = cache.rating.load(['a'], fetch, NONE);
    const third = cache.rating.load(['a', 'b'], fetch, NONE);
    // Only 'b' was not being read already.
    expect(asked).toEqual([['a'], ['b']]);
    for (const w of waiting) w.answer();
    expect(Object.fromEntries(await first)).toEqual({ a: { count: 1, sum: 5 } });
    expect(Object.fromEntries(await second)).toEqual({ a: { count: 1, sum: 5 } });
    expect(Object.fromEntries(await third)).toEqual({ a: { count: 1, sum: 5 }, b: { count: 2, sum: 7 } });
    await cache.rating.load(['a', 'b'], fetch, NONE);
    expect(asked).toHaveLength(2);
  });

  it('does not share an aggregation begun before the seller changed', async () => {
    const cache = createTrackRecordCache(60_000);
    const values = { a: { count: 1, sum: 5 } };
    const { asked, waiting, fetch } = held(values);
    const before = cache.rating.load(['a'], fetch, NONE);
    // A new review for 'a' lands: the read already running may predate it.
    values.a = { count: 2, sum: 9 };
    cache.forget('a');
    const after = cache.rating.load(['a'], fetch, NONE);
    expect(asked).toEqual([['a'], ['a']]);
    // The later read ends first; the earlier one, ending after it, must not replace it.
    waiting[1]!.answer();
    expect(Object.fromEntries(await after)).toEqual({ a: { count: 2, sum: 9 } });
    waiting[0]!.answer();
    expect(Object.fromEntries(await before)).toEqual({ a: { count: 1, sum: 5 } });
    expect(Object.fromEntries(await cache.rating.load(['a'], fetch, NONE))).toEqual({ a: { count: 2, sum: 9 } });
    expect(asked).toHaveLength(2);
  });

  it('hands the failure of a shared aggregation to every request waiting on it, and keeps nothing', async () => {
    const cache = createTrackRecordCache(60_000);
    const { asked, waiting, fetch } = held({ a: { count: 1, sum: 5 } });
    const first = cache.rating.load(['a'], fetch, NONE);
    const second = cache.rating.load(['a'], fetch, NONE);
    waiting[0]!.fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await expect(second).rejects.toThrow('database gone');
    const again = cache.rating.load(['a'], fetch, NONE);
    expect(asked).toEqual([['a'], ['a']]);
    waiting[1]!.answer();
    expect(Object.fromEntries(await again)).toEqual({ a: { count: 1, sum: 5 } });
  });

  it('keeps nothing with a TTL of 0', async () => {
    const cache = createTrackRecordCache(0);
    const { asked, fetch } = counting<SellerOrderTotals>({});
    await cache.orderTotals.load(['a'], fetch, () => ({ ...EMPTY_SELLER_TOTALS }));
    await cache.orderTotals.load(['a'], fetch, () => ({ ...EMPTY_SELLER_TOTALS }));
    expect(asked).toHaveLength(2);
    // Nor does it share reads running at once.
    await Promise.all([0, 1].map(() => cache.orderTotals.load(['a'], fetch, () => ({ ...EMPTY_SELLER_TOTALS }))));
    expect(asked).toHaveLength(4);
  });
});
