import type { TestProject } from 'vitest/node';
import { startDatabaseServer } from '../db/launcher.js';
import { createLogger } from '../logger.js';

/**
 * Vitest global setup: one real database server for the whole run (MONGO_URL when set, else a
 * private in-memory FerretDB or mongod), shared by every test file, each of which uses its own
 * database name (see `testDatabaseName`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger('test-db', process.env['TEST_LOG_LEVEL'] ?? 'warn');
  const server = await startDatabaseServer({
    logger,
    mongoUrl: process.env['MONGO_URL'],
    dataDir: '',
    ephemeral: true,
  });
  project.provide('mongoUri', server.uri);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
