import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from '@gigmart/shared';

/**
 * The processes of a benchmark run, started as production starts them: each subgraph and our
 * gateway from its build (`node <workspace>/dist/main.js`, NODE_ENV=production), the peer gateway
 * from its npm CLI, every one on its own free port.
 */
export type ServiceName = 'users' | 'gigs' | 'orders';

export interface Ports {
  users: number;
  gigs: number;
  orders: number;
  gateway: number;
  peer: number;
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve, reject) => {
      const server = createServer();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export interface Process {
  name: string;
  child: ChildProcess;
  /** The last lines it wrote to stderr/stdout, for the error message when it fails. */
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, cwd = repoRoot): Process {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    child,
    output: () => tail,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `url` until it answers `ok(status, body)`, or fails with the process's last output. */
export async function waitUntil(proc: Process, url: string, init: RequestInit = {}, ok: (status: number, body: string) => boolean = (s) => s === 200, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      const res = await fetch(url, init);
      const body = await res.text();
      if (ok(res.status, body)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

export interface SubgraphEnv {
  ports: Ports;
  dataDir: string;
  /** Per service: the URI its process connects to (a counting proxy in front of the database). */
  mongoUrls: Record<ServiceName, string>;
  serviceToken: string;
  jwtKeyFile: string;
}

export function urlsOf(ports: Ports): Record<ServiceName, string> {
  return {
    users: `http://127.0.0.1:${ports.users}`,
    gigs: `http://127.0.0.1:${ports.gigs}`,
    orders: `http://127.0.0.1:${ports.orders}`,
  };
}

function commonEnv(env: SubgraphEnv): Record<string, string> {
  const urls = urlsOf(env.ports);
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: env.dataDir,
    SERVICE_TOKEN: env.serviceToken,
    USERS_URL: urls.users,
    GIGS_URL: urls.gigs,
    ORDERS_URL: urls.orders,
    USERS_PORT: String(env.ports.users),
    GIGS_PORT: String(env.ports.gigs),
    ORDERS_PORT: String(env.ports.orders),
  };
}

/** A fresh ES256 signing key for the users service (production refuses to run without one). */
export async function writeSigningKey(dir: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const file = path.join(dir, 'jwt-private.pem');
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

export function newServiceToken(): string {
  return randomBytes(32).toString('hex');
}

export async function startSubgraph(name: ServiceName, env: SubgraphEnv): Promise<Process> {
  const proc = startProcess(name, process.execPath, [path.join(repoRoot, 'services', name, 'dist/main.js')], {
    ...commonEnv(env),
    MONGO_URL: env.mongoUrls[name],
    ...(name === 'users' ? { JWT_PRIVATE_KEY_FILE: env.jwtKeyFile } : {}),
  });
  // Creating its indexes over an already written dataset can take a while.
  await waitUntil(proc, `${urlsOf(env.ports)[name]}/ready`, {}, (s) => s === 200, 300_000);
  return proc;
}

export async function composeSupergraph(env: SubgraphEnv, output: string): Promise<void> {
  const proc = startProcess('compose', process.execPath, ['--import', 'tsx', '--conditions=development', 'gateway/src/compose-main.ts', output], commonEnv(env));
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
  if (code !== 0) throw new Error(`composition failed:\n${proc.output()}`);
}

export async function startOurGateway(env: SubgraphEnv, supergraphPath: string, workers: number): Promise<Process> {
  const proc = startProcess('gateway', process.execPath, [path.join(repoRoot, 'gateway/dist/main.js')], {
    ...commonEnv(env),
    GATEWAY_PORT: String(env.ports.gateway),
    GATEWAY_WORKERS: String(workers),
    SUPERGRAPH_PATH: supergraphPath,
    SUPERGRAPH_POLL_MS: '0',
    // Every benchmark client is one address: the per-address limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  await waitUntil(proc, `http://127.0.0.1:${env.ports.gateway}/ready`);
  return proc;
}

export async function startPeerGateway(env: SubgraphEnv, supergraphPath: string, workers: number): Promise<Process> {
  const bin = path.join(repoRoot, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const config = path.join(repoRoot, 'bench/hive-gateway.config.mjs');
  const proc = startProcess(
    'hive-gateway',
    process.execPath,
    [bin, 'supergraph', supergraphPath, '--port', String(env.ports.peer), '--host', '127.0.0.1', '--config-path', config, '--fork', String(workers)],
    { NODE_ENV: 'production' },
    path.join(repoRoot, 'bench'),
  );
  await waitUntil(
    proc,
    `http://127.0.0.1:${env.ports.peer}/graphql`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
    (status) => status === 200,
  );
  return proc;
}
