/**
 * compose.yaml, the Dockerfile and HAProxy's configuration, checked as far as they can be without a
 * container engine: every deployable process is there, twice, with an environment its own
 * configuration schema accepts, on the port that schema gives it, health-checked on /health or
 * /ready, behind the proxy; the image builds in two stages and runs as a non-root user with
 * production dependencies only.
 */
import { readFileSync } from 'node:fs';
import { PROCESSES } from '@gigmart/stack';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOYABLE, portVariableOf, schemaOf, variablesOf, type Deployable } from './schemas.js';
import { repoPath } from './support.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const read = (file: string) => readFileSync(repoPath(file), 'utf8');
const compose = parse(read('compose.yaml'), { merge: true }) as ComposeFile;
const haproxy = read('infra/compose/haproxy.cfg');
const dockerfile = read('Dockerfile');
const entry = read('infra/docker/start.sh');

/** What compose substitutes from .env: `${NAME:?message}` needs a value, `${NAME:-default}` has one. */
const SAMPLE_ENV: Record<string, string> = { SERVICE_TOKEN: 'a-service-token-of-at-least-32-characters' };
function substitute(value: string | number | boolean): string {
  return String(value).replace(/\$\{([A-Z_]+)(?::([?-])([^}]*))?\}/g, (_m, name: string, kind?: string, rest?: string) => {
    const sample = SAMPLE_ENV[name];
    if (sample !== undefined) return sample;
    if (kind === '-') return rest ?? '';
    throw new Error(`compose.yaml needs ${name}, which this test has no sample value for`);
  });
}
const environmentOf = (name: Deployable) =>
  Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([k, v]) => [k, substitute(v)]));

describe('compose.yaml', () => {
  it.each(DEPLOYABLE)('runs %s: two replicas of the image, started with its name', (name) => {
    const service = compose.services[name];
    expect(service, `service ${name}`).toBeDefined();
    expect(service!.image).toBe('gigmart:latest');
    expect(service!.command).toEqual([name]);
    expect(service!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    // Only the proxy is published.
    expect(service!.ports).toBeUndefined();
  });

  it.each(DEPLOYABLE)('gives %s only variables its configuration schema knows, and values it accepts', (name) => {
    const environment = environmentOf(name);
    const known = variablesOf(name);
    expect(Object.keys(environment).filter((key) => !known.has(key))).toEqual([]);
    const parsed = schemaOf(name).safeParse(environment);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(environment['NODE_ENV']).toBe('production');
    expect(environment['HOST']).toBe('0.0.0.0');
    expect(environment['SERVICE_TOKEN']).toBe(SAMPLE_ENV['SERVICE_TOKEN']);
  });

  it.each(DEPLOYABLE)('health-checks %s on /ready or /health at the port its schema gives it', (name) => {
    const port = Number(environmentOf(name)[portVariableOf(name)] ?? PROCESSES[name].defaultPort);
    expect(port).toBe(PROCESSES[name].defaultPort);
    const test = compose.services[name]!.healthcheck?.test.join(' ') ?? '';
    const expected = name === 'gateway' ? '/health' : '/ready';
    expect(test).toContain(`http://127.0.0.1:${port}${expected}`);
  });

  it('uses a MongoDB replica set with retryable writes and majority write concern, a NATS cluster and Redis', () => {
    for (const name of ['mongo1', 'mongo2', 'mongo3']) expect(compose.services[name]?.command).toContain('--replSet');
    for (const name of ['nats1', 'nats2', 'nats3']) {
      const command = compose.services[name]?.command ?? [];
      expect(command).toContain('--jetstream');
      expect(command).toContain('--routes');
    }
    expect(compose.services['redis']).toBeDefined();
    for (const name of ['users', 'gigs', 'orders', 'inbox', 'media'] as const) {
      // mongodb://host1,host2,host3/?options: not a WHATWG URL (several hosts).
      const [, hosts, query] = /^mongodb:\/\/([^/]+)\/\?(.*)$/.exec(environmentOf(name)['MONGO_URL']!) ?? [];
      const options = new URLSearchParams(query);
      expect(options.get('replicaSet')).toBe('rs0');
      expect(options.get('retryWrites')).toBe('true');
      expect(options.get('w')).toBe('majority');
      expect(hosts?.split(',')).toHaveLength(3);
    }
    // Every process that publishes or consumes events: without it the inbox would miss the orders' events.
    for (const name of ['gigs', 'orders', 'inbox', 'gateway'] as const) expect(environmentOf(name)['NATS_URL']!.split(',')).toHaveLength(3);
    expect(environmentOf('gateway')['REDIS_URL']).toBe('redis://redis:6379');
  });

  it('reaches every service through the proxy, which balances two replicas of each and checks them', () => {
    expect(compose.services['proxy']?.ports).toEqual(['4000:4000']);
    const env = environmentOf('gateway');
    for (const name of DEPLOYABLE) {
      const port = PROCESSES[name].defaultPort;
      expect(haproxy).toMatch(new RegExp(`^\\s*bind :${port}$`, 'm'));
      expect(haproxy).toMatch(new RegExp(`^\\s*server-template ${name} 2 ${name}:${port} check`, 'm'));
      if (name !== 'gateway') expect(env[PROCESSES[name].urlVariable!]).toBe(`http://proxy:${port}`);
    }
    // Each backend is checked on /ready (the gateways on /health), and the probes are not public.
    expect(haproxy.match(/option httpchk GET \/ready/g)).toHaveLength(DEPLOYABLE.length - 1);
    expect(haproxy).toContain('option httpchk GET /health');
    expect(haproxy).toMatch(/http-request deny if \{ path_beg \/metrics \/health \/ready \}/);
  });
});

describe('the Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds in one stage and runs from a slim one as a non-root user', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS build/);
    expect(stages[1]).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS runtime/);
    expect(stages[1]).toMatch(/^USER node$/m);
    expect(stages[1]).not.toMatch(/^RUN npm (ci|install)/m);
    expect(stages[1]).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/gigmart"\]$/m);
  });

  it('keeps only the production dependencies of the deployable workspaces', () => {
    const prune = /npm ci --omit=dev[^\n]*\\\n([^\n]*)/.exec(dockerfile);
    expect(prune).not.toBeNull();
    const workspaces = [...prune![1]!.matchAll(/-w (\S+)/g)].map((m) => m[1]);
    expect(workspaces.sort()).toEqual(['shared', ...DEPLOYABLE.map((name) => PROCESSES[name].dir)].sort());
  });

  it('starts every deployable process by name, from its build', () => {
    for (const name of DEPLOYABLE) {
      expect(entry).toMatch(new RegExp(`\\b${name}\\b[^)]*\\)`));
      expect(dockerfile).toContain(`COPY --from=build /app/${PROCESSES[name].dir}/dist ${PROCESSES[name].dir}/dist`);
      const pkg = JSON.parse(read(`${PROCESSES[name].dir}/package.json`)) as { scripts: { start: string } };
      expect(pkg.scripts.start).toBe(`node ${PROCESSES[name].entry.build}`);
    }
    expect(entry).toContain('exec node /app/gateway/dist/main.js');
    expect(entry).toContain('exec node "/app/services/$service/dist/main.js"');
  });

  it('is built from a context without local state, dependencies or build output', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.data', '.git']) expect(ignored).toContain(entry);
  });
});
