import { Schema, Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseName, testLogger, testMongoUri } from '../testing/index.js';
import { connectDatabase, ensureIndexes } from './connect.js';

/**
 * The services' reads are equality and `$in` lookups on indexed fields (DataLoader batches by
 * `_id`, a seller's gigs, a gig's reviews, a buyer's orders). On the local FerretDB these only use
 * the index thanks to infra/ferretdb/patches; without it every such read decodes the whole
 * collection. Whatever server the tests run on must answer them from an index, and correctly:
 * the pushed-down condition must keep documents whose field is an array holding the value.
 */
describe('index use for equality and $in lookups', () => {
  let connection: Connection;
  interface Thing {
    _id: Types.ObjectId;
    owner: string | string[];
    n: number;
  }
  const Thing = () => connection.model<Thing>('Thing');
  const ids: Types.ObjectId[] = [];

  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('index-use'), testLogger);
    connection.model('Thing', new Schema<Thing>({ owner: Schema.Types.Mixed, n: Number }).index({ owner: 1, n: -1 }));
    await ensureIndexes(connection);
    const docs = Array.from({ length: 300 }, (_, n) => ({ _id: new Types.ObjectId(), owner: `o${n % 30}`, n }));
    ids.push(...docs.map((d) => d._id));
    await Thing().insertMany([...docs, { _id: new Types.ObjectId(), owner: ['o7', 'other'], n: -1 }]);
  });
  afterAll(() => connection.close());

  async function plan(filter: Record<string, unknown>): Promise<string> {
    return JSON.stringify(await Thing().find(filter).explain());
  }
  const usesIndex = /USING INDEX|IXSCAN|IDHACK|EXPRESS_IXSCAN|CLUSTERED_IXSCAN/;

  it('finds by _id and by _id $in from the index', async () => {
    expect(await plan({ _id: ids[3] })).toMatch(usesIndex);
    expect(await plan({ _id: { $in: ids.slice(0, 5) } })).toMatch(usesIndex);
    const found = await Thing().find({ _id: { $in: [...ids.slice(1, 3), new Types.ObjectId()] } }).lean();
    expect(found.map((d) => d.n).sort()).toEqual([1, 2]);
  });

  it('finds by an indexed field from the index, arrays holding the value included', async () => {
    expect(await plan({ owner: 'o7' })).toMatch(usesIndex);
    const found = await Thing().find({ owner: 'o7' }).sort({ n: 1 }).lean();
    expect(found.map((d) => d.n)).toEqual([-1, 7, 37, 67, 97, 127, 157, 187, 217, 247, 277]);
    expect(await Thing().countDocuments({ owner: { $in: ['o7', 'o8'] } })).toBe(21);
  });

  it('still applies the conditions it cannot use an index for', async () => {
    const found = await Thing().find({ owner: 'o7', n: { $gt: 100 } }).lean();
    expect(found.map((d) => d.n).sort((a, b) => a - b)).toEqual([127, 157, 187, 217, 247, 277]);
    expect(await Thing().countDocuments({ owner: { $eq: 'o3' }, n: 3 })).toBe(1);
    expect(await Thing().countDocuments({ owner: { $in: ['o3'] }, _id: ids[4] })).toBe(0);
  });
});
