import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { GigCardFragment, GigFilter, GigSort } from '../gql/graphql';
import { ErrorNotice, Unavailable } from '../errors';
import { dollarsToCents, formatRating, levelLabel } from '../format';
import { Categories } from './Home';

export const GigCardFields = graphql(`
  fragment GigCard on Gig {
    id
    title
    status
    images
    startingPrice {
      formatted
    }
    rating {
      average
      count
    }
    seller {
      id
      username
      displayName
      sellerStats {
        level
      }
    }
  }
`);

const SearchGigs = graphql(`
  query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
    searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...GigCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE_SIZE = 12;

const SORTS: Array<[GigSort, string]> = [
  ['RELEVANCE', 'Best match'],
  ['NEWEST', 'Newest'],
  ['PRICE_LOW_TO_HIGH', 'Price: low to high'],
  ['PRICE_HIGH_TO_LOW', 'Price: high to low'],
  ['BEST_SELLING', 'Best selling'],
  ['TOP_RATED', 'Top rated'],
];

const FILTER_KEYS = ['q', 'category', 'min', 'max', 'days', 'rating', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function toVariables(params: URLSearchParams): { query: string | null; filter: GigFilter; sort: GigSort } {
  const filter: GigFilter = {};
  const number = (key: FilterKey): number | null => {
    const value = params.get(key);
    if (value === null || value === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  };
  const category = params.get('category');
  if (category) filter.categorySlug = category;
  const min = number('min');
  if (min !== null) filter.minPriceCents = dollarsToCents(String(min));
  const max = number('max');
  if (max !== null) filter.maxPriceCents = dollarsToCents(String(max));
  const days = number('days');
  if (days !== null) filter.maxDeliveryDays = days;
  const rating = number('rating');
  if (rating !== null) filter.minRating = rating;
  const sort = SORTS.find(([value]) => value === params.get('sort'))?.[0] ?? 'RELEVANCE';
  return { query: params.get('q') || null, filter, sort };
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [{ data: categories }] = useQuery({ query: Categories });
  const [draft, setDraft] = useState<Record<FilterKey, string>>(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>,
  );
  // Pages loaded so far, by the cursor they start after (null: the first page).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const key = params.toString();
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    // New criteria (also from the header's search box): start again from the first page.
    setShownKey(key);
    setCursors([null]);
    setDraft(Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  }

  const set = (k: FilterKey) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const variables = toVariables(params);

  return (
    <div className="search-layout">
      <aside>
        <form className="filters" onSubmit={apply} aria-label="Filters">
          <h2>Filters</h2>
          <label>
            <span className="label">Words</span>
            <input name="q" value={draft.q} onChange={set('q')} />
          </label>
          <label>
            <span className="label">Category</span>
            <select name="category" value={draft.category} onChange={set('category')}>
              <option value="">All categories</option>
              {categories?.categories.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  <option value={c.slug}>All of {c.name}</option>
                  {c.children.map((child) => (
                    <option key={child.id} value={child.slug}>
                      {child.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <div className="row">
            <label>
              <span className="label">Min $</span>
              <input name="min" type="number" min="0" step="1" value={draft.min} onChange={set('min')} />
            </label>
            <label>
              <span className="label">Max $</span>
              <input name="max" type="number" min="0" step="1" value={draft.max} onChange={set('max')} />
            </label>
          </div>
          <label>
            <span className="label">Delivery within (days)</span>
            <input name="days" type="number" min="1" max="90" value={draft.days} onChange={set('days')} />
          </label>
          <label>
            <span className="label">Rating</span>
            <select name="rating" value={draft.rating} onChange={set('rating')}>
              <option value="">Any</option>
              <option value="4.5">4.5 and up</option>
              <option value="4">4 and up</option>
              <option value="3">3 and up</option>
            </select>
          </label>
          <label>
            <span className="label">Sort by</span>
            <select name="sort" value={draft.sort || 'RELEVANCE'} onChange={set('sort')}>
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Apply</button>
        </form>
      </aside>
      <section className="results" aria-label="Results">
        {cursors.map((after, i) => (
          <ResultsPage
            key={after ?? 'first'}
            variables={{ ...variables, first: PAGE_SIZE, after }}
            isFirst={i === 0}
            isLast={i === cursors.length - 1}
            onLoadMore={(cursor) => setCursors([...cursors, cursor])}
          />
        ))}
      </section>
    </div>
  );
}

function ResultsPage({
  variables,
  isFirst,
  isLast,
  onLoadMore,
}: {
  variables: { query: string | null; filter: GigFilter; sort: GigSort; first: number; after: string | null };
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: SearchGigs, variables });
  const connection = data?.searchGigs;
  return (
    <>
      {isFirst && connection && (
        <p className="muted" data-testid="result-count">
          {connection.totalCount} {connection.totalCount === 1 ? 'service' : 'services'} available
        </p>
      )}
      <ErrorNotice error={error} />
      {isFirst && connection?.totalCount === 0 && <p>No gigs match. Try fewer filters.</p>}
      <div className="gig-grid">
        {connection?.edges.map(({ node }) => (
          <GigCard key={node.id} gig={node} />
        ))}
      </div>
      {fetching && !connection && <p className="muted">Loading…</p>}
      {isLast && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <button type="button" className="secondary load-more" onClick={() => onLoadMore(connection.pageInfo.endCursor!)}>
          Load more
        </button>
      )}
    </>
  );
}

export function GigCard({ gig }: { gig: GigCardFragment }) {
  return (
    <article className="gig-card">
      {gig.images[0] ? <img src={gig.images[0]} alt="" loading="lazy" /> : <div className="placeholder" aria-hidden="true" />}
      <div className="body">
        <p className="seller">
          {gig.seller ? (
            <>
              {gig.seller.displayName} <span className="badge">{levelLabel[gig.seller.sellerStats.level]}</span>
            </>
          ) : (
            <Unavailable what="The seller" />
          )}
        </p>
        <h3>
          <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
        </h3>
        <p className="rating">{formatRating(gig.rating)}</p>
        <p className="price">
          From <strong>{gig.startingPrice.formatted}</strong>
        </p>
      </div>
    </article>
  );
}
