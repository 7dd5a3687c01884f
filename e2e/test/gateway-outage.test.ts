import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, repoRoot, type HttpService, type StartedSubgraph } from '@gigmart/shared';
import { freePorts, graphqlRequest, TEST_SERVICE_TOKEN, testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import { startGigsService } from '@gigmart/gigs';
import { startOrdersService } from '@gigmart/orders';
import { startGateway, gatewayEnvSchema } from '@gigmart/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The users subgraph as its own process, started the way `npm run dev` starts it, so that the
 * test can kill it for real (SIGKILL: no graceful goodbye) and start it again on the same port.
 */
function startUsersProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', path.join('services', 'users', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"users listening"')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`users exited with ${code} before listening:\n${output.slice(-2000)}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Polls the gateway's readiness until it reports `status` (the gateway's own view, not a timer). */
async function readiness(gatewayUrl: string, status: number): Promise<{ status: number; body: Record<string, unknown> }> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${gatewayUrl}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status || attempt >= 100) return { status: response.status, body };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CROSS_SUBGRAPH = '{ categories { name } me { id } }';

describe('a subgraph outage', () => {
  let usersEnv: Record<string, string>;
  let users: ChildProcess;
  let gigs: StartedSubgraph<unknown>;
  let orders: StartedSubgraph<unknown>;
  let gateway: HttpService;
  let dataDir: string;

  beforeAll(async () => {
    const [usersPort, gigsPort, ordersPort] = (await freePorts(3)) as [number, number, number];
    const urls = { users: `http://127.0.0.1:${usersPort}`, gigs: `http://127.0.0.1:${gigsPort}`, orders: `http://127.0.0.1:${ordersPort}` };
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-outage-'));
    usersEnv = {
      MONGO_URL: testMongoUri(),
      USERS_PORT: String(usersPort),
      USERS_URL: urls.users,
      GIGS_URL: urls.gigs,
      ORDERS_URL: urls.orders,
      SERVICE_TOKEN: TEST_SERVICE_TOKEN,
      DATA_DIR: dataDir,
    };
    users = await startUsersProcess(usersEnv);
    const base = (name: string, port: number) => ({
      logger: testLogger,
      mongoUri: testMongoUri(),
      port,
      dbName: testDatabaseName(name),
      serviceToken: TEST_SERVICE_TOKEN,
      urls,
    });
    gigs = await startGigsService(base('gigs', gigsPort));
    orders = await startOrdersService(base('orders', ordersPort));
    const config = parseConfig(gatewayEnvSchema, { USERS_URL: urls.users, GIGS_URL: urls.gigs, ORDERS_URL: urls.orders, SUPERGRAPH_POLL_MS: '0' });
    gateway = await startGateway({ config, logger: testLogger, port: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([gigs?.stop(), orders?.stop()]);
    if (users) await kill(users);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the whole query while every subgraph is up', async () => {
    const res = await graphqlRequest<{ categories: unknown[]; me: null }>(`${gateway.url}/graphql`, CROSS_SUBGRAPH);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.length).toBeGreaterThan(0);
    expect((await readiness(gateway.url, 200)).status).toBe(200);
  });

  it('with users killed: the gigs part still answers, the users part is an error naming the service, no 500', async () => {
    await kill(users);
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CROSS_SUBGRAPH }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as { data: { categories: Array<{ name: string }>; me: null }; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.data.categories.map((c) => c.name)).toContain('Graphics & Design');
    expect(body.data.me).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toBe('The users service is unavailable.');
    expect(body.errors[0]!.extensions['code']).toBe('SERVICE_UNAVAILABLE');
    // Nothing about how the gateway reaches the subgraph leaks out.
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|localhost|fetch failed|stack/i);
    expect(text).not.toContain(usersEnv['USERS_PORT']!);
  });

  it('with users killed: /ready is 503 naming users while /health stays 200', async () => {
    const ready = await readiness(gateway.url, 503);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', notReady: ['users'] });
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });

  it('recovers without a restart once users is back', async () => {
    users = await startUsersProcess(usersEnv);
    expect((await readiness(gateway.url, 200)).status).toBe(200);
    const res = await graphqlRequest<{ categories: unknown[]; me: null }>(`${gateway.url}/graphql`, CROSS_SUBGRAPH);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.length).toBeGreaterThan(0);
    expect(res.data!.me).toBeNull();
  });
});
