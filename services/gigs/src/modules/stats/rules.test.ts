import type { OrderFacts } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { factRow, ratingSortKey, sameStats, statsOf, summarize } from './rules.js';

function facts(orderId: string, gigId: string, status: OrderFacts['status'], rating: number | null = null): OrderFacts {
  return { orderId, gigId, sellerId: 'seller', status, rating };
}

describe('stats rules', () => {
  it("turns an order's facts into the row that counts toward its gig", () => {
    expect(factRow(facts('o', 'g', 'IN_REVISION'))).toMatchObject({ completed: 0, inQueue: 1, rated: 0, rating: 0 });
    expect(factRow(facts('o', 'g', 'COMPLETED', 4))).toMatchObject({ completed: 1, inQueue: 0, rated: 1, rating: 4 });
    expect(factRow(facts('o', 'g', 'CANCELLED'))).toMatchObject({ completed: 0, inQueue: 0, rated: 0 });
  });

  it('sums rows into stats, with a null average and a -1 sort key while unrated', () => {
    const none = summarize([]);
    expect(none).toEqual({ ordersCompleted: 0, ordersInQueue: 0, ratingSum: 0, ratingCount: 0, ratingAverage: null });
    expect(ratingSortKey(none)).toBe(-1);
    const some = summarize([
      factRow(facts('a', 'g', 'COMPLETED', 5)),
      factRow(facts('b', 'g', 'COMPLETED', 4)),
      factRow(facts('c', 'g', 'DELIVERED')),
    ]);
    expect(some).toEqual({ ordersCompleted: 2, ordersInQueue: 1, ratingSum: 9, ratingCount: 2, ratingAverage: 4.5 });
    expect(ratingSortKey(some)).toBe(4.5);
    expect(sameStats(undefined, none)).toBe(true);
    expect(sameStats({ ...some, ratingSum: 8 }, some)).toBe(false);
  });

  it('reads the stats of a gig no event has reached as zero and unrated', () => {
    expect(statsOf({})).toEqual(summarize([]));
    expect(statsOf({ stats: { ordersCompleted: 2 } })).toEqual({ ...summarize([]), ordersCompleted: 2 });
  });
});
