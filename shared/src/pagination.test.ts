import { GraphQLError } from 'graphql';
import mongoose, { Schema, Types, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './db/connect.js';
import {
  afterFilter,
  decodeCursor,
  encodeCursor,
  findPage,
  pageSize,
  sortOf,
  type Connection as Page,
  type SortSpec,
} from './pagination.js';
import { testDatabaseName, testLogger, testMongoUri } from './testing/index.js';

const byPrice: SortSpec = { name: 'PRICE', keys: [{ field: 'price', direction: 1 }] };
const byNewest: SortSpec = { name: 'NEWEST', keys: [{ field: 'createdAt', direction: -1 }] };

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions['code'] : error;
  }
  return undefined;
}

describe('cursors', () => {
  const doc = { _id: new Types.ObjectId(), price: 500, createdAt: new Date('2026-01-02T03:04:05Z') };

  it('round-trip values, dates included, and are opaque', () => {
    const cursor = encodeCursor(byNewest, doc);
    expect(cursor).not.toContain('createdAt');
    const decoded = decodeCursor(byNewest, cursor);
    expect(decoded.values).toEqual([doc.createdAt]);
    expect(String(decoded.id)).toBe(String(doc._id));
  });

  it('refuse a cursor of another sort, and garbage, as BAD_USER_INPUT', () => {
    const cursor = encodeCursor(byPrice, doc);
    expect(codeOf(() => decodeCursor(byNewest, cursor))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(byPrice, 'nope'))).toBe('BAD_USER_INPUT');
    const tampered = Buffer.from(JSON.stringify({ s: 'PRICE', v: [1], i: 'not-an-id' })).toString('base64url');
    expect(codeOf(() => decodeCursor(byPrice, tampered))).toBe('BAD_USER_INPUT');
    const badDate = Buffer.from(JSON.stringify({ s: 'NEWEST', v: [{ d: 'x' }], i: String(doc._id) })).toString('base64url');
    expect(codeOf(() => decodeCursor(byNewest, badDate))).toBe('BAD_USER_INPUT');
  });

  it('build a keyset filter with the id as tie-breaker', () => {
    const filter = afterFilter(byPrice, encodeCursor(byPrice, doc));
    expect(filter).toEqual({ $or: [{ price: { $gt: 500 } }, { price: 500, _id: { $gt: doc._id } }] });
    expect(sortOf(byNewest)).toEqual({ createdAt: -1, _id: -1 });
  });

  it('bound the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(50)).toBe(50);
    expect(codeOf(() => pageSize(0))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageSize(51))).toBe('BAD_USER_INPUT');
  });
});

describe('findPage against the real database', () => {
  interface Item {
    _id: Types.ObjectId;
    price: number;
    group: string;
  }
  let connection: Connection;
  let Item: Model<Item>;
  const schema = new Schema<Item>({ price: Number, group: String });

  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('pagination'), testLogger);
    Item = connection.model<Item>('Item', schema);
    // Many equal prices, so only the _id tie-breaker keeps the order stable.
    await Item.insertMany(Array.from({ length: 57 }, (_, i) => ({ price: (i % 5) * 100, group: i % 2 ? 'odd' : 'even' })));
  });
  afterAll(() => connection.close());

  it('walks every page with no duplicates or gaps, even with inserts between pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page<Item> = await findPage(Item, { filter: {}, sort: byPrice, first: 10, after });
      expect(await page.totalCount()).toBe(57 + pages);
      seen.push(...page.edges.map((e) => String((e.node as { _id: unknown })._id)));
      pages += 1;
      // An item that sorts before the cursor must not shift later pages.
      await Item.create({ price: -1, group: 'late' });
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(57);
    const prices = (await Item.find({ _id: { $in: seen } }).lean()).map((d) => d.price);
    expect(prices).toHaveLength(57);
  });

  it('filters and counts together', async () => {
    const page = await findPage(Item, { filter: { group: 'odd' }, sort: byPrice, first: 50 });
    expect(await page.totalCount()).toBe(28);
    expect(page.edges).toHaveLength(28);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('counts only when totalCount is asked for, and then once', async () => {
    // The services' connections do not monitor commands: a client of its own, on the same server.
    const watched = await new mongoose.mongo.MongoClient(testMongoUri(), { monitorCommands: true }).connect();
    const commands: string[] = [];
    watched.on('commandStarted', (event) => {
      // Reads only: mongoose's own set-up of the model (create) is not the page's work.
      if (event.databaseName === connection.name && ['find', 'aggregate', 'count'].includes(event.commandName))
        commands.push(event.commandName);
    });
    try {
      const WatchedItem = mongoose.createConnection().setClient(watched).useDb(connection.name).model<Item>('Item', schema);
      const page = await findPage(WatchedItem, { filter: { group: 'odd' }, sort: byPrice, first: 5 });
      expect(page.edges).toHaveLength(5);
      expect(commands).toEqual(['find']);
      expect(await page.totalCount()).toBe(await Item.countDocuments({ group: 'odd' }));
      await page.totalCount();
      expect(commands).toEqual(['find', 'aggregate']);
    } finally {
      await watched.close();
    }
  });
});
