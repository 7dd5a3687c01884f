import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import { deadlinePlugin } from './deadline.js';

/**
 * Each service owns one database on the shared server (users, gigs, orders); a connection is made
 * per service rather than through mongoose's global default, so tests can run several side by side.
 */
export async function connectDatabase(uri: string, dbName: string, logger: Logger): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    // Indexes are created explicitly at start (see `syncIndexes`), before the service reports ready.
    autoIndex: false,
    autoCreate: false,
  });
  // Every model of the connection honours the deadline of the request it works for (deadline.ts).
  connection.plugin(deadlinePlugin);
  connection.on('disconnected', () => logger.warn({ dbName }, 'database disconnected'));
  connection.on('reconnected', () => logger.info({ dbName }, 'database reconnected'));
  await connection.asPromise();
  return connection;
}

/** Creates every model's declared indexes; unique indexes must exist before the first write. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch((error: { code?: number }) => {
      if (error.code !== 48) throw error; // 48: NamespaceExists
    });
    await model.createIndexes();
  }
}

/** For /ready: connected and answering. */
export async function pingDatabase(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) return false;
  try {
    await connection.db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
