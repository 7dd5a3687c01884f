import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile, rename } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import getPort from 'get-port';
import mongoose from 'mongoose';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';
import lockfile from 'proper-lockfile';
import { ferretdbPatches, preparePatchedFerretdb } from './ferretdb-source.js';
import { repoRoot } from './paths.js';

const execFileAsync = promisify(execFile);
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

async function findGo(): Promise<string | null> {
  return onPath('go', ['/usr/local/go/bin', path.join(homedir(), 'go/bin')]);
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
    throw new Error(`database server did not answer within ${timeoutMs} ms: ${String(error)}`);
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

async function startMongod(binary: string, options: LaunchOptions): Promise<DatabaseServer> {
  const dbPath = options.ephemeral
    ? await mkdtempIn(tmpdir(), 'gigmart-mongod-')
    : path.resolve(options.dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const port = await getPort({ host: '127.0.0.1' });
  const child = spawn(binary, ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitForPing(uri, child);
  return {
    uri,
    kind: 'mongod',
    owned: true,
    pid: () => child.pid ?? null,
    stop: async () => {
      await stopChild(child);
      if (options.ephemeral) await rm(dbPath, { recursive: true, force: true });
    },
  };
}

function mkdtempIn(dir: string, prefix: string): Promise<string> {
  return mkdtemp(path.join(dir, prefix));
}

// ---------------------------------------------------------------------------------------------
// FerretDB

/** A digest of everything the binary is built from, so an edited .go file, go.mod or patch rebuilds it. */
async function sourceDigest(go: string): Promise<string> {
  const hash = createHash('sha256');
  const goFiles = (await readdir(ferretdbSourceDir)).filter((f) => f.endsWith('.go')).sort();
  const files = ['go.mod', 'go.sum', ...goFiles].map((f) => path.join(ferretdbSourceDir, f));
  for (const file of [...files, ...(await ferretdbPatches(ferretdbSourceDir))]) {
    hash.update(path.relative(ferretdbSourceDir, file)).update(await readFile(file));
  }
  const { stdout } = await execFileAsync(go, ['version']);
  hash.update(stdout);
  return hash.digest('hex');
}

/** Builds the FerretDB binary unless an up-to-date one exists; safe to call from several processes. */
export async function ensureFerretdbBinary(logger: Logger, go?: string): Promise<string> {
  const goBin = go ?? (await findGo());
  if (!goBin) throw new Error('Go is needed to build the local database (infra/ferretdb) and was not found');
  const stampFile = `${ferretdbBinary}.sha256`;
  const digest = await sourceDigest(goBin);
  const upToDate = async () =>
    existsSync(ferretdbBinary) && (await readFile(stampFile, 'utf8').catch(() => '')) === digest;
  if (await upToDate()) return ferretdbBinary;

  await mkdir(path.dirname(ferretdbBinary), { recursive: true });
  const release = await lockBuild(logger);
  try {
    if (await upToDate()) return ferretdbBinary; // another process built it while we waited
    logger.info('database: building infra/ferretdb with Go (the first build takes a minute or two)');
    const started = Date.now();
    const tmp = `${ferretdbBinary}.${process.pid}.tmp`;
    await preparePatchedFerretdb(goBin, ferretdbSourceDir);
    await execFileAsync(goBin, ['build', '-trimpath', '-o', tmp, '.'], {
      cwd: ferretdbSourceDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(tmp, ferretdbBinary);
    await writeFile(stampFile, digest);
    logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'database: FerretDB built');
  } finally {
    await release().catch((error: unknown) => logger.warn({ err: error }, 'database: releasing the build lock failed'));
  }
  return ferretdbBinary;
}

/** How long a process waits for another's build (the first takes a minute or two; a cold Go cache more). */
const buildWaitMs = 15 * 60_000;
/** A lock whose holder stopped refreshing it (a process that died) is taken over after this long. */
const staleLockMs = 20_000;

/**
 * The build lock (`bin/gigmart-ferretdb.lock`, proper-lockfile): concurrent builds (npm test's
 * workspaces, services started together) wait for the one building. The holder refreshes the lock
 * while it builds; the lock of a process that died goes stale and is taken over.
 */
function lockBuild(logger: Logger): Promise<() => Promise<void>> {
  const waitStepMs = 1000;
  return lockfile.lock(ferretdbBinary, {
    realpath: false, // the binary need not exist yet
    stale: staleLockMs,
    update: staleLockMs / 4,
    retries: { retries: buildWaitMs / waitStepMs, factor: 1, minTimeout: waitStepMs, maxTimeout: waitStepMs },
    // The default throws from a timer, killing the process. The lock is lost only when this process
    // stalled for longer than staleLockMs (another may then build beside it): say so and go on.
    onCompromised: (error) => logger.warn({ err: error }, 'database: the build lock was lost'),
  });
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
  pid: number;
  uri: string;
}

async function startFerretdb(go: string, options: LaunchOptions): Promise<DatabaseServer> {
  const binary = await ensureFerretdbBinary(options.logger, go);
  // Ephemeral servers use a temporary directory, not SQLite's memory mode: in memory mode an
  // update of an existing document can stall on SQLite's shared-cache table lock.
  const dataDir = options.ephemeral ? await mkdtempIn(tmpdir(), 'gigmart-ferretdb-') : path.resolve(options.dataDir, 'ferretdb');
  const recordFile = options.ephemeral ? null : path.join(dataDir, 'server.json');

  // Two processes must never open the same SQLite files: reuse a server another process runs on
  // this data directory (e.g. `npm start` while a service runs alone in dev mode).
  if (recordFile && existsSync(recordFile)) {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as ServerRecord;
    if (isAlive(record.pid)) {
      try {
        await waitForPing(record.uri, null, 3000);
        return { uri: record.uri, kind: 'ferretdb', owned: false, pid: () => null, stop: async () => {} };
      } catch {
        // a stale record whose pid was reused: start our own
      }
    }
  }

  await mkdir(dataDir, { recursive: true });
  const args = ['-listen', '127.0.0.1:0', '-exit-on-stdin-close', '-log-level', 'error', '-data-dir', dataDir];
  // In a process group of its own, so that Ctrl-C in a terminal reaches the processes using the
  // database and not the database itself: they shut down (closing their connections) before the
  // one that started it stops it. It still never outlives that process: it exits when its stdin,
  // our pipe, closes.
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  const uri = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`FerretDB exited with code ${code} before it was ready`));
    child.once('exit', onExit);
    child.once('error', reject);
    lines.on('line', (line) => {
      const match = /^READY (\S+)/.exec(line);
      if (match) {
        child.off('exit', onExit);
        resolve(match[1]!);
      }
    });
  });
  await waitForPing(uri, child);
  if (recordFile) await writeFile(recordFile, JSON.stringify({ pid: child.pid ?? 0, uri } satisfies ServerRecord));

  return {
    uri,
    kind: 'ferretdb',
    owned: true,
    pid: () => child.pid ?? null,
    stop: async () => {
      await stopChild(child);
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
