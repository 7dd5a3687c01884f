import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { missingPaths, withOutagePaths, type FailedFetch } from '../src/outage-paths.js';

const UNAVAILABLE = 'The gigs service is unavailable.';

function failed(query: string, mergePath: (string | number)[] = [], extra: Partial<FailedFetch> = {}): FailedFetch {
  return { service: 'gigs', message: UNAVAILABLE, mergePath, query, variables: {}, ...extra };
}

const entities = (selection: string, fragments = '') =>
  `query Q__gigs__1($representations:[_Any!]!){_entities(representations:$representations){${selection}}}${fragments}`;

const outage = (message = UNAVAILABLE, service = 'gigs'): GraphQLFormattedError => ({
  message,
  extensions: { code: 'SERVICE_UNAVAILABLE', service, serviceName: service },
});

describe('missingPaths', () => {
  it('finds the null root field of a failed root fetch, and nothing for live or unselected data', () => {
    const data = { topGigs: null, orders: [{ id: 'o1', note: null }] };
    expect(missingPaths(data, [failed('{ topGigs { title } gigCount }')])).toEqual([['topGigs']]);
  });

  it('walks lists of lists under an entity fetch, stopping at the highest null', () => {
    const data = { a: [[{ b: null }], [{ b: { t: null, u: 'kept' } }, null]] };
    expect(missingPaths(data, [failed(entities('...on B{t u}'), ['a', '@', '@', 'b'])])).toEqual([
      ['a', 0, 0, 'b'],
      ['a', 1, 0, 'b', 't'],
      // A null list item under the merge path counts as missing (it cannot be told apart from one
      // the failure nulled): a documented limit.
      ['a', 1, 1],
    ]);
  });

  it('follows named fragments and aliases of the subgraph operation', () => {
    const data = { orders: [{ g: { t: null, p: 3 } }] };
    const query = entities('...GigParts', ' fragment GigParts on Gig { t: title ... on Gig { more: price } }');
    expect(missingPaths(data, [failed(query, ['orders', '@', 'g'])])).toEqual([['orders', 0, 'g', 't']]);
  });

  it('gives the root fields when data is null, in the operation order, honouring @skip/@include', () => {
    const root = failed('query($s: Boolean!, $i: Boolean!) { a @skip(if: $s) { x } b { x } c @include(if: $i) d @include(if: true) }', [], {
      variables: { s: true, i: false },
    });
    const entity = failed(entities('...on G{t}'), ['e', '@', 'g']);
    expect(missingPaths(null, [root, entity], ['e', 'z', 'd', 'b'])).toEqual([['e'], ['d'], ['b']]);
  });

  it('reads merge paths with type conditions (type-conditioned fetching)', () => {
    const data = { search: [{ seller: null }, { title: 'x' }] };
    expect(missingPaths(data, [failed(entities('...on User{name}'), ['', 'search|[Gig]', '@', 'seller'])])).toEqual([
      ['search', 0, 'seller'],
    ]);
  });

  it('ignores an operation it cannot read', () => {
    expect(missingPaths({ a: null }, [failed('{ not graphql')])).toEqual([]);
  });
});

describe('withOutagePaths', () => {
  it('repeats the outage error once per missing place, leaving every other error alone', () => {
    const other: GraphQLFormattedError = { message: 'Gig not found.', path: ['gig'], extensions: { code: 'NOT_FOUND' } };
    const errors = [other, outage(), outage()];
    const data = { orders: [{ gig: null }, { gig: null }], topGigs: null };
    const failures = [failed(entities('...on Gig{title}'), ['orders', '@', 'gig']), failed('{ topGigs { title } }')];
    expect(withOutagePaths(data, errors, failures)).toEqual([
      other,
      { ...outage(), path: ['orders', 0, 'gig'] },
      { ...outage(), path: ['orders', 1, 'gig'] },
      { ...outage(), path: ['topGigs'] },
    ]);
  });

  it('keeps the errors of different failures apart (unavailable, too slow, another service)', () => {
    const slow = 'The gigs service did not answer in time.';
    const errors = [outage(), outage(slow), outage('The users service is unavailable.', 'users')];
    const data = { a: null, b: null, c: null };
    const failures = [
      failed('{ a }'),
      failed('{ b }', [], { message: slow }),
      failed('{ c }', [], { service: 'users', message: 'The users service is unavailable.' }),
    ];
    expect(withOutagePaths(data, errors, failures).map((e) => [e.message, e.path])).toEqual([
      [UNAVAILABLE, ['a']],
      [slow, ['b']],
      ['The users service is unavailable.', ['c']],
    ]);
  });

  it('caps the paths and counts the rest in one error without a path', () => {
    const data = { orders: Array.from({ length: 5 }, () => ({ gig: null })) };
    const result = withOutagePaths(data, [outage()], [failed(entities('...on Gig{title}'), ['orders', '@', 'gig'])], { maxPaths: 2 });
    expect(result).toEqual([
      { ...outage(), path: ['orders', 0, 'gig'] },
      { ...outage(), path: ['orders', 1, 'gig'] },
      { message: UNAVAILABLE, extensions: { ...outage().extensions, omittedPaths: 3 } },
    ]);
  });

  it('leaves an outage error as it was when no missing place is found, or when nothing was recorded for it', () => {
    const errors = [outage(), outage('The users service is unavailable.', 'users')];
    expect(withOutagePaths({ a: 1 }, errors, [failed('{ a }')])).toEqual(errors);
    expect(withOutagePaths({ a: null }, errors, [])).toEqual(errors);
  });
});
