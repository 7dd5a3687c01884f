import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from './support.js';

/**
 * The services rely on MongoDB's single-document atomicity: a conditional update
 * (`findOneAndUpdate({ _id, status: from })`) succeeds for exactly one of several concurrent
 * callers, and concurrent updates of one document lose nothing. FerretDB alone does not give that
 * (see infra/ferretdb/proxy.go); whatever server the tests run on must.
 */
describe('single-document atomicity of the database server', () => {
  let connection: Connection;
  const Doc = () => connection.model<{ status: string; count: number; a?: number; b?: number }>('Doc');

  beforeAll(async () => {
    connection = await connectTestDatabase('atomicity');
    connection.model('Doc', new Schema({ status: String, count: Number, a: Number, b: Number }));
  });
  afterAll(() => connection.close());

  it('lets exactly one of twenty concurrent conditional updates win', async () => {
    for (let round = 0; round < 5; round += 1) {
      const doc = await Doc().create({ status: 'DELIVERED', count: 0 });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          Doc()
            .findOneAndUpdate(
              { _id: doc._id, status: 'DELIVERED' },
              { $set: { status: 'COMPLETED' }, $inc: { count: 1 } },
              { returnDocument: 'after' },
            )
            .lean(),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await Doc().findById(doc._id).lean())?.count).toBe(1);
    }
  });

  it('loses no concurrent increment and no concurrent update of another field', async () => {
    const doc = await Doc().create({ status: 'x', count: 0, a: 0, b: 0 });
    await Promise.all([
      ...Array.from({ length: 25 }, () => Doc().updateOne({ _id: doc._id }, { $inc: { count: 1 } })),
      ...Array.from({ length: 10 }, (_, i) => Doc().updateOne({ _id: doc._id }, { $set: { a: i + 1 } })),
      ...Array.from({ length: 10 }, (_, i) => Doc().updateOne({ _id: doc._id }, { $set: { b: i + 1 } })),
    ]);
    const after = await Doc().findById(doc._id).lean();
    expect(after?.count).toBe(25);
    expect(after?.a).toBeGreaterThan(0);
    expect(after?.b).toBeGreaterThan(0);
  });
});
