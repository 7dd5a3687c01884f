import type { HttpService } from '@gigmart/shared';
import { graphqlRequest, type GraphQLResponse } from '@gigmart/shared/testing';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyFederation, type TinyFederation } from './tiny-federation.js';

/**
 * Three tiny subgraphs in this process, composed the production way and served by a real gateway.
 * gigs is stopped after a first good answer; users can be made slower than the gateway's timeout.
 * Every outage error must then say *where* data is missing: one error per null position that
 * needed the failed subgraph, with that position's path.
 */
const orders = {
  typeDefs: gql`
    type Query {
      orders(first: Int = 2): [Order]!
      strictOrders: [Order!]!
    }
    type Order @key(fields: "id") {
      id: ID!
      note: String
      gig: Gig
      mainGig: Gig!
      buyer: User
    }
    type Gig @key(fields: "id", resolvable: false) {
      id: ID!
    }
    type User @key(fields: "id", resolvable: false) {
      id: ID!
    }
  `,
};
const gigs = {
  typeDefs: gql`
    type Query {
      topGigs: [Gig!]
      gigCount: Int!
    }
    type Gig @key(fields: "id") {
      id: ID!
      title: String!
      price: Int
    }
  `,
};
const users = {
  typeDefs: gql`
    type Query {
      me: User
    }
    type User @key(fields: "id") {
      id: ID!
      name: String
    }
  `,
};

const order = (i: number) => ({ id: `o${i}`, note: null, gig: { id: `g${i}` }, mainGig: { id: `g${i}` }, buyer: { id: `u${i}` } });
let usersDelayMs = 0;
/** How many User entities the users subgraph was asked for. */
let usersLookups = 0;

let federation: TinyFederation;
let gateway: HttpService;

const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', service: 'gigs' };

function query(text: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return graphqlRequest(`${gateway.url}/graphql`, text, variables);
}

/** The errors' paths, in the order the response gives them. */
function paths(res: GraphQLResponse): unknown[] {
  return (res.errors ?? []).map((e) => e.path);
}

beforeAll(async () => {
  federation = await startTinyFederation(
    [
      {
        name: 'orders',
        ...orders,
        resolvers: {
          Query: {
            orders: (_: unknown, { first }: { first: number }) => Array.from({ length: first }, (_x, i) => order(i)),
            strictOrders: () => [order(0), order(1)],
          },
        },
      },
      {
        name: 'gigs',
        ...gigs,
        resolvers: {
          Query: { topGigs: () => [{ id: 'g0', title: 'Logo design' }], gigCount: () => 1 },
          Gig: { __resolveReference: ({ id }: { id: string }) => ({ id, title: `Gig ${id}` }) },
        },
      },
      {
        name: 'users',
        ...users,
        resolvers: {
          Query: { me: () => null },
          User: {
            __resolveReference: async ({ id }: { id: string }) => {
              usersLookups += 1;
              if (usersDelayMs) await new Promise((r) => setTimeout(r, usersDelayMs));
              return { id, name: `User ${id}` };
            },
          },
        },
      },
    ],
    // Each request must reach the subgraphs (the subgraph-level deduplication is tested here).
    { SUBGRAPH_TIMEOUT_MS: '500', RESPONSE_CACHE_SECONDS: '0' },
  );
  gateway = federation.gateway;
  // A first good answer, so that the gateway really has had gigs and loses it.
  const before = await query('{ topGigs { title } orders { id gig { title } } }');
  expect(before.errors).toBeUndefined();
  expect(before.data).toEqual({
    topGigs: [{ title: 'Logo design' }],
    orders: [
      { id: 'o0', gig: { title: 'Gig g0' } },
      { id: 'o1', gig: { title: 'Gig g1' } },
    ],
  });
  await federation.stopSubgraph('gigs');
});

afterAll(() => federation?.stop());

describe('with the gigs subgraph stopped, each outage error has the path of what is missing', () => {
  it('a root field of the stopped subgraph, beside a root field of a live one', async () => {
    const res = await query('{ topGigs { title } orders { id note } }');
    expect(res.status).toBe(200);
    // `note` is null because the orders service says so: not an outage, no error for it.
    expect(res.data).toEqual({
      topGigs: null,
      orders: [
        { id: 'o0', note: null },
        { id: 'o1', note: null },
      ],
    });
    expect(res.errors).toEqual([
      { message: 'The gigs service is unavailable.', path: ['topGigs'], extensions: expect.objectContaining(UNAVAILABLE) as unknown },
    ]);
  });

  it('a list of entities whose nullable field came from the stopped subgraph: one error per entity', async () => {
    const res = await query('{ orders { id gig { title } } }');
    expect(res.data).toEqual({
      orders: [
        { id: 'o0', gig: null },
        { id: 'o1', gig: null },
      ],
    });
    expect(paths(res)).toEqual([
      ['orders', 0, 'gig'],
      ['orders', 1, 'gig'],
    ]);
    for (const error of res.errors!) {
      expect(error.message).toBe('The gigs service is unavailable.');
      expect(error.extensions).toMatchObject(UNAVAILABLE);
    }
  });

  it('a nullable leaf of a live entity is the missing place itself', async () => {
    const res = await query('{ orders(first: 1) { gig { price } } }');
    expect(res.data).toEqual({ orders: [{ gig: { price: null } }] });
    expect(paths(res)).toEqual([['orders', 0, 'gig', 'price']]);
  });

  it('a non-null field nulls its nearest nullable ancestor, whose path the error has', async () => {
    const res = await query('{ orders { id mainGig { title } } }');
    expect(res.data).toEqual({ orders: [null, null] });
    expect(paths(res)).toEqual([
      ['orders', 0],
      ['orders', 1],
    ]);
  });

  it('when data itself is null, the root fields that needed the stopped subgraph', async () => {
    const strict = await query('{ strictOrders { id mainGig { title } } }');
    expect(strict.status).toBe(200);
    expect(strict.data).toBeNull();
    expect(paths(strict)).toEqual([['strictOrders']]);

    const two = await query('{ gigCount orders { id gig { title } } }');
    expect(two.data).toBeNull();
    expect(paths(two).sort()).toEqual([['gigCount'], ['orders']].sort());
  });

  it('follows aliases and fragments (named, and inline on a type)', async () => {
    const res = await query(`
      query Mine { mine: orders { ...OrderParts } }
      fragment OrderParts on Order { id g: gig { ... on Gig { t: title } } }
    `);

    expect(res.data).toEqual({
      mine: [
        { id: 'o0', g: null },
        { id: 'o1', g: null },
      ],
    });
    expect(paths(res)).toEqual([
      ['mine', 0, 'g'],
      ['mine', 1, 'g'],
    ]);

    // One fragment in two places, served by two failed fetches (a root one and an entity one):
    // one error per place, in the response's order.
    const shared = await query('{ orders { gig { ...GigParts } } topGigs { ...GigParts } } fragment GigParts on Gig { t: title price }');
    expect(shared.data).toEqual({ orders: [{ gig: null }, { gig: null }], topGigs: null });
    expect(paths(shared)).toEqual([['orders', 0, 'gig'], ['orders', 1, 'gig'], ['topGigs']]);
  });

  it('honours @include: a field left out needs nothing', async () => {
    const text = 'query ($withGig: Boolean!) { orders { id gig @include(if: $withGig) { title } } }';
    const without = await query(text, { withGig: false });
    expect(without.errors).toBeUndefined();
    expect(without.data).toEqual({ orders: [{ id: 'o0' }, { id: 'o1' }] });
    const withGig = await query(text, { withGig: true });
    expect(paths(withGig)).toEqual([
      ['orders', 0, 'gig'],
      ['orders', 1, 'gig'],
    ]);
  });

  it('caps the errors: 50 with a path, then one summary with the count of the others', async () => {
    const res = await query('{ orders(first: 60) { id gig { title } } }');
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(51);
    expect(paths(res).slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => ['orders', i, 'gig']));
    const summary = res.errors![50]!;
    expect(summary.path).toBeUndefined();
    expect(summary.message).toBe('The gigs service is unavailable.');
    expect(summary.extensions).toMatchObject({ ...UNAVAILABLE, omittedPaths: 10 });
  });

  it('a subgraph that does not answer in time gets paths too, each failure its own', async () => {
    usersDelayMs = 2000;
    try {
      const res = await query('{ orders { id gig { title } buyer { name } } }');
      expect(res.data).toEqual({
        orders: [
          { id: 'o0', gig: null, buyer: { name: null } },
          { id: 'o1', gig: null, buyer: { name: null } },
        ],
      });
      const byService = (service: string) => res.errors!.filter((e) => e.extensions?.['service'] === service);
      expect(byService('gigs').map((e) => e.path)).toEqual([
        ['orders', 0, 'gig'],
        ['orders', 1, 'gig'],
      ]);
      expect(byService('users').map((e) => [e.message, e.path])).toEqual([
        ['The users service did not answer in time.', ['orders', 0, 'buyer', 'name']],
        ['The users service did not answer in time.', ['orders', 1, 'buyer', 'name']],
      ]);
      expect(res.errors).toHaveLength(4);
    } finally {
      usersDelayMs = 0;
    }
  });
});

it('gives paths to each of two identical requests whose fetches were sent once (SUBGRAPH_DEDUPLICATE)', async () => {
  usersDelayMs = 2000;
  try {
    const text = '{ orders { id buyer { name } } }';
    usersLookups = 0;
    const [first, second] = await Promise.all([query(text), query(text)]);
    expect(usersLookups).toBe(2); // one fetch of two users, for both requests
    for (const res of [first, second]) {
      expect(res.data).toEqual({
        orders: [
          { id: 'o0', buyer: { name: null } },
          { id: 'o1', buyer: { name: null } },
        ],
      });
      expect(res.errors!.map((e) => [e.message, e.path])).toEqual([
        ['The users service did not answer in time.', ['orders', 0, 'buyer', 'name']],
        ['The users service did not answer in time.', ['orders', 1, 'buyer', 'name']],
      ]);
    }
  } finally {
    usersDelayMs = 0;
  }
});
