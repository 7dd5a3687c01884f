/**
 * Search without `$text` (FerretDB has none): each gig stores the normalised words of its title,
 * tags and description, and a query word matches a stored word it is a prefix of, through an
 * anchored regex (`^word`) on an indexed array. Anchored regexes can use the index's order; the
 * query is regex-escaped so that what a person types is always plain text.
 *
 * Words are compared on their first `MAX_WORD_LENGTH` characters: a gig stores each word cut there,
 * and a query word is cut the same way, so a longer word costs no more than a 40-character one and
 * still finds what it names. (Longer real words are rare: German compounds, chemical names.)
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

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The stored prefix pattern for one query word. */
export function prefixPattern(word: string): RegExp {
  return new RegExp(`^${escapeRegex(word)}`);
}

export interface GigWords {
  titleWords: string[];
  tagWords: string[];
  descriptionWords: string[];
  keywords: string[];
}

/** The stored search fields of a gig; `keywords` is their union, the field every query filters on. */
export function gigWords(gig: { title: string; tags: string[]; description: string }): GigWords {
  const titleWords = normaliseWords(gig.title);
  const tagWords = normaliseWords(gig.tags.join(' '));
  const descriptionWords = normaliseWords(gig.description);
  return {
    titleWords,
    tagWords,
    descriptionWords,
    keywords: [...new Set([...titleWords, ...tagWords, ...descriptionWords])],
  };
}
