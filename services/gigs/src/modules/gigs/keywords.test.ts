import { describe, expect, it } from 'vitest';
import { escapeRegex, gigWords, normaliseWords, prefixPattern, queryWords } from './keywords.js';

describe('keywords', () => {
  it('lowercases, folds accents, splits on punctuation and deduplicates', () => {
    expect(normaliseWords('Logo LOGOS, café-Design! logo')).toEqual(['logo', 'logos', 'cafe', 'design']);
    expect(queryWords('  ')).toEqual([]);
    expect(queryWords(null)).toEqual([]);
    expect(queryWords('a b c d e f g h i j a')).toHaveLength(10);
  });

  it('cuts every word at 40 characters, stored and queried alike', () => {
    const long = `${'a'.repeat(39)}\u00e9${'b'.repeat(20)}`;
    expect(normaliseWords(`short ${long}`)).toEqual(['short', `${'a'.repeat(39)}e`]);
    expect(queryWords(long)).toEqual(gigWords({ title: long, tags: [], description: '' }).keywords);
    // Letters outside the BMP count as one character each, never cut in half.
    expect([...normaliseWords('\u{20000}'.repeat(45))[0]!]).toHaveLength(40);
  });

  it('keeps title, tag and description words apart and unites them in keywords', () => {
    const words = gigWords({ title: 'Modern Logo', tags: ['brand identity'], description: 'Vector files included' });
    expect(words.titleWords).toEqual(['modern', 'logo']);
    expect(words.tagWords).toEqual(['brand', 'identity']);
    expect(words.keywords).toEqual(['modern', 'logo', 'brand', 'identity', 'vector', 'files', 'included']);
  });

  it('escapes regex metacharacters so a query is plain text, anchored at the word start', () => {
    expect(escapeRegex('a.b*c+(d)[e]{f}|g^h$i?j\\k/l-m')).toBe('a\\.b\\*c\\+\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\?j\\\\k\\/l\\-m');
    const pattern = prefixPattern('lo.o');
    expect(pattern.test('lo.o')).toBe(true);
    expect(pattern.test('logo')).toBe(false);
    expect(prefixPattern('logo').test('logos')).toBe(true);
    expect(prefixPattern('logo').test('mylogo')).toBe(false);
  });
});
