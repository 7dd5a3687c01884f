/**
 * Search without `$text` (FerretDB has none): each gig stores the normalised words of its title,
 * tags and description, and a query word matches a stored word it is a prefix of, through an
 * anchored regex (`^word`) on an indexed array. Anchored regexes can use the index's order; the
 * query is regex-escaped so that what a person types is always plain text.
 */

/** Lowercase, accents folded, split on anything that is not a letter or digit. */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return [...new Set(words)];
}

/** The words of a search query, at most `max` of them (a longer query only narrows to nothing). */
export function queryWords(query: string | null | undefined, max = 8): string[] {
  if (!query) return [];
  return normaliseWords(query).slice(0, max);
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
