import { parseArgs } from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import {
  compareValues,
  countFacets,
  cursorValues,
  gigPredicates,
  matchKindWeight,
  RELEVANCE_SCORED,
  searchArgsSchema,
  sortValues,
  SORTS,
  transpositions,
} from './rules.js';

/** The BAD_USER_INPUT message for these arguments, or null when they are within bounds. */
function refusal(args: Record<string, unknown>): string | null {
  try {
    parseArgs(searchArgsSchema, args);
    return null;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT') return error.message;
    throw error;
  }
}

describe('searchArgsSchema', () => {
  it.each([
    [{}, null],
    [{ query: null, filter: null, after: null }, null],
    [{ query: 'x'.repeat(200) }, null],
    [{ query: '\u{1F600}'.repeat(200) }, null],
    [{ query: 'x'.repeat(201) }, 'The search query must be at most 200 characters.'],
    [{ query: 'a b c d e f g h' }, null],
    [{ query: 'a b c d e f g h a b' }, null],
    [{ query: 'a b c d e f g h i' }, 'Search for at most 8 words.'],
    [{ filter: { categorySlug: 'x'.repeat(100) } }, null],
    [{ filter: { categorySlug: 'x'.repeat(101) } }, 'The category slug must be at most 100 characters.'],
    [{ filter: { tags: ['a', 'b', 'c', 'd', 'e', 'A', ' b '] } }, null],
    [{ filter: { tags: ['a', 'b', 'c', 'd', 'e', 'f'] } }, 'Filter by at most 5 tags.'],
    [{ filter: { tags: ['x'.repeat(30)] } }, null],
    [{ filter: { tags: ['x'.repeat(31)] } }, 'A tag must be at most 30 characters.'],
    [{ after: 'x'.repeat(500) }, null],
    [{ after: 'x'.repeat(501) }, 'The "after" cursor is not valid for this list and sort.'],
    [
      { query: 'x'.repeat(201), filter: { categorySlug: 'x'.repeat(101), tags: ['x'.repeat(31)] } },
      'The search query must be at most 200 characters. The category slug must be at most 100 characters. A tag must be at most 30 characters.',
    ],
  ])('%j: %s', (args, expected) => {
    expect(refusal(args)).toBe(expected);
  });

  it('names each problem with its argument', () => {
    try {
      parseArgs(searchArgsSchema, { query: 'x'.repeat(201), filter: { tags: ['a', 'b', 'c', 'd', 'e', 'f'] } });
      expect.unreachable();
    } catch (error) {
      expect((error as GraphQLError).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        argumentName: 'query',
        problems: [
          { argument: 'query', message: 'The search query must be at most 200 characters.' },
          { argument: 'filter.tags', message: 'Filter by at most 5 tags.' },
        ],
      });
    }
  });

  it('gives the distinct words, the tags as stored, and no words for punctuation', () => {
    const args = parseArgs(searchArgsSchema, {
      query: 'Logo LOGO café',
      filter: { tags: [' Brand  Identity ', 'brand identity', '', 'Logo'] },
    });
    expect(args.query).toEqual({ words: ['logo', 'cafe'], wordless: false });
    expect(args.filter.tags).toEqual(['brand identity', 'logo']);
    const punctuation = parseArgs(searchArgsSchema, { query: ' .*( ' });
    expect(punctuation.query).toEqual({ words: [], wordless: true });
    expect(parseArgs(searchArgsSchema, { query: '   ' }).query).toEqual({ words: [], wordless: false });
  });
});

describe('order and keyset in memory', () => {
  it('compares by the keys in their directions, then _id', () => {
    const id = (n: number) => new Types.ObjectId(n.toString(16).padStart(24, '0'));
    const spec = SORTS.PRICE_LOW_TO_HIGH;
    const a = sortValues(spec, { _id: id(2), startingPriceCents: 1000 });
    const b = sortValues(spec, { _id: id(1), startingPriceCents: 2000 });
    const c = sortValues(spec, { _id: id(3), startingPriceCents: 1000 });
    expect([b, c, a].sort((x, y) => compareValues(spec, x, y))).toEqual([a, c, b]);
    const scored = (score: number, rating: number, sales: number, n: number) =>
      sortValues(RELEVANCE_SCORED, { _id: id(n), _score: score, ratingSortKey: rating, stats: { ordersCompleted: sales } });
    const rows = [scored(4, -1, 9, 1), scored(8, -1, 0, 2), scored(4, 5, 0, 3), scored(4, -1, 9, 4)];
    expect([...rows].sort((x, y) => compareValues(RELEVANCE_SCORED, x, y))).toEqual([rows[1], rows[2], rows[3], rows[0]]);
  });

  it("takes a cursor's values only when they are numbers or dates, as many as the keys", () => {
    const id = new Types.ObjectId('0123456789abcdef01234567');
    expect(cursorValues(SORTS.NEWEST, [new Date(5)], id)).toEqual([5, '0123456789abcdef01234567']);
    expect(cursorValues(RELEVANCE_SCORED, [7, 0], id)).toBeNull();
    expect(cursorValues(RELEVANCE_SCORED, ['x', 0, 1], id)).toBeNull();
    expect(cursorValues(RELEVANCE_SCORED, [7, -1, 0], id)).toEqual([7, -1, 0, '0123456789abcdef01234567']);
  });
});

describe('relevance', () => {
  it('counts exact and prefix matches fully and a typo half', () => {
    expect(matchKindWeight('logo', 'logo')).toBe(1);
    expect(matchKindWeight('logo', 'logotype')).toBe(1);
    expect(matchKindWeight('logoo', 'logo')).toBe(0.5);
  });

  it('lists each adjacent transposition once', () => {
    expect(transpositions('lgoo')).toEqual(['gloo', 'logo']);
    expect(transpositions('aab')).toEqual(['aba']);
  });
});

describe('facet counts', () => {
  it('counts each facet over every dimension but its own', () => {
    const gig = (categoryId: string, price: number, days: number, seller = 's') => ({
      categoryId,
      sellerId: seller,
      startingPriceCents: price,
      minDeliveryDays: days,
      tags: [],
      ratingSortKey: -1,
    });
    const gigs = [gig('a', 1000, 1), gig('a', 3000, 5), gig('b', 30000, 2), gig('b', 30000, 2, 'other')];
    const args = parseArgs(searchArgsSchema, { filter: { categorySlug: 'x', maxPriceCents: 5000, maxDeliveryDays: 3, sellerId: 's' } });
    const p = gigPredicates({ ...args.filter, sellerId: null }, ['a'])!;
    const counts = countFacets(gigs, { ...p, rest: (g) => g.sellerId === 's' }, (id) => id);
    // Categories ignore the category filter: a's 1000/1-day gig, b's 30000 gig fails the price.
    expect([...counts.categories]).toEqual([['a', 1]]);
    // Prices ignore the price filter: a's gigs within 3 days: only the 1-day one.
    expect(counts.priceRanges).toEqual([1, 0, 0, 0, 0]);
    // Delivery ignores its own filter: a's two gigs (both within the price bound).
    expect(counts.deliveryTimes).toEqual([1, 1, 2, 2]);
  });
});
