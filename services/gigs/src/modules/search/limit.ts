import { WorkLimit } from '@gigmart/shared';

/**
 * Searches are this service's expensive reads: a few commands each over the whole gigs collection
 * (three relevance tiers and a count at most). One process runs at most `concurrency` of them at
 * once; `queue` more wait for a turn, each at most until its request's deadline or until its caller
 * leaves; beyond that a search is refused at once with SERVICE_UNAVAILABLE "Search is busy: try
 * again in a moment." and `retryAfterSeconds: 1`, instead of piling onto the database. Other
 * requests (a gig, categories, mutations) never wait for searches.
 */
export interface SearchLimitOptions {
  concurrency: number;
  queue: number;
}

export const DEFAULT_SEARCH_LIMIT: Readonly<SearchLimitOptions> = { concurrency: 4, queue: 16 };

export function createSearchLimit(options: Partial<SearchLimitOptions> = {}): WorkLimit {
  return new WorkLimit({
    name: 'Search',
    concurrency: options.concurrency ?? DEFAULT_SEARCH_LIMIT.concurrency,
    queue: options.queue ?? DEFAULT_SEARCH_LIMIT.queue,
    retryAfterSeconds: 1,
  });
}
