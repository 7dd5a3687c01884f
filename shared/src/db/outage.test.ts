import { startDatabaseServer, type DatabaseServer } from '@gigmart/devdb';
import { gql } from 'graphql-tag';
import { ConnectionStates, Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { federationModule, serveSubgraph, type StartedSubgraph } from '../subgraph.js';
import { graphqlRequest, testLogger } from '../testing/index.js';
import { connectDatabase, ensureIndexes } from './connect.js';

/**
 * A subgraph whose database dies and comes back: /ready says so within a second or two, a query
 * in between fails fast instead of waiting 10 s, and the same connection serves again afterwards.
 *
 * The database is a private server the launcher starts (the run's shared one is used by other test
 * files), killed with SIGKILL: nothing listens on its port until the launcher starts it again, which
 * this test delays by `OUTAGE_MS` (instead of 0.2 s) so that the outage outlasts its checks.
 */

const DEADLINE_MS = 30_000;
const OUTAGE_MS = 15_000;
/** A query during the outage must fail before this: far above the setting, far below the old 10 s. */
const FAIL_FAST_BOUND_MS = 5000;

async function eventually(condition: () => Promise<boolean>, deadlineMs = DEADLINE_MS): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readiness(url: string): Promise<{ status: number; body: { notReady?: string[] } }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as { notReady?: string[] } };
}

const THINGS = '{ things }';

describe('a subgraph whose database dies', () => {
  let database: DatabaseServer;
  let connection: Connection;
  let service: StartedSubgraph<unknown>;
  let skip: string | null = null;

  beforeAll(async () => {
    // No MONGO_URL on purpose: a server this test may kill.
    database = await startDatabaseServer({
      logger: createLogger('test-db', 'silent'),
      dataDir: '',
      ephemeral: true,
      restartDelaysMs: [OUTAGE_MS],
    });
    if (database.pid() === null) {
      skip = `the launcher started ${database.kind}, which it does not restart`;
      return;
    }
    connection = await connectDatabase(database.uri, 'outage', testLogger);
    const Thing = connection.model('Thing', new Schema({ name: { type: String, required: true } }));
    await ensureIndexes(connection);
    await Thing.create({ name: 'kept' });
    service = await serveSubgraph(
      { Thing },
      {
        name: 'probe',
        port: 0,
        logger: testLogger,
        connection,
        modules: [
          federationModule([]),
          {
            typeDefs: gql`
              type Query {
                things: [String!]!
              }
            `,
            resolvers: { Query: { things: async () => (await Thing.find().lean()).map((t) => t.name) } },
          },
        ],
        context: (base) => base,
      },
    );
  });

  afterAll(async () => {
    await service?.stop();
    await database?.stop();
  });

  it('reports it in /ready, fails queries fast meanwhile, and serves again once it is back', { timeout: 120_000 }, async (ctx) => {
    if (skip) ctx.skip(skip);
    expect((await readiness(service.url)).status).toBe(200);
    expect((await graphqlRequest<{ things: string[] }>(`${service.url}/graphql`, THINGS)).data).toEqual({ things: ['kept'] });

    const pid = database.pid()!;
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    // Until the driver notices (its next heartbeat), an operation meets the dead server and fails at
    // once; from then on it waits for a server to come back, which is what took 10 s.
    expect(await eventually(() => Promise.resolve(connection.readyState !== ConnectionStates.connected))).toBe(true);

    // Not ready, naming the database, and saying so promptly.
    expect(await eventually(async () => (await readiness(service.url)).status === 503)).toBe(true);
    const askedAt = Date.now();
    const down = await readiness(service.url);
    expect(Date.now() - askedAt).toBeLessThan(FAIL_FAST_BOUND_MS);
    expect(down.status).toBe(503);
    expect(down.body.notReady).toEqual(['database']);

    // Queries fail, and fail fast, each of several in a row.
    for (let i = 0; i < 3; i += 1) {
      const startedAt = Date.now();
      const res = await graphqlRequest<{ things: string[] }>(`${service.url}/graphql`, THINGS);
      const tookMs = Date.now() - startedAt;
      expect(res.errors?.length).toBeGreaterThan(0);
      // Said as what it is (retry shortly), with nothing of the driver's message.
      expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      expect(res.errors?.[0]?.message).not.toMatch(/mongo|ECONNREFUSED|selection/i);
      expect(res.data ?? null).toBeNull();
      expect(tookMs).toBeLessThan(FAIL_FAST_BOUND_MS);
    }
    // (All of it while the database was still down, or the checks above prove nothing.)
    expect(Date.now() - killedAt).toBeLessThan(OUTAGE_MS);

    // The launcher brings the database back on the same address; the service notices by itself.
    expect(await eventually(async () => (await readiness(service.url)).status === 200)).toBe(true);
    const back = await graphqlRequest<{ things: string[] }>(`${service.url}/graphql`, THINGS);
    expect(back.errors).toBeUndefined();
    expect(back.data).toEqual({ things: ['kept'] });
  });
});
