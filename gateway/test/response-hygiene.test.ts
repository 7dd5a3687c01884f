import type { HttpService } from '@gigmart/shared';
import { graphqlRequest } from '@gigmart/shared/testing';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTinyFederation, type TinyFederation } from './tiny-federation.js';

/**
 * Two tiny subgraphs, one of which answers null where its schema promises a value (as a subgraph
 * does for a member that no longer exists): the client gets GraphQL's null and error, and none of
 * the gateway's internal post-processing detail.
 */
const orders = {
  typeDefs: gql`
    type Query {
      order: Order
    }
    type Order @key(fields: "id") {
      id: ID!
      buyer: User!
    }
    type User @key(fields: "id", resolvable: false) {
      id: ID!
    }
  `,
};
const users = {
  typeDefs: gql`
    type User @key(fields: "id") {
      id: ID!
      username: String!
    }
  `,
};
let federation: TinyFederation;
let gateway: HttpService;

beforeAll(async () => {
  federation = await startTinyFederation([
    { name: 'orders', ...orders, resolvers: { Query: { order: () => ({ id: 'o1', buyer: { id: 'gone' } }) } } },
    { name: 'users', ...users, resolvers: { User: { __resolveReference: () => null } } },
  ]);
  gateway = federation.gateway;
});
afterAll(() => federation.stop());

it('answers a null where a value was promised without internal detail', async () => {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ order { id buyer { username } } }' }),
  });
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({ data: { order: null } });
  expect(text).not.toContain('valueCompletion');
  expect(text).not.toContain('Cannot return null');
});

it('leaves ordinary answers alone', async () => {
  const res = await graphqlRequest(`${gateway.url}/graphql`, '{ order { id } }');
  expect(res.data).toEqual({ order: { id: 'o1' } });
});
