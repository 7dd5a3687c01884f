/**
 * The words search compares (modules/search indexes a gig's title, tags and description in memory
 * with them; nothing of them is stored in the gig document): lowercase, accents folded, split on
 * anything that is not a letter or digit.
 *
 * Words are compared on their first `MAX_WORD_LENGTH` characters: the index keeps each word cut
 * there, and a query word is cut the same way, so a longer word costs no more than a 40-character
 * one and still finds what it names. (Longer real words are rare: German compounds, chemical names.)
 */
export const MAX_WORD_LENGTH = 40;

/** Lowercase, accents folded, split on anything that is not a letter or digit, each cut at MAX_WORD_LENGTH characters. */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const words = folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > MAX_WORD_LENGTH ? [...w].slice(0, MAX_WORD_LENGTH).join('') : w));
  return [...new Set(words)];
}

/** The distinct words of a search query (search/rules.ts bounds how many a query may have). */
export function queryWords(query: string | null | undefined): string[] {
  if (!query) return [];
  return normaliseWords(query);
}
