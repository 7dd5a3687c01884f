import { parseArgs } from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { keysetAfter, searchArgsSchema, searchFilter, tierFilter } from './rules.js';

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
    expect(searchFilter(punctuation, null)).toBeNull();
    expect(parseArgs(searchArgsSchema, { query: '   ' }).query).toEqual({ words: [], wordless: false });
  });
});

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
