import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseName, testLogger, testMongoUri } from '../testing/index.js';
import { connectDatabase } from './connect.js';
import { currentDeadline, Deadline, outsideDeadline, runRequestWithDeadline, runWithDeadline } from './deadline.js';

interface Doc {
  words: string[];
  n: number;
}

/** Resolves with the error `run` rejects with (fails when it resolves). */
async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const code = (error: unknown) => (error instanceof GraphQLError ? error.extensions['code'] : error);

describe('request deadlines on the real database', () => {
  let connection: Connection;
  let Docs: Model<Doc>;
  /** What mongoose sent: method and options, one entry per command (its debug hook). */
  let sent: Array<{ method: string; options: Record<string, unknown> }> = [];
  // A regex thousands of characters long, run against 80,000 stored words: seconds of work on FerretDB.
  const slow = () => ({ words: new RegExp(`^${'a'.repeat(5000)}`) });

  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('deadline'), testLogger);
    Docs = connection.model<Doc>('Doc', new Schema<Doc>({ words: [String], n: Number }));
    const words = (i: number) => Array.from({ length: 40 }, (_, j) => `${'a'.repeat(30)}${i}x${j}`);
    await Docs.insertMany(Array.from({ length: 2000 }, (_, i) => ({ words: words(i), n: i })));
    connection.set('debug', (_collection: string, method: string, ...args: unknown[]) => {
      const options = args.find((a, i) => i > 0 && a !== null && typeof a === 'object' && !Array.isArray(a)) as
        Record<string, unknown> | undefined;
      sent.push({ method, options: options ?? {} });
    });
  });
  afterAll(() => connection?.close());

  it('cuts a find and a count that would outlast the deadline: the server ends them (maxTimeMS)', async () => {
    const reads: Array<() => Promise<unknown>> = [
      () => Docs.find(slow()).lean().exec(),
      () => Docs.countDocuments(slow()).exec(),
      () => Docs.aggregate([{ $match: slow() }]).exec(),
    ];
    for (const run of reads) {
      sent = [];
      const deadline = new Deadline(300);
      const error = await rejection(() => runWithDeadline(deadline, run));
      expect(code(error)).toBe('SERVICE_UNAVAILABLE');
      expect((error as Error).message).toBe('This request took too long and was stopped. Try again, or ask for less.');
      // The command went out with the time left, and the refusal came from the server.
      expect(sent).toHaveLength(1);
      expect(sent[0]!.options['maxTimeMS']).toBeGreaterThan(0);
      expect(sent[0]!.options['maxTimeMS']).toBeLessThanOrEqual(300);
      expect(((error as GraphQLError).originalError as { code?: number } | undefined)?.code).toBe(50);
    }
    // The database is free again: an ordinary read under a fresh deadline answers.
    expect(await runWithDeadline(new Deadline(5000), () => Docs.countDocuments({ n: { $lt: 10 } }).exec())).toBe(10);
  });

  it('sends nothing once the time is up or the caller has gone', async () => {
    const over = new Deadline(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const gone = new Deadline(60_000);
    gone.abandon();
    for (const [deadline, expected] of [
      [over, 'This request took too long and was stopped. Try again, or ask for less.'],
      [gone, 'The caller has gone: the request was stopped.'],
    ] as const) {
      sent = [];
      const commands: Array<() => Promise<unknown>> = [
        () => Docs.findOne({ n: 1 }).exec(),
        () => Docs.aggregate([{ $match: { n: 1 } }]).exec(),
        () => Docs.distinct('n').exec(),
        () => Docs.updateOne({ n: 1 }, { $set: { n: 1 } }).exec(),
      ];
      for (const run of commands) {
        const error = await rejection(() => runWithDeadline(deadline, run));
        expect((error as Error).message).toBe(expected);
      }
      expect(sent).toEqual([]);
      expect(deadline.signal.aborted).toBe(true);
    }
  });

  it('lets a request that has started writing finish, and leaves work without a deadline alone', async () => {
    const deadline = new Deadline(60_000);
    await runWithDeadline(deadline, async () => {
      sent = [];
      await Docs.findOne({ n: 2 }).exec();
      expect(sent[0]!.options['maxTimeMS']).toBeGreaterThan(0);
      await Docs.updateOne({ n: 2 }, { $set: { n: 2 } }).exec();
      expect(deadline.cuts).toBe(false);
      // The caller leaves between two writes: the second still happens, and reads are not cut.
      deadline.abandon();
      expect(deadline.signal.aborted).toBe(false);
      sent = [];
      await Docs.findOne({ n: 2 }).exec();
      await Docs.create({ words: ['late'], n: -1 });
      expect(sent.map((s) => [s.method, s.options['maxTimeMS']])).toEqual([
        ['findOne', undefined],
        ['insertOne', undefined],
      ]);
    });
    expect(await Docs.countDocuments({ n: -1 }).exec()).toBe(1);

    sent = [];
    await Docs.findOne({ n: 3 }).exec();
    const cache = runWithDeadline(new Deadline(60_000), () => outsideDeadline(() => Docs.findOne({ n: 4 }).exec()));
    await cache;
    expect(sent.map((s) => s.options['maxTimeMS'])).toEqual([undefined, undefined]);

    const released = new Deadline(60_000);
    released.release();
    sent = [];
    await runWithDeadline(released, () => Docs.findOne({ n: 5 }).exec());
    expect(sent[0]!.options['maxTimeMS']).toBeUndefined();
  });

  it('abandons the deadline of a request whose client left, even before the request was handed over', async () => {
    /** What the handler sees: whether its deadline is stopped when it starts, and when the client leaves. */
    const seen: Array<{ at: string; aborted: boolean | undefined }> = [];
    let handed!: (res: ServerResponse) => void;
    const server = createServer((_req, res) => handed(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      for (const early of [false, true]) {
        const client = new AbortController();
        const handler = new Promise<void>((resolve) => {
          handed = (res) => {
            const start = () =>
              runRequestWithDeadline(res, 60_000, testLogger, () => {
                const deadline = currentDeadline()!;
                seen.push({ at: early ? 'gone before' : 'start', aborted: deadline.signal.aborted });
                if (early) return resolve();
                client.abort();
                deadline.signal.addEventListener('abort', () => {
                  seen.push({ at: 'gone while running', aborted: deadline.signal.aborted });
                  resolve();
                });
              });
            // Early: the client leaves while the request is still being read, before the hand-over.
            if (early) {
              res.once('close', () => setImmediate(start));
              client.abort();
            } else start();
          };
        });
        await expect(fetch(url, { method: 'POST', body: '{}', signal: client.signal })).rejects.toThrow();
        await handler;
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual([
      { at: 'start', aborted: false },
      { at: 'gone while running', aborted: true },
      { at: 'gone before', aborted: true },
    ]);
  });
});
