import { Schema, type Connection, type mongo } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseName, testLogger, testMongoUri } from '../testing/index.js';
import { connectDatabase, writeSafetyOptions } from './connect.js';

/**
 * Retryable writes and majority write concern (the production path: a replica set) are every
 * connection's default unless MONGO_URL chooses otherwise, and the local database (FerretDB)
 * accepts the writes that carry them.
 */
describe('write safety', () => {
  it('asks for retryable writes and majority acknowledgement unless the URI sets them', () => {
    const both = { retryWrites: true, writeConcern: { w: 'majority' } };
    expect(writeSafetyOptions('mongodb://a,b,c/?replicaSet=rs0')).toEqual(both);
    expect(writeSafetyOptions('mongodb://localhost:27017')).toEqual(both);
    expect(writeSafetyOptions('mongodb+srv://user:p%40ss@cluster.example.com/shop')).toEqual(both);
    expect(writeSafetyOptions('mongodb://a,b/?replicaSet=rs0&w=1')).toEqual({ retryWrites: true });
    expect(writeSafetyOptions('mongodb://a/?retryWrites=false')).toEqual({ writeConcern: { w: 'majority' } });
    // Option names are case-insensitive to the driver, so here too.
    expect(writeSafetyOptions('mongodb://a/?RETRYWRITES=false&W=2')).toEqual({});
  });

  let connection: Connection | undefined;
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  const withQuery = (uri: string, query: string) =>
    `${uri}${uri.includes('?') ? '&' : uri.replace(/^mongodb(\+srv)?:\/\//, '').includes('/') ? '?' : '/?'}${query}`;

  it('sends writes with w: majority, which the local database accepts', async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('writes'), testLogger);
    const options = connection.getClient().options;
    expect(options.retryWrites).toBe(true);
    expect(options.writeConcern?.w).toBe('majority');

    const sent: mongo.CommandStartedEvent[] = [];
    connection.getClient().on('commandStarted', (event) => sent.push(event));
    const Thing = connection.model('Thing', new Schema({ name: String, count: Number }));
    await Thing.createCollection();
    const thing = await Thing.create({ name: 'a', count: 0 });
    await Thing.insertMany([{ name: 'b', count: 0 }]);
    await Thing.updateOne({ _id: thing._id }, { $inc: { count: 1 } });
    const updated = await Thing.findOneAndUpdate({ _id: thing._id, count: 1 }, { $inc: { count: 1 } }, { returnDocument: 'after' });
    await Thing.deleteOne({ name: 'b' });
    expect(updated?.count).toBe(2);
    expect(await Thing.countDocuments()).toBe(1);

    const writes = sent.filter((e) => ['insert', 'update', 'findAndModify', 'delete'].includes(e.commandName));
    expect(writes.map((e) => e.commandName).sort()).toEqual(['delete', 'findAndModify', 'insert', 'insert', 'update']);
    for (const write of writes)
      expect((write.command as { writeConcern?: { w?: unknown } }).writeConcern?.w, write.commandName).toBe('majority');
  });

  it('keeps what the URI says', async () => {
    connection = await connectDatabase(withQuery(testMongoUri(), 'w=1&retryWrites=false'), testDatabaseName('writes'), testLogger);
    const options = connection.getClient().options;
    expect(options.retryWrites).toBe(false);
    expect(options.writeConcern?.w).toBe(1);
  });
});
