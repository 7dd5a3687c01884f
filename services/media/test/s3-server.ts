import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * A real S3-compatible server for the S3 store's tests: versitygw (Apache-2.0), built from the Go
 * module proxy at the version pinned here, the way infra/devdb builds the database: only when the
 * binary is missing or of another version, into services/media/.s3gw/ (ignored by git). Its first
 * build takes about 90 s on a cold Go cache.
 */
export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw';
export const VERSITYGW_VERSION = 'v1.8.0';

const execFileAsync = promisify(execFile);
const binDir = fileURLToPath(new URL('../.s3gw/bin', import.meta.url));
const binary = path.join(binDir, 'versitygw');
const stamp = path.join(binDir, 'versitygw.version');

/** The path of the pinned versitygw, built first when missing or out of date. */
export async function versitygwBinary(): Promise<string> {
  const built = await readFile(stamp, 'utf8').catch(() => '');
  if (
    built.trim() === VERSITYGW_VERSION &&
    (await access(binary).then(
      () => true,
      () => false,
    ))
  )
    return binary;
  await mkdir(binDir, { recursive: true });
  // Into a folder of its own, then renamed: a build that stops half-way leaves nothing that looks done.
  const buildDir = await mkdtemp(path.join(binDir, 'build-'));
  try {
    await execFileAsync('go', ['install', `${VERSITYGW_MODULE}@${VERSITYGW_VERSION}`], {
      env: { ...process.env, GOBIN: buildDir, GOFLAGS: '' },
      cwd: tmpdir(),
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(path.join(buildDir, 'versitygw'), binary);
    await writeFile(stamp, `${VERSITYGW_VERSION}\n`);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
  return binary;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface S3TestServer {
  /** S3_URL for the media service: credentials and a bucket on this server. */
  s3Url(bucket: string): string;
  endpoint: string;
  /** Stops the server (an outage); `start` brings it back on the same port and folder. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

export async function startS3TestServer(): Promise<S3TestServer> {
  const bin = await versitygwBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'gigmart-s3-'));
  const sidecar = await mkdtemp(path.join(tmpdir(), 'gigmart-s3-meta-'));
  const port = await freePort();
  const access = 'gigmart-test-' + randomBytes(4).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    // Metadata in a side folder: the test machine's temporary folder may not keep extended attributes.
    child = spawn(bin, ['--access', access, '--secret', secret, '--port', `127.0.0.1:${port}`, 'posix', '--sidecar', sidecar, dir], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`versitygw exited with ${child.exitCode}`);
      try {
        // Unsigned requests get 403, as from S3: it is up.
        await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('versitygw did not start within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    endpoint,
    s3Url: (bucket) => `http://${access}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${bucket}`,
    stop,
    start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
      await rm(sidecar, { recursive: true, force: true });
    },
  };
}
