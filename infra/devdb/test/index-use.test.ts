import { Schema, Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase, ensureIndexes } from './support.js';

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
    connection = await connectTestDatabase('index-use');
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
  async function plan2<T>(model: () => import('mongoose').Model<T>, filter: Record<string, unknown>): Promise<string> {
    return JSON.stringify(await model().find(filter).explain());
  }
  const usesIndex = /USING INDEX|IXSCAN|IDHACK|EXPRESS_IXSCAN|CLUSTERED_IXSCAN/;

  it('finds by _id and by _id $in from the index', async () => {
    expect(await plan({ _id: ids[3] })).toMatch(usesIndex);
    expect(await plan({ _id: { $in: ids.slice(0, 5) } })).toMatch(usesIndex);
    const found = await Thing()
      .find({ _id: { $in: [...ids.slice(1, 3), new Types.ObjectId()] } })
      .lean();
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
    const found = await Thing()
      .find({ owner: 'o7', n: { $gt: 100 } })
      .lean();
    expect(found.map((d) => d.n).sort((a, b) => a - b)).toEqual([127, 157, 187, 217, 247, 277]);
    expect(await Thing().countDocuments({ owner: { $eq: 'o3' }, n: 3 })).toBe(1);
    expect(await Thing().countDocuments({ owner: { $in: ['o3'] }, _id: ids[4] })).toBe(0);
  });

  describe('"a counter with something in it": {$gt: 0} and {$gte: 1}', () => {
    interface Counted {
      k: number;
      pending?: unknown;
    }
    const Counted = () => connection.model<Counted>('Counted');
    // What MongoDB answers for $gt: 0 (numbers above 0, and arrays holding one), beside values an
    // index of JSON text could confuse with them: 0, negatives, strings of digits, booleans, null.
    const values: Array<[unknown, boolean]> = [
      [0, false],
      [1, true],
      [7, true],
      [10, true],
      [123456, true],
      [0.5, true],
      [-3, false],
      [-0.5, false],
      ['5', false],
      ['0', false],
      [true, false],
      [null, false],
      [[0, 2], true],
      [[0, -1], false],
      [{ n: 1 }, false],
    ];

    beforeAll(async () => {
      connection.model('Counted', new Schema<Counted>({ k: Number, pending: Schema.Types.Mixed }).index({ pending: 1 }));
      await ensureIndexes(connection);
      await Counted().insertMany([
        ...values.map(([pending], i) => ({ k: i + 1, pending })),
        { k: 999 },
        // Enough documents with nothing pending that a full scan and an index scan differ.
        ...Array.from({ length: 200 }, (_, i) => ({ k: 1000 + i, pending: 0 })),
      ]);
    });

    it.each([{ $gt: 0 }, { $gte: 1 }])('%o matches exactly what MongoDB matches, from the index', async (condition) => {
      const found = await Counted().find({ pending: condition }).sort({ k: 1 }).lean();
      const expected = values
        .map(([pending, matches], i) => ({ i, pending, matches }))
        .filter(({ pending, matches }) => (condition.$gte === 1 ? matches && pending !== 0.5 : matches))
        .map(({ i }) => i + 1);
      expect(found.map((d) => d.k)).toEqual(expected);
      expect(await plan2(Counted, { pending: condition })).toMatch(usesIndex);
    });

    it('leaves other bounds to a scan, with the same answers', async () => {
      expect(await Counted().countDocuments({ pending: { $gt: 5 } })).toBe(3); // 7, 10, 123456
      expect(await Counted().countDocuments({ pending: { $gte: 0 } })).toBe(
        values.filter(([v]) => typeof v === 'number' && v >= 0).length + 200 + 2,
      );
    });
  });

  describe('date ranges: "due by now" and "older than"', () => {
    interface Dated {
      k: number;
      due?: unknown;
      status?: string;
    }
    const Dated = () => connection.model<Dated>('Dated');
    const Scheduled = () => connection.model<Dated>('Scheduled');
    const at = (iso: string) => new Date(iso);
    // Dates of every width of milliseconds (before 1970, 1990's twelve digits, far future) beside
    // values an index of JSON text could confuse with them: numbers of milliseconds, strings,
    // booleans, null, objects, and arrays holding a date or not.
    const values: unknown[] = [
      at('2026-11-29T12:00:00Z'),
      at('2026-11-30T12:00:00Z'),
      at('2026-12-01T12:00:00Z'),
      at('1965-06-01T00:00:00Z'),
      at('1990-01-01T00:00:00Z'),
      at('2400-01-01T00:00:00Z'),
      at('1970-01-01T00:00:00Z'),
      Date.parse('2026-11-29T12:00:00Z'),
      5,
      '2026-11-29T12:00:00Z',
      true,
      false,
      null,
      { at: at('2026-11-29T12:00:00Z') },
      [at('2030-01-01T00:00:00Z'), at('2026-11-29T12:00:00Z')],
      [at('2030-01-01T00:00:00Z')],
      [],
    ];
    /** MongoDB's answer: a date within every bound, or an array holding one (one bound here). */
    const matches = (value: unknown, within: (d: Date) => boolean): boolean =>
      value instanceof Date ? within(value) : Array.isArray(value) && value.some((v) => v instanceof Date && within(v));

    beforeAll(async () => {
      connection.model('Dated', new Schema<Dated>({ k: Number, due: Schema.Types.Mixed }).index({ due: 1 }));
      connection.model('Scheduled', new Schema<Dated>({ k: Number, status: String, due: Date }).index({ status: 1, due: 1 }));
      await ensureIndexes(connection);
      await Dated().insertMany([
        ...values.map((due, i) => ({ k: i + 1, due })),
        { k: 999 },
        ...Array.from({ length: 200 }, (_, i) => ({ k: 1000 + i, due: null })),
      ]);
      await Scheduled().insertMany(
        Array.from({ length: 300 }, (_, i) => ({
          k: i,
          status: i % 3 ? 'DONE' : 'OPEN',
          ...(i % 2 ? { due: at(new Date(Date.UTC(2026, 10, 1 + (i % 60))).toISOString()) } : {}),
        })),
      );
    });

    const now = at('2026-11-30T12:00:00Z');
    it.each([
      ['$lte now', { $lte: now }, (d: Date) => d <= now],
      ['$lt now', { $lt: now }, (d: Date) => d < now],
      ['$gt now', { $gt: now }, (d: Date) => d > now],
      ['$gte 1970', { $gte: at('1970-01-01T00:00:00Z') }, (d: Date) => d.getTime() >= 0],
    ])('%s matches exactly what MongoDB matches, from the index', async (_, condition, within) => {
      const found = await Dated().find({ due: condition }).sort({ k: 1 }).lean();
      const expected = values.flatMap((value, i) => (matches(value, within) ? [i + 1] : []));
      expect(found.map((d) => d.k)).toEqual(expected);
      expect(await plan2(Dated, { due: condition })).toMatch(usesIndex);
    });

    it('answers a range of two bounds, and a filter beside it, on a field that holds no arrays', async () => {
      const from = at('2026-11-10T00:00:00Z');
      const filter = { status: 'OPEN', due: { $gt: from, $lte: now } };
      const found = await Scheduled().find(filter).sort({ k: 1 }).lean();
      const all = await Scheduled().find({}).sort({ k: 1 }).lean();
      const expected = all.filter((d) => d.status === 'OPEN' && d.due instanceof Date && d.due > from && d.due <= now);
      expect(expected.length).toBeGreaterThan(3);
      expect(found.map((d) => d.k)).toEqual(expected.map((d) => d.k));
      expect(await plan2(Scheduled, filter)).toMatch(usesIndex);
      // Exactly in SQL: the first page is sorted and limited by the database (local FerretDB).
      const explained = (await Scheduled().find(filter).sort({ _id: 1 }).limit(2).explain()) as unknown as { limitPushdown?: boolean };
      if (explained.limitPushdown !== undefined) expect(explained.limitPushdown).toBe(true);
      const page = await Scheduled().find(filter).sort({ _id: 1 }).limit(2).lean();
      expect(page.map((d) => d.k)).toEqual(expected.slice(0, 2).map((d) => d.k));
    });
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
      await Ranked().insertMany(
        scores.map((score, i) => ({ group: i % 4 === 3 ? 'other' : 'main', ...(score === undefined ? {} : { score }) })),
      );
      await Ranked().insertMany([
        { group: 'arrays', score: 5 },
        { group: 'arrays', score: [1, 9] },
        { group: 'arrays', score: 4 },
      ]);
    });

    async function firstPage(filter: Record<string, unknown>, sort: Record<string, 1 | -1>, limit: number) {
      const explained = (await Ranked().find(filter).sort(sort).limit(limit).explain()) as unknown as {
        limitPushdown?: boolean;
        queryPlanner?: unknown;
      };
      const page = await Ranked().find(filter).sort(sort).limit(limit).lean();
      // The same order computed in full, with nothing but the filter pushed down.
      const all = await Ranked().find(filter).sort(sort).lean();
      return {
        page: page.map((d) => String(d._id)),
        expected: all.slice(0, limit).map((d) => String(d._id)),
        limitPushdown: explained.limitPushdown,
        plan: JSON.stringify(explained.queryPlanner),
      };
    }

    it('returns the first documents in MongoDB order, in both directions and with ties', async () => {
      for (const sort of [
        { score: -1, _id: -1 },
        { score: 1, _id: 1 },
        { score: -1, _id: 1 },
      ] as const) {
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
      // No document holds an array in "group": a plain equality on the index, no OR for arrays.
      expect(exact.plan).toMatch(/USING INDEX/);
      expect(exact.plan).not.toMatch(/MULTI-INDEX OR/);
    });

    it('checks again after every insert, update and delete whether a first page can be sorted in SQL', async () => {
      connection.model(
        'Paged',
        new Schema<{ group: string; score: unknown }>({ group: String, score: Schema.Types.Mixed }).index({ group: 1 }),
      );
      await ensureIndexes(connection);
      const Paged = () => connection.model<{ group: string; score: unknown }>('Paged');
      await Paged().insertMany([1, 2, 3, 4, 5, 6].map((score) => ({ group: 'p', score })));
      const page = async () => {
        const explained = (await Paged().find({ group: 'p' }).sort({ score: -1, _id: -1 }).limit(3).explain()) as unknown as {
          limitPushdown?: boolean;
        };
        const found = await Paged().find({ group: 'p' }).sort({ score: -1, _id: -1 }).limit(3).lean();
        return { scores: found.map((d) => d.score), inSql: explained.limitPushdown ?? null };
      };
      // Only the local FerretDB says whether it sorted in SQL (MongoDB plans this itself).
      const onFerretdb = (await page()).inSql !== null;
      const inSql = (expected: boolean) => (onFerretdb ? expected : null);
      expect(await page()).toEqual({ scores: [6, 5, 4], inSql: inSql(true) });
      // MongoDB orders an array descending by its largest element: [0, -5] comes after every
      // positive score, where SQL would put it first.
      await Paged().create({ group: 'p', score: [0, -5] });
      expect(await page()).toEqual({ scores: [6, 5, 4], inSql: inSql(false) });
      await Paged().deleteOne({ group: 'p', score: { $type: 'array' } });
      expect(await page()).toEqual({ scores: [6, 5, 4], inSql: inSql(true) });
      await Paged().updateOne({ score: 6 }, { $set: { score: [-1, -2] } });
      expect(await page()).toEqual({ scores: [5, 4, 3], inSql: inSql(false) });
    });

    it('falls back to sorting in full when a matching document holds an array to sort by', async () => {
      const desc = await firstPage({ group: 'arrays' }, { score: -1, _id: 1 }, 1);
      // MongoDB sorts an array by its largest element when descending: [1, 9] comes first.
      expect(desc.page).toEqual(desc.expected);
      if (desc.limitPushdown !== undefined) expect(desc.limitPushdown).toBe(false);
    });
  });

  describe('booleans, and $or', () => {
    interface Flagged {
      k: number;
      owner: string;
      flag?: unknown;
      pending?: unknown;
      email?: string;
    }
    const Flagged = () => connection.model<Flagged>('Flagged');
    // Beside true and false, values an index of JSON text could confuse with them: 1 and 0, the
    // strings, null, objects, and arrays holding a boolean or a number.
    const flags: unknown[] = [true, false, 1, 0, 'true', 'false', null, undefined, [true], [false, 1], [0, 'x', true], { on: true }, []];
    const docs: Flagged[] = [];
    /** What MongoDB matches for {flag: value}: the value, or an array holding it. */
    const flagIs = (d: Flagged, value: boolean) => d.flag === value || (Array.isArray(d.flag) && d.flag.includes(value));
    /** What MongoDB matches for {pending: {$gt: 0}}. */
    const pendingAboveZero = (d: Flagged) =>
      (typeof d.pending === 'number' && d.pending > 0) ||
      (Array.isArray(d.pending) && d.pending.some((p) => typeof p === 'number' && p > 0));

    beforeAll(async () => {
      connection.model(
        'Flagged',
        new Schema<Flagged>({ k: Number, owner: String, flag: Schema.Types.Mixed, pending: Schema.Types.Mixed, email: String })
          .index({ flag: 1 })
          .index({ owner: 1, flag: 1 })
          .index({ pending: 1 })
          .index({ email: 1 }),
      );
      await ensureIndexes(connection);
      for (let k = 0; k < 260; k += 1) {
        const flag = flags[k % flags.length];
        const pending = k % 11 === 0 ? 2 : k % 17 === 0 ? [0, 3] : 0;
        docs.push({ k, owner: `o${k % 5}`, ...(flag === undefined ? {} : { flag }), pending, email: `m${k}@example.com` });
      }
      await Flagged().insertMany(docs);
    });

    const ks = (rows: Array<{ k: number }>) => rows.map((d) => d.k).sort((a, b) => a - b);
    const expectedKs = (keep: (d: Flagged) => boolean) => ks(docs.filter(keep));

    it.each([true, false])('{flag: %s} matches exactly what MongoDB matches, from the index', async (value) => {
      for (const filter of [{ flag: value }, { flag: { $eq: value } }, { flag: { $in: [value] } }, { owner: 'o2', flag: value }]) {
        const owner = 'owner' in filter ? filter.owner : null;
        const found = await Flagged().find(filter).lean();
        expect(ks(found), JSON.stringify(filter)).toEqual(expectedKs((d) => flagIs(d, value) && (owner === null || d.owner === owner)));
        expect(await plan2(Flagged, filter)).toMatch(usesIndex);
      }
    });

    it('answers $or from the indexes when every branch has a condition there, and exactly', async () => {
      const held = { owner: 'o3', $or: [{ flag: true }, { pending: { $gt: 0 } }] };
      expect(ks(await Flagged().find(held).lean())).toEqual(
        expectedKs((d) => d.owner === 'o3' && (flagIs(d, true) || pendingAboveZero(d))),
      );
      expect(await plan2(Flagged, held)).toMatch(usesIndex);

      const taken = { $or: [{ email: 'm7@example.com' }, { email: 'm12@example.com' }, { owner: 'nobody' }] };
      expect(ks(await Flagged().find(taken).lean())).toEqual([7, 12]);
      expect(await plan2(Flagged, taken)).toMatch(usesIndex);

      // Branches of $and and $or together, and an $or inside an $and.
      const nested = { $and: [{ $or: [{ owner: 'o1' }, { owner: 'o4', flag: false }] }, { pending: { $gt: 0 } }] };
      expect(ks(await Flagged().find(nested).lean())).toEqual(
        expectedKs((d) => (d.owner === 'o1' || (d.owner === 'o4' && flagIs(d, false))) && pendingAboveZero(d)),
      );
    });

    it('leaves an $or with a branch it cannot put into SQL, or with very many branches, to FerretDB, with the same answers', async () => {
      const filter = { $or: [{ email: 'm7@example.com' }, { k: { $gte: 250 } }] };
      expect(ks(await Flagged().find(filter).lean())).toEqual([7, ...Array.from({ length: 10 }, (_, i) => 250 + i)]);
      // More branches than SQLite nests (1,000 levels): FerretDB's own evaluation, the same answer.
      const many = { $or: Array.from({ length: 1200 }, (_, i) => ({ email: `m${i}@example.com` })) };
      expect(await Flagged().countDocuments(many)).toBe(docs.length);
    });

    it('sorts and limits a first page in the database only when the $or is exactly in SQL (local FerretDB)', async () => {
      const page = async (filter: Record<string, unknown>) => {
        const explained = (await Flagged().find(filter).sort({ k: -1 }).limit(3).explain()) as unknown as { limitPushdown?: boolean };
        const found = await Flagged().find(filter).sort({ k: -1 }).limit(3).lean();
        const all = await Flagged().find(filter).sort({ k: -1 }).lean();
        expect(found.map((d) => d.k)).toEqual(all.slice(0, 3).map((d) => d.k));
        return explained.limitPushdown;
      };
      const exact = await page({ $or: [{ owner: 'o1' }, { owner: 'o2', flag: true }] });
      const superset = await page({ $or: [{ owner: 'o1' }, { pending: { $gt: 0 } }] });
      if (exact === undefined) return; // not FerretDB
      expect([exact, superset]).toEqual([true, false]);
    });
  });

  describe('sums and counts by group', () => {
    interface Sale {
      seller: string;
      status: string;
      late?: boolean | null;
      cents?: number | string;
      ratio?: number;
    }
    const Sale = () => connection.model<Sale>('Sale');
    const sales: Sale[] = [];

    beforeAll(async () => {
      connection.model(
        'Sale',
        new Schema<Sale>({ seller: String, status: String, late: Schema.Types.Mixed, cents: Schema.Types.Mixed, ratio: Number }).index({
          seller: 1,
        }),
      );
      await ensureIndexes(connection);
      for (let i = 0; i < 60; i += 1) {
        sales.push({
          seller: `s${i % 4}`,
          status: i % 3 ? 'COMPLETED' : 'ACTIVE',
          ...(i % 5 ? { late: i % 2 === 0 } : {}),
          ...(i % 7 ? { cents: 100 * i } : { cents: 'not a number' }),
          ratio: i / 4,
        });
      }
      await Sale().insertMany(sales);
    });

    const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

    it('counts and sums several accumulators per group, as MongoDB does', async () => {
      const sellers = ['s0', 's1', 's2'];
      const rows = await Sale().aggregate<{ _id: { seller: string; status: string }; n: number; cents: number; ratio: number }>([
        { $match: { seller: { $in: sellers } } },
        { $group: { _id: { seller: '$seller', status: '$status' }, n: { $sum: 1 }, cents: { $sum: '$cents' }, ratio: { $sum: '$ratio' } } },
      ]);
      const expected = new Map<string, { n: number; cents: number; ratio: number }>();
      for (const s of sales.filter((s) => sellers.includes(s.seller))) {
        const key = `${s.seller}/${s.status}`;
        const e = expected.get(key) ?? { n: 0, cents: 0, ratio: 0 };
        e.n += 1;
        e.cents += typeof s.cents === 'number' ? s.cents : 0;
        e.ratio += s.ratio ?? 0;
        expected.set(key, e);
      }
      expect(
        byKey(rows, (r) => `${r._id.seller}/${r._id.status}`).map((r) => [`${r._id.seller}/${r._id.status}`, r.n, r.cents, r.ratio]),
      ).toEqual([...expected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, e.n, e.cents, e.ratio]));
    });

    it('groups a missing field with null, counts everything under a constant _id, and returns nothing for no match', async () => {
      const rows = await Sale().aggregate<{ _id: boolean | null; n: number }>([
        { $match: { seller: 's1' } },
        { $group: { _id: '$late', n: { $sum: 1 } } },
      ]);
      const ofSeller = sales.filter((s) => s.seller === 's1');
      const count = (v: boolean | null) => ofSeller.filter((s) => (s.late ?? null) === v).length;
      expect(byKey(rows, (r) => String(r._id)).map((r) => [r._id, r.n])).toEqual(
        [
          [false, count(false)],
          [null, count(null)],
          [true, count(true)],
        ]
          .filter(([, n]) => n)
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
      expect(await Sale().countDocuments({ status: 'ACTIVE' })).toBe(sales.filter((s) => s.status === 'ACTIVE').length);
      expect(await Sale().aggregate([{ $match: { seller: 'nobody' } }, { $group: { _id: null, n: { $sum: 1 } } }])).toEqual([]);
    });
  });
});
