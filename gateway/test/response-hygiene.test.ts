import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { federationModule, parseConfig, startHttpService, type HttpService } from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGateway } from '../src/app.js';
import { composeModules } from '../src/compose.js';
import { gatewayEnvSchema } from '../src/config.js';

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
const link = federationModule(['@key']);

let dir: string;
const services: HttpService[] = [];
let gateway: HttpService;

beforeAll(async () => {
  const serve = (name: string, typeDefs: typeof orders.typeDefs, resolvers: object) =>
    startHttpService({
      name,
      port: 0,
      logger: testLogger,
      schema: buildSubgraphSchema([{ typeDefs: link.typeDefs }, { typeDefs, resolvers: resolvers as never }]),
      readiness: {},
      context: () => Promise.resolve({}),
    });
  services.push(await serve('orders', orders.typeDefs, { Query: { order: () => ({ id: 'o1', buyer: { id: 'gone' } }) } }));
  services.push(await serve('users', users.typeDefs, { User: { __resolveReference: () => null } }));
  const composed = composeModules([
    { name: 'orders', url: services[0]!.url, modules: [link, orders] },
    { name: 'users', url: services[1]!.url, modules: [link, users] },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('; '));
  dir = await mkdtemp(path.join(tmpdir(), 'gigmart-hygiene-'));
  await writeFile(path.join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  gateway = await startGateway({
    config: parseConfig(gatewayEnvSchema, {
      SUPERGRAPH_PATH: path.join(dir, 'supergraph.graphql'),
      ORDERS_URL: services[0]!.url,
      USERS_URL: services[1]!.url,
    }),
    logger: testLogger,
    port: 0,
  });
});
afterAll(async () => {
  await gateway.stop();
  await Promise.all(services.map((s) => s.stop()));
  await rm(dir, { recursive: true, force: true });
});

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
