import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createLogger } from '../logger.js';
import type { ServiceOptions } from '../service.js';
// The run's database server comes from @gigmart/devdb/vitest-setup, which declares `mongoUri` in
// vitest's ProvidedContext; this type-only import makes that declaration part of every program
// that uses these helpers (nothing of devdb is loaded at run time).
import type {} from '@gigmart/devdb/vitest-setup';

/**
 * The test kit every workspace uses: the run's database server, a GraphQL client with one signature
 * (`gql(query, variables, { token })`), a clock tests move, fake peers for internal routes, test
 * tokens, and the options to start one service alone. Whole stacks are started by @gigmart/stack.
 */
export * from './clock.js';
export * from './fake-members.js';
export * from './fake-service.js';
export * from './graphql.js';
export * from './probe.js';
export * from './tokens.js';
export * from './wait.js';

/** The URI of the run's database server (started by the global setup). */
export function testMongoUri(): string {
  return inject('mongoUri');
}

/** A database name no other test file uses, so files can run in parallel on one server. */
export function testDatabaseName(prefix: string): string {
  return `t_${prefix}_${randomBytes(4).toString('hex')}`;
}

export const testLogger = createLogger('test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

export const TEST_SERVICE_TOKEN = 'test-service-token-0123456789abcdef0123456789';

/**
 * What `start<Name>Service` needs to run one service alone in a test: a free port, a fresh
 * database on the run's server, the test credential, and peers at `urls` (fakes or real).
 */
export function testServiceOptions(name: string, overrides: Partial<ServiceOptions> = {}): ServiceOptions {
  return {
    logger: testLogger,
    mongoUri: testMongoUri(),
    port: 0,
    dbName: testDatabaseName(name),
    serviceToken: TEST_SERVICE_TOKEN,
    urls: { users: 'http://127.0.0.1:9', gigs: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', inbox: 'http://127.0.0.1:9' },
    ...overrides,
  };
}
