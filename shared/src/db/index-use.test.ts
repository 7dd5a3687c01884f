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

  it('uses the index for conditions inside a top-level $and too', async () => {
    const filter = { $and: [{ n: { $gte: 0 } }, { $and: [{ owner: { $in: ['o7'] } }] }] };
    expect(await plan(filter)).toMatch(usesIndex);
    expect(await Thing().countDocuments(filter)).toBe(10);
  });

  it('still applies the conditions it cannot use an index for', async () => {
    const found = await Thing().find({ owner: 'o7', n: { $gt: 100 } }).lean();
    expect(found.map((d) => d.n).sort((a, b) => a - b)).toEqual([127, 157, 187, 217, 247, 277]);
    expect(await Thing().countDocuments({ owner: { $eq: 'o3' }, n: 3 })).toBe(1);
    expect(await Thing().countDocuments({ owner: { $in: ['o3'] }, _id: ids[4] })).toBe(0);
  });

  describe('first pages: sort and limit', () => {
    interface Ranked {
      _id: Types.ObjectId;
      group: string;
      score?: number | null | string | number[];
    }
    const Ranked = () => connection.model<Ranked>('Ranked');

    beforeAll(async () => {
      connection.model('Ranked', new Schema<Ranked>({ group: String, score: Schema.Types.Mixed }).index({ group: 1 }));
      await ensureIndexes(connection);
      // Ties, missing and null scores, whole and fractional numbers, and a string, which MongoDB
      // orders after every number.
      const scores: Array<number | null | string | undefined> = [3, 1.5, 7, 3, null, undefined, 10, 'text', -2, 3, 0.25, 7];
      await Ranked().insertMany(scores.map((score, i) => ({ group: i % 4 === 3 ? 'other' : 'main', ...(score === undefined ? {} : { score }) })));
      await Ranked().insertMany([{ group: 'arrays', score: 5 }, { group: 'arrays', score: [1, 9] }, { group: 'arrays', score: 4 }]);
    });

    async function firstPage(filter: Record<string, unknown>, sort: Record<string, 1 | -1>, limit: number) {
      const explained = (await Ranked().find(filter).sort(sort).limit(limit).explain()) as unknown as { limitPushdown?: boolean };
      const page = await Ranked().find(filter).sort(sort).limit(limit).lean();
      // The same order computed in full, with nothing but the filter pushed down.
      const all = await Ranked().find(filter).sort(sort).lean();
      return { page: page.map((d) => String(d._id)), expected: all.slice(0, limit).map((d) => String(d._id)), limitPushdown: explained.limitPushdown };
    }

    it('returns the first documents in MongoDB order, in both directions and with ties', async () => {
      for (const sort of [{ score: -1, _id: -1 }, { score: 1, _id: 1 }, { score: -1, _id: 1 }] as const) {
        for (const limit of [1, 3, 5, 20]) {
          const { page, expected } = await firstPage({ group: 'main' }, sort, limit);
          expect(page, `${JSON.stringify(sort)} limit ${limit}`).toEqual(expected);
        }
      }
    });

    it('is done by the database when the filter is exactly in SQL (local FerretDB)', async () => {
      const exact = await firstPage({ $and: [{ group: 'main' }] }, { score: -1, _id: -1 }, 3);
      const notExact = await firstPage({ group: 'main', score: { $gt: 0 } }, { score: -1, _id: -1 }, 3);
      expect(notExact.page).toEqual(notExact.expected);
      if (exact.limitPushdown === undefined) return; // not FerretDB: MongoDB plans this itself
      expect(exact.limitPushdown).toBe(true);
      expect(notExact.limitPushdown).toBe(false);
    });

    it('falls back to sorting in full when a matching document holds an array to sort by', async () => {
      const desc = await firstPage({ group: 'arrays' }, { score: -1, _id: 1 }, 1);
      // MongoDB sorts an array by its largest element when descending: [1, 9] comes first.
      expect(desc.page).toEqual(desc.expected);
      if (desc.limitPushdown !== undefined) expect(desc.limitPushdown).toBe(false);
    });
  });
});
