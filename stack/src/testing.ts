/**
 * The whole stack in a vitest test: in this process, on the run's database server (see the
 * global setup in @gigmart/shared/testing), a fresh database per service and per call, the test
 * logger and service credential.
 */
import { TEST_SERVICE_TOKEN, testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import type { InProcessStack, InProcessStackOptions } from './in-process.js';
import { startStack } from './index.js';

export type { InProcessStack as TestStack, SubgraphCallCounter } from './in-process.js';
export type { SubgraphName } from './processes.js';

export type TestStackOptions = Omit<InProcessStackOptions, 'mode' | 'mongoUrl' | 'databaseNames'>;

export function startTestStack(options: TestStackOptions = {}): Promise<InProcessStack> {
  return startStack({
    mode: 'in-process',
    mongoUrl: testMongoUri(),
    databaseNames: {
      users: testDatabaseName('users'),
      gigs: testDatabaseName('gigs'),
      orders: testDatabaseName('orders'),
      inbox: testDatabaseName('inbox'),
      media: testDatabaseName('media'),
    },
    logger: testLogger,
    serviceToken: TEST_SERVICE_TOKEN,
    ...options,
  });
}
