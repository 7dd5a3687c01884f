import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { keysetAfter, tierFilter } from './rules.js';

describe('keysetAfter', () => {
  it('selects strictly after (key, _id) in the sort order', () => {
    const id = new Types.ObjectId('0123456789abcdef01234567');
    expect(keysetAfter([{ field: 'startingPriceCents', direction: 1 }], [2500], id, 1)).toEqual({
      $or: [{ startingPriceCents: { $gt: 2500 } }, { startingPriceCents: 2500, _id: { $gt: id } }],
    });
    expect(keysetAfter([{ field: 'stats.ordersCompleted', direction: -1 }], [3], id, -1)).toEqual({
      $or: [{ 'stats.ordersCompleted': { $lt: 3 } }, { 'stats.ordersCompleted': 3, _id: { $lt: id } }],
    });
  });
});

describe('tierFilter', () => {
  it('puts every match in exactly one tier: title, else tags, else the rest', () => {
    const title = [{ titleWords: /^logo/ }, { titleWords: /^c\+\+/ }];
    const tags = [{ tagWords: /^logo/ }, { tagWords: /^c\+\+/ }];
    expect(tierFilter(3, ['logo', 'c++'])).toEqual({ $or: title });
    expect(tierFilter(2, ['logo', 'c++'])).toEqual({ $and: [{ $nor: title }, { $or: tags }] });
    expect(tierFilter(1, ['logo', 'c++'])).toEqual({ $nor: [...title, ...tags] });
  });
});
