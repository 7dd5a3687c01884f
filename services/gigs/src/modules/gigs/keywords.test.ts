import { describe, expect, it } from 'vitest';
import { normaliseWords, queryWords } from './keywords.js';

describe('keywords', () => {
  it('lowercases, folds accents, splits on punctuation and deduplicates', () => {
    expect(normaliseWords('Logo LOGOS, café-Design! logo')).toEqual(['logo', 'logos', 'cafe', 'design']);
    expect(queryWords('  ')).toEqual([]);
    expect(queryWords(null)).toEqual([]);
    expect(queryWords('a b c d e f g h i j a')).toHaveLength(10);
  });

  it('cuts every word at 40 characters, indexed and queried alike', () => {
    const long = `${'a'.repeat(39)}\u00e9${'b'.repeat(20)}`;
    expect(normaliseWords(`short ${long}`)).toEqual(['short', `${'a'.repeat(39)}e`]);
    expect(queryWords(long)).toEqual(normaliseWords(long));
    // Letters outside the BMP count as one character each, never cut in half.
    expect([...normaliseWords('\u{20000}'.repeat(45))[0]!]).toHaveLength(40);
  });
});
