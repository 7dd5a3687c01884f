import type { Connection } from 'mongoose';

/**
 * Records the database operations a block makes on a connection (through mongoose's debug hook),
 * so tests can show that a page of N items costs a fixed number of queries.
 */
export async function countQueries<T>(connection: Connection, run: () => Promise<T>): Promise<{ result: T; ops: string[] }> {
  const ops: string[] = [];
  connection.set('debug', (collection: string, method: string) => {
    ops.push(`${collection}.${method}`);
  });
  try {
    const result = await run();
    return { result, ops };
  } finally {
    connection.set('debug', false);
  }
}
