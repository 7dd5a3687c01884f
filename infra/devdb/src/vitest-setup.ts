import type { TestProject } from 'vitest/node';
import { startDatabaseServer } from './launcher.js';
import { createDevLogger } from './logger.js';

/**
 * Vitest global setup (`globalSetup: ['@gigmart/devdb/vitest-setup']`): one real database server
 * for the whole run (MONGO_URL when set, else a private throw-away FerretDB or mongod), shared by
 * every test file, each of which uses its own database name. Tests read its URI with
 * `inject('mongoUri')` (`testMongoUri()` in @gigmart/shared/testing).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createDevLogger('test-db', process.env['TEST_LOG_LEVEL'] ?? 'warn');
  const server = await startDatabaseServer({
    logger,
    mongoUrl: process.env['MONGO_URL'] || undefined,
    dataDir: '',
    ephemeral: true,
  });
  project.provide('mongoUri', server.uri);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URI of the run's database server, provided by @gigmart/devdb/vitest-setup. */
    mongoUri: string;
  }
}
