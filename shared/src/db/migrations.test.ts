import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseName, testLogger, testMongoUri } from '../testing/index.js';
import { connectDatabase } from './connect.js';
import { MIGRATIONS_COLLECTION, runMigrationOnce } from './migrations.js';

describe('one-time migrations', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('migrations'), testLogger);
  });
  afterAll(() => connection?.close());

  it('runs a migration once per database, then records it and skips it', async () => {
    let runs = 0;
    const migrate = () => Promise.resolve(++runs);
    expect(await runMigrationOnce(connection, 'numbers-v1', migrate)).toBe(1);
    expect(await runMigrationOnce(connection, 'numbers-v1', migrate)).toBeNull();
    expect(runs).toBe(1);
    const record = await connection.db!.collection(MIGRATIONS_COLLECTION).findOne({ _id: 'numbers-v1' as never });
    expect(record?.['doneAt']).toBeInstanceOf(Date);
    // Another migration is its own.
    expect(await runMigrationOnce(connection, 'letters-v1', migrate)).toBe(2);
  });

  it('does not record a migration that failed: the next start runs it again', async () => {
    await expect(runMigrationOnce(connection, 'flaky-v1', () => Promise.reject(new Error('database went away')))).rejects.toThrow(
      'database went away',
    );
    expect(await runMigrationOnce(connection, 'flaky-v1', () => Promise.resolve('done'))).toBe('done');
  });

  it('records a migration two starts ran at once a single time', async () => {
    const both = await Promise.all([1, 2].map((n) => runMigrationOnce(connection, 'together-v1', () => Promise.resolve(n))));
    expect(both.filter((r) => r !== null).length).toBeGreaterThanOrEqual(1);
    expect(await connection.db!.collection(MIGRATIONS_COLLECTION).countDocuments({ _id: 'together-v1' as never })).toBe(1);
  });
});
