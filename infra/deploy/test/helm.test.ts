/**
 * The Helm chart (infra/helm/gigmart): `helm lint --strict` with each of its test value files
 * (infra/helm/gigmart/ci/*-values.yaml), and each rendering decoded strictly into the Kubernetes API
 * types (infra/helm/tools/validate), then checked against the repository: every process has its
 * Deployment, Service, autoscaler and disruption budget, is probed on /ready and /health at the port
 * its schema gives it, and is configured with variables its configuration schema knows and accepts;
 * the NetworkPolicy admits exactly the calls the services' code makes; the gateway serves the
 * composed supergraph from a ConfigMap.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeModules, gatewayEnvSchema, loadSubgraphSources } from '@gigmart/gateway';
import { PROCESSES, SUBGRAPH_NAMES } from '@gigmart/stack';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartDir, helmTools, type HelmTools } from './helm-tools.js';
import { DEPLOYABLE, schemaOf, variablesOf, type Deployable } from './schemas.js';
import { repoPath } from './support.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // The rest is read through the helpers below; the validator has checked the shapes.
  [key: string]: unknown;
}
interface Probe {
  httpGet: { path: string; port: string };
}
interface Container {
  name: string;
  args: string[];
  ports: Array<{ name: string; containerPort: number }>;
  envFrom: Array<{ configMapRef: { name: string } }>;
  env: Array<{ name: string; valueFrom: { secretKeyRef: { name: string; key: string; optional?: boolean } } }>;
  readinessProbe: Probe;
  livenessProbe: Probe;
  startupProbe: Probe;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface PodSpec {
  containers: Container[];
  volumes: Array<{
    name: string;
    configMap?: { name: string };
    secret?: { secretName: string; items?: Array<{ key: string; path: string }> };
  }>;
}
interface Peer {
  podSelector?: { matchLabels: Record<string, string> };
}

const VALUE_FILES = readdirSync(path.join(chartDir, 'ci'))
  .filter((f) => f.endsWith('-values.yaml'))
  .map((f) => f.replace(/-values\.yaml$/, ''))
  .sort();

/** What an existingSecret (production) would hold, to parse the configuration as a pod would see it. */
const SAMPLE_SECRET: Record<string, string> = {
  'mongo-url': 'mongodb://mongo-0.mongo,mongo-1.mongo,mongo-2.mongo/?replicaSet=rs0',
  'service-token': 'a-service-token-of-at-least-32-characters',
  'nats-url': 'nats://nats:4222',
  'redis-url': 'redis://redis:6379',
  'smtp-url': 'smtps://mailer:secret@smtp.example.com:465',
  's3-url': 'https://key:secret@s3.example.com/gigmart-files',
};

/**
 * services/media is being written (issue #20); until its configuration schema is in this
 * repository (schemas.ts), its pod and the MEDIA_URL the others get cannot be checked against one.
 */
const isDeployable = (name: string): name is Deployable => (DEPLOYABLE as readonly string[]).includes(name);

/**
 * Which subgraph calls which, read from the services' code: a service calls another when its
 * source (tests aside) uses that one's URL (`urls.gigs`, `config.GIGS_URL`, ...).
 */
function callsInCode(): Map<string, Set<string>> {
  const services = readdirSync(repoPath('services')).filter((name) => existsSync(repoPath('services', name, 'src')));
  const calls = new Map<string, Set<string>>();
  for (const caller of services) {
    const dir = repoPath('services', caller, 'src');
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const callees = new Set<string>();
    for (const callee of [...SUBGRAPH_NAMES, 'media']) {
      if (callee === caller) continue;
      if (new RegExp(`urls\\.${callee}\\b|\\b${callee.toUpperCase()}_URL\\b`).test(source)) callees.add(callee);
    }
    calls.set(caller, callees);
  }
  return calls;
}
/** Whether a process's code is in this repository (services/media is being written: issue #20). */
const inRepository = (name: string) => name === 'gateway' || existsSync(repoPath('services', name, 'src', 'main.ts'));

let tools: HelmTools;
let supergraphFile: string;
let supergraph: string;
const rendered = new Map<string, { text: string; manifests: Manifest[] }>();

/** Helm's default for a rendering without a cluster is 1.20; the chart needs 1.30 (a preStop sleep). */
const KUBE_VERSION = ['--kube-version', '1.34.0'];
const valuesArgs = (name: string) => [
  ...KUBE_VERSION,
  '-f',
  path.join(chartDir, 'ci', `${name}-values.yaml`),
  '--set-file',
  `gateway.supergraph=${supergraphFile}`,
];

async function render(name: string): Promise<{ text: string; manifests: Manifest[] }> {
  const text = await tools.helm(['template', 'gigmart', chartDir, '--namespace', 'shop', ...valuesArgs(name)]);
  const manifests = parseAllDocuments(text)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
  return { text, manifests };
}

beforeAll(async () => {
  tools = await helmTools();
  const composed = composeModules(await loadSubgraphSources(gatewayEnvSchema.parse({})));
  if (!composed.ok) throw new Error(`the subgraphs do not compose: ${composed.errors.join('; ')}`);
  supergraph = composed.supergraphSdl;
  supergraphFile = path.join(mkdtempSync(path.join(tmpdir(), 'gigmart-helm-')), 'supergraph.graphql');
  writeFileSync(supergraphFile, supergraph);
  for (const name of VALUE_FILES) rendered.set(name, await render(name));
});

describe('the Helm chart', () => {
  it('has value files for the defaults, production and a minimal deployment', () => {
    expect(VALUE_FILES).toEqual(expect.arrayContaining(['default', 'minimal', 'production']));
  });

  it.each(VALUE_FILES)('passes helm lint --strict with %s values', async (name) => {
    const output = await tools.helm(['lint', '--strict', chartDir, ...valuesArgs(name)]);
    expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it.each(VALUE_FILES)('renders with %s values into manifests that decode strictly into the Kubernetes API types', async (name) => {
    const { text, manifests } = rendered.get(name)!;
    const result = await tools.validate(text);
    expect(result.output.split('\n').filter((line) => !line.startsWith('ok ') && line !== '')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.output.split('\n').filter((line) => line.startsWith('ok '))).toHaveLength(manifests.length);
  });

  it('has a validator that refuses unknown fields, wrong types and unknown kinds', async () => {
    const deployment = (spec: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: x, image: x}]}\n${spec}`;
    expect((await tools.validate(deployment('  replicas: 2\n'))).ok).toBe(true);
    for (const bad of [
      deployment('  replica: 2\n'), // a misspelt field
      deployment('  replicas: two\n'), // a string for a number
      deployment('  replicas: 2\n  replicas: 3\n'), // a field twice
      'apiVersion: apps/v1\nkind: Deployments\nmetadata: {name: x}\n', // no such kind
      'apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: x}\n', // no such version
    ]) {
      const result = await tools.validate(bad);
      expect(result.ok, bad).toBe(false);
      expect(result.output).toMatch(/^INVALID/m);
    }
  });

  describe.each(VALUE_FILES)('rendered with %s values', (valuesName) => {
    const manifests = () => rendered.get(valuesName)!.manifests;
    const find = (kind: string, name: string) => manifests().find((m) => m.kind === kind && m.metadata.name === name);
    const podOf = (component: string) =>
      (find('Deployment', `gigmart-${component}`)?.['spec'] as { template: { spec: PodSpec } }).template.spec;
    const components = () =>
      manifests()
        .filter((m) => m.kind === 'Deployment')
        .map((m) => m.metadata.labels?.['app.kubernetes.io/component'] ?? '');
    const values = () =>
      parseAllDocuments(readFileSync(path.join(chartDir, 'ci', `${valuesName}-values.yaml`), 'utf8'))[0]!.toJS() as {
        existingSecret?: string;
        defaults?: { autoscaling?: { enabled?: boolean }; podDisruptionBudget?: { enabled?: boolean } };
        networkPolicy?: { enabled?: boolean };
        subgraphs?: { media?: { enabled?: boolean } };
      };

    /** What a pod's environment holds: its ConfigMap's data and the Secret's values it references. */
    function environmentOf(component: string): Record<string, string> {
      const container = podOf(component).containers[0]!;
      const environment: Record<string, string> = {};
      for (const source of container.envFrom) {
        Object.assign(environment, (find('ConfigMap', source.configMapRef.name)?.['data'] as Record<string, string> | undefined) ?? {});
      }
      const secret = manifests().find((m) => m.kind === 'Secret');
      for (const variable of container.env) {
        const ref = variable.valueFrom.secretKeyRef;
        const value = secret ? (secret['stringData'] as Record<string, string>)[ref.key] : SAMPLE_SECRET[ref.key];
        if (value === undefined && ref.optional) continue;
        expect(value, `${component}: ${variable.name} from the Secret's ${ref.key}`).toBeDefined();
        environment[variable.name] = value!;
      }
      return environment;
    }

    it('deploys every process of the repository, each with a Service, a ConfigMap, an autoscaler and a disruption budget', () => {
      const expected = DEPLOYABLE.filter((name) => name !== 'media' || values().subgraphs?.media?.enabled !== false);
      expect(components().sort()).toEqual([...expected].sort());
      const autoscaled = values().defaults?.autoscaling?.enabled !== false;
      const budgeted = values().defaults?.podDisruptionBudget?.enabled !== false;
      for (const name of expected) {
        expect(find('Service', `gigmart-${name}`), `Service ${name}`).toBeDefined();
        expect(find('ConfigMap', `gigmart-${name}`), `ConfigMap ${name}`).toBeDefined();
        expect(find('HorizontalPodAutoscaler', `gigmart-${name}`) !== undefined, `HPA ${name}`).toBe(autoscaled);
        expect(find('PodDisruptionBudget', `gigmart-${name}`) !== undefined, `PDB ${name}`).toBe(budgeted);
        // A fixed count only without an autoscaler (which would fight it).
        const spec = find('Deployment', `gigmart-${name}`)!['spec'] as { replicas?: number };
        expect(spec.replicas === undefined).toBe(autoscaled);
      }
    });

    it('runs each process from the image by name, on its port, probed on /ready and /health, with resources', () => {
      for (const name of components()) {
        if (!isDeployable(name)) throw new Error(`${name} is not a process of the repository`);
        const container = podOf(name).containers[0]!;
        expect(container.args).toEqual([name]);
        const port = PROCESSES[name].defaultPort;
        expect(container.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
        expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
        // The gateway's /ready needs every subgraph (values.yaml says why it is /health by default).
        expect(container.readinessProbe.httpGet).toEqual({ path: name === 'gateway' ? '/health' : '/ready', port: 'http' });
        expect(container.resources.requests?.['cpu']).toBeDefined();
        expect(container.resources.requests?.['memory']).toBeDefined();
        expect(container.resources.limits?.['memory']).toBeDefined();
        const service = find('Service', `gigmart-${name}`)!['spec'] as { ports: Array<{ port: number }> };
        expect(service.ports[0]!.port).toBe(port);
      }
    });

    it('configures each process only with variables its configuration schema knows, and values it accepts', () => {
      for (const name of components()) {
        const environment = environmentOf(name);
        if (!isDeployable(name)) throw new Error(`${name} is not a process of the repository`);
        const known = variablesOf(name);
        const unknown = Object.keys(environment).filter((key) => !known.has(key));
        expect(unknown, name).toEqual([]);
        const parsed = schemaOf(name).safeParse(environment);
        expect(parsed.error?.issues ?? [], name).toEqual([]);
        expect(environment['NODE_ENV']).toBe('production');
        expect(environment['HOST']).toBe('0.0.0.0');
        expect(environment[PROCESSES[name].portVariable]).toBe(String(PROCESSES[name].defaultPort));
        // The others are found through their Services.
        for (const other of SUBGRAPH_NAMES) {
          if (other !== name)
            expect(environment[PROCESSES[other].urlVariable!], `${name} finds ${other}`).toBe(
              `http://gigmart-${other}:${PROCESSES[other].defaultPort}`,
            );
        }
        if (name !== 'gateway') {
          expect(environment['MONGO_URL']).toMatch(/^mongodb:\/\//);
          expect(environment['GATEWAY_URL']).toBe('http://gigmart-gateway:4000');
        }
      }
    });

    it('keeps the database and bus URLs, the service token and the signing key in a Secret', () => {
      const secret = manifests().find((m) => m.kind === 'Secret');
      const existing = values().existingSecret;
      if (existing) {
        expect(secret).toBeUndefined();
      } else {
        const data = secret!['stringData'] as Record<string, string>;
        expect(data['service-token']!.length).toBeGreaterThanOrEqual(32);
        // Generated when not given: a P-256 key the users service can sign with.
        const key = createPrivateKey(data['jwt-private-key']!);
        expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      }
      const secretName = existing ?? 'gigmart-secrets';
      for (const name of components()) {
        const container = podOf(name).containers[0]!;
        for (const variable of container.env) expect(variable.valueFrom.secretKeyRef.name).toBe(secretName);
        const fromSecret = container.env.map((e) => e.name);
        expect(fromSecret).toContain('SERVICE_TOKEN');
        if (name !== 'gateway') expect(fromSecret).toContain('MONGO_URL');
        // No credential in a ConfigMap.
        const data = find('ConfigMap', `gigmart-${name}`)!['data'] as Record<string, string>;
        for (const key of ['SERVICE_TOKEN', 'MONGO_URL', 'NATS_URL', 'REDIS_URL', 'SMTP_URL', 'S3_URL']) expect(data[key]).toBeUndefined();
      }
      // The signing key is a file of the users pod, from the Secret.
      const users = podOf('users');
      const keyFile = environmentOf('users')['JWT_PRIVATE_KEY_FILE']!;
      const mount = users.containers[0]!.volumeMounts.find((m) => keyFile.startsWith(`${m.mountPath}/`))!;
      const volume = users.volumes.find((v) => v.name === mount.name)!;
      expect(volume.secret?.secretName).toBe(secretName);
      expect(volume.secret?.items).toEqual([{ key: 'jwt-private-key', path: path.basename(keyFile) }]);
    });

    it('gives the gateway the composed supergraph from a ConfigMap at SUPERGRAPH_PATH', () => {
      const file = environmentOf('gateway')['SUPERGRAPH_PATH']!;
      const gateway = podOf('gateway');
      const mount = gateway.containers[0]!.volumeMounts.find((m) => file === `${m.mountPath}/${path.basename(file)}`)!;
      const configMap = gateway.volumes.find((v) => v.name === mount.name)!.configMap!.name;
      const data = find('ConfigMap', configMap)!['data'] as Record<string, string>;
      expect(data[path.basename(file)]).toBe(supergraph.trimEnd());
      expect(supergraph).toContain('@join__graph(name: "inbox"');
    });

    it('lets only the gateway reach the subgraphs, besides the calls the services make to each other', () => {
      const policies = manifests().filter((m) => m.kind === 'NetworkPolicy');
      if (values().networkPolicy?.enabled === false) {
        expect(policies).toEqual([]);
        return;
      }
      const calls = callsInCode();
      for (const name of components()) {
        if (name === 'gateway') continue;
        const policy = find('NetworkPolicy', `gigmart-${name}`)!['spec'] as {
          podSelector: { matchLabels: Record<string, string> };
          policyTypes: string[];
          ingress: Array<{ from?: Peer[]; ports: Array<{ port: string }> }>;
        };
        expect(policy.podSelector.matchLabels['app.kubernetes.io/component']).toBe(name);
        expect(policy.policyTypes).toEqual(['Ingress']);
        // Every rule names its sources: nothing is open to all.
        for (const rule of policy.ingress) expect(rule.from?.length, `${name}: a rule without sources`).toBeGreaterThan(0);
        const admitted = new Set(
          policy.ingress.flatMap((rule) =>
            (rule.from ?? []).flatMap((peer) => (peer.podSelector ? [peer.podSelector.matchLabels['app.kubernetes.io/component']!] : [])),
          ),
        );
        const callers = [...calls].filter(([, callees]) => callees.has(name)).map(([caller]) => caller);
        if (inRepository(name)) {
          // A caller whose code is not here yet (media) cannot be checked against it.
          const checkable = [...admitted].filter(inRepository);
          expect(checkable.sort(), `who reaches ${name}`).toEqual(['gateway', ...callers].sort());
        } else {
          expect(admitted).toContain('gateway');
        }
      }
    });
  });

  it('refuses to render without a database URL or a supergraph, saying which value is missing', async () => {
    await expect(
      tools.helm(['template', 'gigmart', chartDir, ...KUBE_VERSION, '--set-file', `gateway.supergraph=${supergraphFile}`]),
    ).rejects.toThrow(/secrets\.mongoUrl .* or existingSecret is required/);
    await expect(tools.helm(['template', 'gigmart', chartDir, ...KUBE_VERSION, '--set', 'existingSecret=s'])).rejects.toThrow(
      /gateway\.supergraph is required/,
    );
  });
});
