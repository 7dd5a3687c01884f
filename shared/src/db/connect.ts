import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import { observeDatabase } from '../observability/database.js';
import { deadlinePlugin } from './deadline.js';

/**
 * How long an operation waits for a server to send it to: what a request costs while the database
 * is down (the driver's default, 30 s, or the 10 s we had, held every request that long). A known,
 * answering server is selected at once, so this only matters when there is none; the driver
 * reconnects by itself when the server is back at the same address (e.g. restarted by the local
 * launcher), and an operation that starts during a restart of a fraction of a second still waits for it.
 */
export const SERVER_SELECTION_TIMEOUT_MS = 1500;
/**
 * How often the driver checks the server in the background (its default is 10 s): how soon a
 * connection notices that the server went away or came back without any traffic, and logs it.
 */
export const HEARTBEAT_FREQUENCY_MS = 2000;
/** How long the first connection at start may take in all, retrying (a server still starting). */
export const INITIAL_CONNECT_TIMEOUT_MS = 10_000;
/** How long /ready's database check waits for an answer to its ping. */
export const PING_TIMEOUT_MS = 1000;

/**
 * The write safety every service asks for unless its MONGO_URL says otherwise: on a replica set (the
 * production path), a write is acknowledged once a majority of members has it (it survives the
 * primary's failover) and a write cut off by a failover or a network blip is retried once by the
 * driver on the new primary, without being applied twice (retryable writes). On a single server
 * (the local FerretDB, a lone mongod) the majority is that server and the driver does not retry.
 * A URI's own `retryWrites` or `w` wins (`?w=1` for a deployment that chooses speed).
 */
export function writeSafetyOptions(uri: string): { retryWrites?: true; writeConcern?: { w: 'majority' } } {
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1) : '';
  // The driver reads option names without regard to case.
  const given = new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  return {
    ...(given.has('retrywrites') ? {} : { retryWrites: true as const }),
    ...(given.has('w') ? {} : { writeConcern: { w: 'majority' as const } }),
  };
}

function isServerSelectionError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'MongooseServerSelectionError' || name === 'MongoServerSelectionError';
}

/**
 * Each service owns one database on the shared server (users, gigs, orders); a connection is made
 * per service rather than through mongoose's global default, so tests can run several side by side.
 *
 * While the server is down, operations fail after SERVER_SELECTION_TIMEOUT_MS instead of hanging,
 * and the connection comes back by itself when the server does ('database reconnected').
 */
export async function connectDatabase(uri: string, dbName: string, logger: Logger): Promise<Connection> {
  const deadline = Date.now() + INITIAL_CONNECT_TIMEOUT_MS;
  for (let attempt = 1; ; attempt += 1) {
    const connection = mongoose.createConnection(uri, {
      dbName,
      ...writeSafetyOptions(uri),
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
      // Indexes are created explicitly at start (see `syncIndexes`), before the service reports ready.
      autoIndex: false,
      autoCreate: false,
      // Command events for a span and a latency figure per command (observability/database.ts).
      monitorCommands: true,
    });
    // Every model of the connection honours the deadline of the request it works for (deadline.ts).
    connection.plugin(deadlinePlugin);
    try {
      await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => {});
      // Only "no server (yet)" is worth another try; a bad URI or refused credentials are not.
      if (!isServerSelectionError(error) || Date.now() >= deadline) throw error;
      logger.warn({ dbName, attempt, err: error }, 'database not reachable yet: retrying');
      await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
      continue;
    }
    observeDatabase(connection, dbName);
    connection.on('disconnected', () => logger.warn({ dbName }, 'database disconnected'));
    connection.on('reconnected', () => logger.info({ dbName }, 'database reconnected'));
    return connection;
  }
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

/**
 * For /ready: the server answers a ping within PING_TIMEOUT_MS. It asks even when mongoose already
 * believes the server gone: an operation is what makes the driver look for it again at once, rather
 * than at its next heartbeat (every 10 s), so /ready turns 200 as soon as the server is back.
 */
export async function pingDatabase(connection: Connection, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  const ping = db
    .admin()
    .command({ ping: 1 })
    .then(
      () => true,
      () => false,
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
