/**
 * Gigmart as several (simulated) hosts on one machine: `instances` processes of every subgraph and
 * of the gateway, HAProxy (Debian's `haproxy`) in front of each group, a three-node NATS JetStream
 * cluster (three `nats-server` processes with their own ports and store folders) and the local
 * database. Each process is killed (SIGKILL) and started again on demand; HAProxy's view of each
 * instance is read from its stats socket.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectSocket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDatabaseServer, type DatabaseServer } from '@gigmart/devdb';
import { composeModules, gatewayEnvSchema, loadSubgraphSources } from '@gigmart/gateway';
import { createLogger, repoRoot } from '@gigmart/shared';
import { freePort, PROCESSES, SUBGRAPH_NAMES, type SubgraphName } from '@gigmart/stack';
import { connect as connectNats } from 'nats';

export type Group = SubgraphName | 'gateway';
export const GROUPS: readonly Group[] = [...SUBGRAPH_NAMES, 'gateway'];

/** The event stream every service shares (shared/src/events/nats.ts's default). */
const STREAM = 'GIGMART_EVENTS';

export interface ClusterOptions {
  /** Processes per group (default 2). */
  instances?: number;
  /** Where each process's output goes (a file per process under the run's folder when unset). */
  logDir?: string;
  say?: (line: string) => void;
}

interface Instance {
  group: Group;
  index: number;
  port: number;
  child: ChildProcess | null;
}

interface NatsNode {
  index: number;
  port: number;
  clusterPort: number;
  storeDir: string;
  child: ChildProcess | null;
}

export interface Cluster {
  /** The gateways' balancer: what clients use. */
  graphqlUrl: string;
  wsUrl: string;
  natsUrl: string;
  mongoUrl: string;
  dir: string;
  instances: number;
  kill(group: Group, index: number): void;
  start(group: Group, index: number): Promise<void>;
  killNats(index: number): void;
  startNats(index: number): Promise<void>;
  /** HAProxy's state of each server (`users1`: `UP`, `DOWN`, ...). */
  serverStates(): Promise<Record<string, string>>;
  /** Waits until HAProxy reports the instance in `state` (UP or DOWN). */
  waitForBalancer(group: Group, index: number, state: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export const serverName = (group: Group, index: number) => `${group}${index + 1}`;

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.instances ?? 2;
  const say = options.say ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'gigmart-cluster-'));
  const logDir = options.logDir ?? path.join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const children = new Set<ChildProcess>();
  const track = (child: ChildProcess, name: string) => {
    const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };

  let database: DatabaseServer | null = null;
  try {
    // The database: the local one, private to this run.
    database = await startDatabaseServer({ logger: createLogger('cluster-db', 'warn'), dataDir: path.join(dir, 'db'), ephemeral: true });
    say(`database: ${database.kind} at ${database.uri}`);

    // NATS: three nodes routed to each other, JetStream on each.
    const nats: NatsNode[] = [];
    for (let index = 0; index < 3; index += 1) {
      nats.push({
        index,
        port: await freePort(),
        clusterPort: await freePort(),
        storeDir: path.join(dir, `nats${index + 1}`),
        child: null,
      });
    }
    const startNats = async (index: number) => {
      const node = nats[index]!;
      const routes = nats.filter((n) => n !== node).map((n) => `nats://127.0.0.1:${n.clusterPort}`);
      node.child = track(
        spawn('nats-server', [
          '--name',
          `nats${index + 1}`,
          '-a',
          '127.0.0.1',
          '-p',
          String(node.port),
          '--jetstream',
          '--store_dir',
          node.storeDir,
          '--cluster_name',
          'gigmart',
          '--cluster',
          `nats://127.0.0.1:${node.clusterPort}`,
          '--routes',
          routes.join(','),
        ]),
        `nats${index + 1}`,
      );
      await until(
        () =>
          new Promise<boolean>((resolve) => {
            const socket = connectSocket(node.port, '127.0.0.1', () => {
              socket.destroy();
              resolve(true);
            });
            socket.on('error', () => resolve(false));
          }),
        `nats${index + 1}`,
        20_000,
      );
    };
    await Promise.all(nats.map((n) => startNats(n.index)));
    const natsUrl = nats.map((n) => `nats://127.0.0.1:${n.port}`).join(',');
    // JetStream answers once the three nodes have elected a meta leader: a probe stream, replicated, then gone.
    const nc = await connectNats({ servers: natsUrl });
    await until(
      async () => {
        const jsm = await nc.jetstreamManager({ timeout: 2000 });
        await jsm.streams.add({ name: 'CLUSTER_PROBE', subjects: ['cluster.probe'], num_replicas: 3 });
        await jsm.streams.delete('CLUSTER_PROBE');
        return true;
      },
      'a JetStream meta leader',
      60_000,
    );
    say(`nats: three nodes at ${natsUrl}, JetStream ready`);

    // Ports: one per instance, one per group's balancer.
    const frontends = {} as Record<Group, number>;
    for (const group of GROUPS) frontends[group] = await freePort();
    const instances: Instance[] = [];
    for (const group of GROUPS) {
      for (let index = 0; index < count; index += 1) instances.push({ group, index, port: await freePort(), child: null });
    }
    const statsSocket = path.join(dir, 'haproxy.sock');
    const balancer = (group: Group) => `http://127.0.0.1:${frontends[group]}`;

    // HAProxy: a frontend per group, its instances checked every half second (/ready; the gateways /health).
    const config = [
      'global',
      `  stats socket ${statsSocket} level admin`,
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 60s',
      '  timeout server 20s',
      '  timeout tunnel 1h',
      '  retries 3',
      '  option redispatch 1',
      // A request that never reached a server goes to another; one that may have (a POST) is not sent twice.
      '  retry-on conn-failure empty-response',
      ...GROUPS.flatMap((group) => [
        `frontend ${group}`,
        `  bind 127.0.0.1:${frontends[group]}`,
        `  default_backend ${group}`,
        `backend ${group}`,
        '  http-request disable-l7-retry if METH_POST',
        // Long-lived WebSockets spread evenly over the gateways.
        ...(group === 'gateway' ? ['  balance leastconn'] : []),
        `  option httpchk GET ${group === 'gateway' ? '/health' : '/ready'}`,
        // Every second; a check may take 2 s (two cores running ten processes and the database can
        // be slow to answer, which is no reason to take a healthy instance out); out after two failures.
        '  timeout check 2s',
        '  default-server check inter 1s fall 2 rise 2',
        ...instances.filter((i) => i.group === group).map((i) => `  server ${serverName(group, i.index)} 127.0.0.1:${i.port}`),
      ]),
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'haproxy.cfg'), config);
    execFileSync('haproxy', ['-c', '-q', '-f', path.join(dir, 'haproxy.cfg')]);
    track(spawn('haproxy', ['-db', '-f', path.join(dir, 'haproxy.cfg')]), 'haproxy');

    // What every process shares: the balancers' addresses, the database, the bus, one credential and one signing key.
    const keyFile = path.join(dir, 'jwt-private-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const composed = composeModules(await loadSubgraphSources(gatewayEnvSchema.parse({})));
    if (!composed.ok) throw new Error(`composition failed: ${composed.errors.join('; ')}`);
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    writeFileSync(supergraphFile, composed.supergraphSdl);
    const sharedEnv: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      MONGO_URL: database.uri,
      NATS_URL: natsUrl,
      SERVICE_TOKEN: randomBytes(24).toString('hex'),
      USERS_URL: balancer('users'),
      GIGS_URL: balancer('gigs'),
      ORDERS_URL: balancer('orders'),
      INBOX_URL: balancer('inbox'),
      MEDIA_URL: balancer('media'),
      GATEWAY_URL: balancer('gateway'),
    };
    const groupEnv: Record<Group, Record<string, string>> = {
      users: { JWT_PRIVATE_KEY_FILE: keyFile, SIGN_UP_LIMIT_PER_HOUR: '100000' },
      gigs: {},
      orders: {},
      inbox: {},
      // Its signed links name the balancer, so either instance serves them (one data folder on this one host).
      media: { MEDIA_PUBLIC_URL: balancer('media') },
      gateway: { GATEWAY_WORKERS: '1', SUPERGRAPH_PATH: supergraphFile, RATE_LIMIT_PER_MINUTE: '1000000', SUBGRAPH_TIMEOUT_MS: '10000' },
    };

    const instanceOf = (group: Group, index: number) => instances.find((i) => i.group === group && i.index === index)!;
    const startInstance = async (group: Group, index: number) => {
      const instance = instanceOf(group, index);
      const definition = PROCESSES[group];
      const child = track(
        spawn(process.execPath, ['--import', 'tsx', '--conditions=development', definition.entry.source], {
          cwd: path.join(repoRoot, definition.dir),
          env: { ...process.env, ...sharedEnv, ...groupEnv[group], [definition.portVariable]: String(instance.port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
        serverName(group, index),
      );
      instance.child = child;
      await until(
        async () => {
          if (child.exitCode !== null) throw new Error(`${serverName(group, index)} exited (see ${logDir})`);
          const response = await fetch(`http://127.0.0.1:${instance.port}${group === 'gateway' ? '/health' : '/ready'}`);
          return response.ok;
        },
        `${serverName(group, index)} ready`,
        180_000,
      );
    };
    // Users first (the others read its keys), then the rest of the subgraphs, then the gateways.
    await Promise.all(instances.filter((i) => i.group === 'users').map((i) => startInstance(i.group, i.index)));
    await Promise.all(instances.filter((i) => i.group !== 'users' && i.group !== 'gateway').map((i) => startInstance(i.group, i.index)));
    await Promise.all(instances.filter((i) => i.group === 'gateway').map((i) => startInstance(i.group, i.index)));

    const haproxyCommand = (command: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connectSocket(statsSocket);
        let out = '';
        socket.on('data', (chunk) => (out += chunk.toString()));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
        socket.write(`${command}\n`);
      });
    const serverStates = async () => {
      const csv = await haproxyCommand('show stat');
      const states: Record<string, string> = {};
      const lines = csv.split('\n').filter(Boolean);
      const header = lines[0]!.replace(/^# /, '').split(',');
      const [sv, status] = ['svname', 'status'].map((h) => header.indexOf(h));
      for (const line of lines.slice(1)) {
        const cells = line.split(',');
        if (cells[sv!] !== 'FRONTEND' && cells[sv!] !== 'BACKEND') states[cells[sv!]!] = `${cells[status!]}`.split(' ')[0]!;
      }
      return states;
    };
    const waitForBalancer = (group: Group, index: number, state: 'UP' | 'DOWN', timeoutMs = 30_000) =>
      until(
        async () => (await serverStates())[serverName(group, index)] === state,
        `${serverName(group, index)} ${state} at the balancer`,
        timeoutMs,
      );
    for (const instance of instances) await waitForBalancer(instance.group, instance.index, 'UP');
    // The services created the event stream: one copy on each node (shared/src/events/nats.ts), or a node's loss would stop it.
    const replicas = (await (await nc.jetstreamManager()).streams.info(STREAM)).config.num_replicas;
    await nc.close();
    if (replicas !== 3) throw new Error(`the services created ${STREAM} with ${replicas} replicas instead of 3`);
    say(`processes: ${count} of each of ${GROUPS.join(', ')}, behind HAProxy (gateways at ${balancer('gateway')})`);

    return {
      graphqlUrl: `${balancer('gateway')}/graphql`,
      wsUrl: `ws://127.0.0.1:${frontends.gateway}/graphql`,
      natsUrl,
      mongoUrl: database.uri,
      dir,
      instances: count,
      kill(group, index) {
        instanceOf(group, index).child?.kill('SIGKILL');
      },
      async start(group, index) {
        const child = instanceOf(group, index).child;
        if (child) await exited(child);
        await startInstance(group, index);
      },
      killNats(index) {
        nats[index]!.child?.kill('SIGKILL');
      },
      async startNats(index) {
        const child = nats[index]!.child;
        if (child) await exited(child);
        await startNats(index);
      },
      serverStates,
      waitForBalancer,
      async stop() {
        await stopAll(children, database, dir, options.logDir === undefined);
      },
    };
  } catch (error) {
    await stopAll(children, database, dir, false);
    throw error;
  }
}

async function stopAll(children: Set<ChildProcess>, database: DatabaseServer | null, dir: string, removeDir: boolean): Promise<void> {
  // Gateways and services first (SIGTERM: they drain), then NATS and HAProxy, then the database.
  const all = [...children];
  for (const child of all) child.kill('SIGTERM');
  await Promise.race([Promise.all(all.map(exited)), sleep(10_000)]);
  for (const child of all) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database?.stop();
  if (removeDir) rmSync(dir, { recursive: true, force: true });
}
