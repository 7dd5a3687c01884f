import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import getPort from 'get-port';
import mongoose from 'mongoose';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';
import { ferretdbPatches, preparePatchedFerretdb } from './ferretdb-source.js';
import { ensureGoBinaries, findGo } from './go-build.js';
import { repoRoot } from './paths.js';

const { MongoClient } = mongoose.mongo;

/**
 * Finds or starts a MongoDB-compatible server, in the order the README gives:
 *   1. MONGO_URL, when set;
 *   2. a real `mongod` on this machine (PATH, MONGOMS_SYSTEM_BINARY, mongodb-memory-server's cache);
 *   3. our FerretDB build (infra/ferretdb), compiled with Go when missing or out of date;
 *   4. mongodb-memory-server's download, where the internet allows it.
 * and logs one line saying which it chose.
 */
export type DatabaseKind = 'external' | 'mongod' | 'ferretdb' | 'mongodb-memory-server';

export interface DatabaseServer {
  uri: string;
  kind: DatabaseKind;
  /** Whether this process started the server (and so stops it). */
  owned: boolean;
  /** The pid of the server process this launcher started and runs now; null when it started none. */
  pid(): number | null;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  logger: Logger;
  mongoUrl?: string | undefined;
  /** Directory for persistent data; the server keeps its files in a subfolder. */
  dataDir: string;
  /** Keep nothing on disk (tests): each call gets a fresh, private server. */
  ephemeral?: boolean;
  /**
   * Delays before each attempt to start again a server this launcher started that exited without
   * being asked to (the last one repeats); `defaultRestartDelaysMs` unless given (tests lengthen them
   * to keep an outage going).
   */
  restartDelaysMs?: readonly number[];
}

export const ferretdbSourceDir = path.join(repoRoot, 'infra/ferretdb');
const ferretdbBinary = path.join(ferretdbSourceDir, 'bin/gigmart-ferretdb');

export async function startDatabaseServer(options: LaunchOptions): Promise<DatabaseServer> {
  const { logger } = options;
  if (options.mongoUrl) {
    logger.info({ database: 'external', uri: redactUri(options.mongoUrl) }, 'database: using MONGO_URL');
    return { uri: options.mongoUrl, kind: 'external', owned: false, pid: () => null, stop: async () => {} };
  }

  const mongod = await findMongod();
  if (mongod) {
    const server = await startMongod(mongod, options);
    logger.info({ database: 'mongod', binary: mongod, uri: server.uri }, 'database: using the mongod found on this machine');
    return server;
  }

  const go = await findGo();
  if (go) {
    const server = await startFerretdb(go, options);
    logger.info(
      { database: 'ferretdb', uri: server.uri, reused: !server.owned },
      'database: using the FerretDB build (no MONGO_URL, no mongod on this machine)',
    );
    return server;
  }

  logger.info({ database: 'mongodb-memory-server' }, 'database: no MONGO_URL, mongod or Go here; trying mongodb-memory-server');
  return startMemoryServer(options);
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

// ---------------------------------------------------------------------------------------------
// Discovery

async function isExecutable(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    return s.isFile() && (s.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

async function onPath(name: string, extra: string[] = []): Promise<string | null> {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), ...extra].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function findMongod(): Promise<string | null> {
  const system = process.env['MONGOMS_SYSTEM_BINARY'];
  if (system && (await isExecutable(system))) return system;
  const fromPath = await onPath('mongod');
  if (fromPath) return fromPath;
  const cache = path.join(homedir(), '.cache/mongodb-binaries');
  try {
    for (const entry of await readdir(cache)) {
      if (entry.startsWith('mongod') && (await isExecutable(path.join(cache, entry)))) return path.join(cache, entry);
    }
  } catch {
    // no cache
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Child processes

class ServerExitedError extends Error {}

/** Pings `uri` until it answers (every 200 ms, for `timeoutMs` at most), unless `child` exits first. */
async function waitForPing(uri: string, child: ChildProcess | null, timeoutMs = 30_000): Promise<void> {
  const ping = async () => {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new AbortError(new ServerExitedError(`database server exited with code ${child.exitCode ?? child.signalCode}`));
    }
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, directConnection: true });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
    } finally {
      await client.close().catch(() => {});
    }
  };
  try {
    await pRetry(ping, { retries: Number.POSITIVE_INFINITY, factor: 1, minTimeout: 200, maxRetryTime: timeoutMs });
  } catch (error) {
    if (error instanceof ServerExitedError) throw error;
    throw new Error(`database server did not answer within ${timeoutMs} ms: ${String(error)}`, { cause: error });
  }
}

function stopChild(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------
// Restarting a server that died

/** 0.2 s, 0.5 s, 1 s, 2 s, then every 5 s: quick after a one-off crash, calm when it keeps failing. */
export const defaultRestartDelaysMs: readonly number[] = [200, 500, 1000, 2000, 5000];
/** A server that stayed up this long starts over from the first delay when it dies again. */
const stableAfterMs = 10_000;

interface Supervised {
  /** The pid of the server process running now (or being started again); null when none runs. */
  pid(): number | null;
  /** Stops it for good, also while it is being started again. */
  stop(): Promise<void>;
}

interface SuperviseOptions {
  logger: Logger;
  /** host:port, where it is started again. */
  address: string;
  delaysMs: readonly number[];
  /**
   * Starts the server again at `address`, resolving once it answers and rejecting (with the process
   * stopped) when it cannot; hands the process to `spawned` as soon as it exists, so that stop() can
   * end it mid-start.
   */
  relaunch: (spawned: (child: ChildProcess) => void) => Promise<ChildProcess>;
  /** After each successful restart (e.g. to record the new pid). */
  restarted?: (child: ChildProcess) => Promise<void>;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Watches a server process this launcher started: when it exits without stop() having been called
 * (a crash, kill -9, the OOM killer), starts it again on the same address, which the services keep
 * in their MONGO_URL and reconnect to by themselves, after the delays in `delaysMs`, for as long as
 * it takes (e.g. while another process briefly holds the port). One log line when it stops, one
 * when it is back, one per failed attempt.
 */
function supervise(first: ChildProcess, options: SuperviseOptions): Supervised {
  const { logger, address } = options;
  let current: ChildProcess = first;
  let stopping = false;
  /** Unexpected exits since the server last stayed up for `stableAfterMs`: where the delays resume. */
  let crashes = 0;
  let restarting: Promise<void> | null = null;
  const stopSleeping = new AbortController();

  const delayFor = (n: number) => options.delaysMs[Math.min(n, options.delaysMs.length - 1)] ?? 1000;

  const restart = async (): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sleep(delayFor(crashes), undefined, { signal: stopSleeping.signal });
      } catch {
        return; // stop() came while waiting
      }
      crashes += 1;
      if (stopping) return;
      try {
        const child = await options.relaunch((spawned) => {
          current = spawned;
        });
        if (stopping) return; // stop() ends `current`, which is this child
        watch(child);
        // It runs and is watched whatever happens here: a failure to record it is no failed start.
        await options
          .restarted?.(child)
          .catch((error: unknown) => logger.warn({ err: error }, 'database: recording the restarted server failed'));
        logger.info({ address, serverPid: child.pid, attempts: attempt }, 'database back');
        return;
      } catch (error) {
        if (stopping) return;
        logger.warn(
          { address, attempt, retryInMs: delayFor(crashes) },
          `database did not start again on ${address} (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  const exited = (child: ChildProcess, since: number) => {
    if (stopping || child !== current) return;
    if (Date.now() - since >= stableAfterMs) crashes = 0;
    const how = child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
    logger.warn(
      { address, serverPid: child.pid, code: child.exitCode, signal: child.signalCode },
      `database stopped unexpectedly (${how}): restarting on ${address}`,
    );
    restarting = restart().finally(() => {
      restarting = null;
    });
  };

  function watch(child: ChildProcess): void {
    const since = Date.now();
    if (hasExited(child)) queueMicrotask(() => exited(child, since));
    else child.once('exit', () => exited(child, since));
  }
  watch(first);

  return {
    pid: () => (stopping || hasExited(current) ? null : (current.pid ?? null)),
    stop: async () => {
      stopping = true;
      stopSleeping.abort();
      await stopChild(current);
      await restarting;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// mongod

async function startMongod(binary: string, options: LaunchOptions): Promise<DatabaseServer> {
  const dbPath = options.ephemeral ? await mkdtempIn(tmpdir(), 'gigmart-mongod-') : path.resolve(options.dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const port = await getPort({ host: '127.0.0.1' });
  const uri = `mongodb://127.0.0.1:${port}/`;
  const launch = async (spawned?: (child: ChildProcess) => void): Promise<ChildProcess> => {
    const child = spawn(binary, ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    spawned?.(child);
    try {
      await waitForPing(uri, child);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
    return child;
  };
  const server = supervise(await launch(), {
    logger: options.logger,
    address: `127.0.0.1:${port}`,
    delaysMs: options.restartDelaysMs ?? defaultRestartDelaysMs,
    relaunch: launch,
  });
  return {
    uri,
    kind: 'mongod',
    owned: true,
    pid: () => server.pid(),
    stop: async () => {
      await server.stop();
      if (options.ephemeral) await rm(dbPath, { recursive: true, force: true });
    },
  };
}

function mkdtempIn(dir: string, prefix: string): Promise<string> {
  return mkdtemp(path.join(dir, prefix));
}

// ---------------------------------------------------------------------------------------------
// FerretDB

/** Builds the FerretDB binary unless an up-to-date one exists; safe to call from several processes. */
export async function ensureFerretdbBinary(logger: Logger, go?: string): Promise<string> {
  const goFiles = (await readdir(ferretdbSourceDir)).filter((f) => f.endsWith('.go')).sort();
  const [binary] = await ensureGoBinaries({
    moduleDir: ferretdbSourceDir,
    binaries: [{ path: ferretdbBinary, pkg: '.' }],
    inputs: [...goFiles.map((f) => path.join(ferretdbSourceDir, f)), ...(await ferretdbPatches(ferretdbSourceDir))],
    prepare: (goBin) => preparePatchedFerretdb(goBin, ferretdbSourceDir),
    label: 'the local database (infra/ferretdb)',
    logger,
    go,
  });
  return binary!;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface ServerRecord {
  /** The FerretDB process. */
  pid: number;
  uri: string;
  /** The process that started it and restarts it when it dies (absent in records of older launchers). */
  launcher?: number;
}

/** How long a second launcher waits for a server whose owner is restarting it. */
const ownerRestartWaitMs = 30_000;

/**
 * The server another process runs on this data directory, if any (e.g. `npm start` while a service
 * runs alone in dev mode): two processes must never open the same SQLite files.
 */
async function reusableServer(recordFile: string, logger: Logger): Promise<string | null> {
  if (!existsSync(recordFile)) return null;
  const record = JSON.parse(await readFile(recordFile, 'utf8')) as ServerRecord;
  if (isAlive(record.pid)) {
    try {
      await waitForPing(record.uri, null, 3000);
      return record.uri;
    } catch {
      // a stale record whose pid was reused: start our own
    }
  }
  const owner = record.launcher;
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    // Its server died and the process that started it is restarting it, on the same address.
    logger.info(
      { owner, uri: record.uri },
      `database: the server of this data directory is being restarted by process ${owner}; waiting for it`,
    );
    try {
      await waitForPing(record.uri, null, ownerRestartWaitMs);
      return record.uri;
    } catch {
      throw new Error(
        `the database of ${path.dirname(recordFile)} belongs to process ${owner}, which has not brought it back within ` +
          `${ownerRestartWaitMs / 1000} s; stop that process (or, if it is no Gigmart process, delete ${recordFile})`,
      );
    }
  }
  return null;
}

/** The last bytes a process wrote to stderr (which still goes to ours), to say why it failed. */
function stderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString()).slice(-1000);
  });
  return () => tail.trim().split('\n').at(-1) ?? '';
}

/**
 * Starts our FerretDB build on `listen` (host:port; port 0 picks a free one) and resolves with its
 * URI once it answers; rejects, with the process stopped, when it cannot (e.g. the port is taken).
 */
async function launchFerretdb(
  binary: string,
  dataDir: string,
  listen: string,
  spawned?: (child: ChildProcess) => void,
): Promise<{ child: ChildProcess; uri: string }> {
  const args = ['-listen', listen, '-exit-on-stdin-close', '-log-level', 'error', '-data-dir', dataDir];
  // In a process group of its own, so that Ctrl-C in a terminal reaches the processes using the
  // database and not the database itself: they shut down (closing their connections) before the
  // one that started it stops it. It still never outlives that process: it exits when its stdin,
  // our pipe, closes.
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  spawned?.(child);
  const lastError = stderrTail(child);
  try {
    const uri = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      // 'close' rather than 'exit': by then its last words on stderr have been read.
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        const why = lastError();
        reject(
          new ServerExitedError(
            `FerretDB exited (${signal ? `signal ${signal}` : `code ${code}`}) before it was ready${why ? `: ${why}` : ''}`,
          ),
        );
      };
      child.once('close', onExit);
      child.once('error', reject);
      lines.on('line', (line) => {
        const match = /^READY (\S+)/.exec(line);
        if (match) {
          child.off('close', onExit);
          resolve(match[1]!);
        }
      });
    });
    await waitForPing(uri, child);
    return { child, uri };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function startFerretdb(go: string, options: LaunchOptions): Promise<DatabaseServer> {
  const binary = await ensureFerretdbBinary(options.logger, go);
  // Ephemeral servers use a temporary directory, not SQLite's memory mode: in memory mode an
  // update of an existing document can stall on SQLite's shared-cache table lock.
  const dataDir = options.ephemeral ? await mkdtempIn(tmpdir(), 'gigmart-ferretdb-') : path.resolve(options.dataDir, 'ferretdb');
  const recordFile = options.ephemeral ? null : path.join(dataDir, 'server.json');

  const reused = recordFile ? await reusableServer(recordFile, options.logger) : null;
  // Its owner looks after it (and restarts it when it dies).
  if (reused) return { uri: reused, kind: 'ferretdb', owned: false, pid: () => null, stop: async () => {} };

  await mkdir(dataDir, { recursive: true });
  const { child, uri } = await launchFerretdb(binary, dataDir, '127.0.0.1:0');
  const record = async (server: ChildProcess) => {
    if (recordFile)
      await writeFile(recordFile, JSON.stringify({ pid: server.pid ?? 0, uri, launcher: process.pid } satisfies ServerRecord));
  };
  await record(child);

  // Started again on the same address and data directory, so that the services' MONGO_URL stays right.
  const address = new URL(uri).host;
  const server = supervise(child, {
    logger: options.logger,
    address,
    delaysMs: options.restartDelaysMs ?? defaultRestartDelaysMs,
    relaunch: async (spawned) => {
      const restarted = await launchFerretdb(binary, dataDir, address, spawned);
      if (restarted.uri !== uri) {
        await stopChild(restarted.child);
        throw new Error(`FerretDB came back at ${restarted.uri}, not ${uri}`);
      }
      return restarted.child;
    },
    restarted: record,
  });

  return {
    uri,
    kind: 'ferretdb',
    owned: true,
    pid: () => server.pid(),
    stop: async () => {
      await server.stop();
      if (recordFile) await rm(recordFile, { force: true });
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// mongodb-memory-server (downloads mongod; works only where the internet allows it)

async function startMemoryServer(options: LaunchOptions): Promise<DatabaseServer> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = options.ephemeral ? undefined : path.resolve(options.dataDir, 'mongod');
  if (dbPath) await mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', ...(dbPath ? { dbPath, storageEngine: 'wiredTiger' as const } : {}) },
  });
  return {
    uri: server.getUri(),
    kind: 'mongodb-memory-server',
    owned: true,
    pid: () => server.instanceInfo?.instance.mongodProcess?.pid ?? null,
    stop: async () => {
      await server.stop({ doCleanup: options.ephemeral ?? false });
    },
  };
}
