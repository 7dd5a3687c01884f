import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { inject } from 'vitest';

/**
 * A connection to a database of its own on the run's server (see src/vitest-setup.ts), so test
 * files can run in parallel. These tests are about the server, so they use mongoose as it is.
 */
export async function connectTestDatabase(prefix: string): Promise<Connection> {
  const dbName = `t_${prefix}_${randomBytes(4).toString('hex')}`;
  return mongoose.createConnection(inject('mongoUri'), { dbName, autoIndex: false, autoCreate: false }).asPromise();
}

/** Creates every model's collection and declared indexes, as the services do at start. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection();
    await model.createIndexes();
  }
}
