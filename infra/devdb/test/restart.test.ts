import { createServer, type Server } from 'node:net';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { startDatabaseServer, type DatabaseServer } from '../src/launcher.js';

/**
 * A database server the launcher started that dies (kill -9: no goodbye) comes back by itself on
 * the same address with the same files; `stop()` still stops it for good. Each test starts a
 * private server (not the run's shared one, which other test files use), in a temporary directory.
 */

const DEADLINE_MS = 30_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1000, directConnection: true });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

/** Polls `condition` until it holds or the (generous) deadline passes; returns whether it held. */
async function eventually(condition: () => Promise<boolean> | boolean, deadlineMs = DEADLINE_MS): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOf(uri: string): number {
  return Number(new URL(uri).port);
}

/**
 * Takes `port` on loopback as soon as the dead server's socket is gone, refusing every connection
 * (as a port with nobody behind it would, but so that nobody else can listen there).
 */
async function occupy(port: number): Promise<Server> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const server = createServer((socket) => socket.destroy());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      return server;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

interface Started {
  server: DatabaseServer;
  /** The launcher's log, one parsed JSON line each. */
  log: Array<{ msg: string; level: number }>;
}

const started: DatabaseServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function startPrivateServer(ctx: TestContext): Promise<Started> {
  const log: Started['log'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void log.push(JSON.parse(line) as Started['log'][number]) });
  // No MONGO_URL on purpose: this is about a server the launcher starts and so looks after.
  const server = await startDatabaseServer({ logger, dataDir: '', ephemeral: true });
  started.push(server);
  if (server.kind !== 'ferretdb' && server.kind !== 'mongod') ctx.skip(`the launcher started ${server.kind}, which it does not restart`);
  return { server, log };
}

describe('a database server the launcher started, killed', () => {
  it('comes back on the same address with its data, and stop() then leaves no process', { timeout: 120_000 }, async (ctx) => {
    const { server, log } = await startPrivateServer(ctx);
    const connection = await mongoose.createConnection(server.uri, { dbName: 'restart' }).asPromise();
    try {
      const things = connection.db!.collection<{ _id: string; n: number }>('things');
      await things.insertOne({ _id: 'before', n: 1 });

      const first = server.pid();
      expect(first).toBeTypeOf('number');
      process.kill(first!, 'SIGKILL');
      expect(await eventually(() => !isAlive(first!))).toBe(true);

      // The same URI answers again: a new process, on the same host:port.
      expect(await eventually(() => answers(server.uri))).toBe(true);
      const second = server.pid();
      expect(second).toBeTypeOf('number');
      expect(second).not.toBe(first);

      // The same data directory: what was written before is there. Through the connection made
      // before the crash, which reconnects by itself.
      const kept = await eventually(async () => (await things.findOne({ _id: 'before' }).catch(() => null))?.n === 1);
      expect(kept).toBe(true);
      await things.insertOne({ _id: 'after', n: 2 });
      expect(await things.countDocuments()).toBe(2);

      const messages = log.map((l) => l.msg);
      expect(messages).toContain(`database stopped unexpectedly (signal SIGKILL): restarting on 127.0.0.1:${portOf(server.uri)}`);
      expect(messages).toContain('database back');

      await connection.close();
      await server.stop();
      expect(isAlive(second!)).toBe(false);
      expect(server.pid()).toBeNull();
      expect(await answers(server.uri)).toBe(false);
    } finally {
      await connection.close().catch(() => {});
    }
  });

  it('waits for its port when something else holds it for a while, then comes back there', { timeout: 120_000 }, async (ctx) => {
    const { server, log } = await startPrivateServer(ctx);
    const pid = server.pid()!;
    process.kill(pid, 'SIGKILL');
    const squatter = await occupy(portOf(server.uri));
    try {
      // Its restarts fail while the port is taken (at least one does: the first comes 0.2 s after
      // the exit, and the port was taken before that).
      expect(await eventually(() => log.some((l) => l.msg.startsWith('database did not start again')))).toBe(true);
      expect(isAlive(pid)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
    expect(await eventually(() => answers(server.uri))).toBe(true);
    // The launcher says so once its own check of the new process is done, which can come just after the port answers.
    expect(await eventually(() => log.some((l) => l.msg === 'database back'))).toBe(true);
  });

  it('stays stopped when stop() comes while it is restarting', async (ctx) => {
    const { server } = await startPrivateServer(ctx);
    const pid = server.pid()!;
    process.kill(pid, 'SIGKILL');
    expect(await eventually(() => !isAlive(pid))).toBe(true);
    await server.stop();
    expect(server.pid()).toBeNull();
    // Longer than the first restart delays: nothing starts again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.pid()).toBeNull();
    expect(await answers(server.uri)).toBe(false);
  });

  it('stays stopped when stop() comes while the new process is starting', async (ctx) => {
    const { server } = await startPrivateServer(ctx);
    const pid = server.pid()!;
    process.kill(pid, 'SIGKILL');
    // pid() names the new process as soon as it exists, before it answers.
    expect(await eventually(() => server.pid() !== null && server.pid() !== pid)).toBe(true);
    const next = server.pid()!;
    await server.stop();
    expect(isAlive(next)).toBe(false);
    expect(server.pid()).toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.pid()).toBeNull();
    expect(await answers(server.uri)).toBe(false);
  });
});
