import type { Connection } from 'mongoose';

/** Where each service's database records the one-time data migrations it has finished. */
export const MIGRATIONS_COLLECTION = 'migrations';

interface MigrationRecord {
  _id: string;
  doneAt: Date;
}

/**
 * Runs a one-time, idempotent data migration at start unless this database records it as done,
 * then records it: `{ _id: name, doneAt }` in the `migrations` collection. Returns what `run`
 * returned, or null when it had been done before.
 *
 * Why a record: a migration finds what it has left with a query such as `{ field: { $ne: true } }`
 * or `{ field: { $exists: false } }`, which the local database cannot answer from an index, so
 * each start decoded the whole collection to find nothing (about 27 s for the orders' earnings at
 * 50,000 orders). With the record, every start after the first costs one lookup by id.
 *
 * What may rely on it: only data written before the migration's code existed needs it (the code
 * writes new data already migrated), so once a full run has finished nothing is left to find.
 * Two instances starting at once may both run it; `run` must be idempotent (each of ours is a
 * conditional update per document), and the record is an upsert that keeps the first time.
 */
export async function runMigrationOnce<T>(connection: Connection, name: string, run: () => Promise<T>): Promise<T | null> {
  const db = connection.db;
  if (!db) throw new Error(`migration ${name}: the database connection is not open`);
  const migrations = db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  if (await migrations.findOne({ _id: name }, { projection: { _id: 1 } })) return null;
  const result = await run();
  await migrations.updateOne({ _id: name }, { $setOnInsert: { doneAt: new Date() } }, { upsert: true });
  return result;
}
