import { afterAll, beforeAll, expect, it } from 'vitest';
import { gql } from 'graphql-tag';
import { openDatabase, serveSubgraph, type StartedSubgraph } from '../subgraph.js';
import {
  createTestTokenIssuer,
  graphqlRequest,
  testDatabaseName,
  testLogger,
  testMongoUri,
  type TestTokenIssuer,
} from '../testing/index.js';

/** A subgraph reached directly (not through the gateway) answers a bad token as the gateway does: 401. */
let service: StartedSubgraph<object>;
let issuer: TestTokenIssuer;

beforeAll(async () => {
  issuer = await createTestTokenIssuer();
  const { connection } = await openDatabase({ logger: testLogger, mongoUri: testMongoUri(), dbName: testDatabaseName('auth') }, () => ({}));
  service = await serveSubgraph(
    {},
    {
      name: 'probe',
      port: 0,
      logger: testLogger,
      connection,
      modules: [
        {
          typeDefs: gql`
            type Query {
              whoami: String
            }
          `,
          resolvers: { Query: { whoami: (_: unknown, __: unknown, ctx: { viewer: { id: string } | null }) => ctx.viewer?.id ?? null } },
        },
      ],
      verifyAccessToken: issuer.verify,
      context: (base) => base,
    },
  );
});
afterAll(() => service.stop());

it.each([
  ['garbage', 'Bearer not-a-jwt'],
  ['a malformed header', 'Token abc'],
])('refuses %s with HTTP 401 UNAUTHENTICATED and no internal wording', async (_name, authorization) => {
  const res = await graphqlRequest(`${service.url}/graphql`, '{ whoami }', {}, { headers: { authorization } });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('Bearer');
  expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(res.errors?.[0]?.message).not.toContain('Context creation failed');
});

it('serves a good token', async () => {
  const res = await graphqlRequest<{ whoami: string }>(
    `${service.url}/graphql`,
    '{ whoami }',
    {},
    { token: await issuer.issue('64b000000000000000000001') },
  );
  expect(res.status).toBe(200);
  expect(res.data?.whoami).toBe('64b000000000000000000001');
});
