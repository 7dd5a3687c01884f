/**
 * The marketplace's processes, in the one place that lists them: every way of starting the stack
 * (npm start, npm run dev, the tests, the benchmark, scripts/measure-propagation.ts) reads this.
 */

export const SUBGRAPH_NAMES = ['users', 'gigs', 'orders', 'inbox', 'media'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type ProcessName = SubgraphName | 'gateway' | 'web';

export interface ProcessDefinition {
  name: ProcessName;
  /** Its workspace, from the repository root (also the child's working directory). */
  dir: string;
  /** The environment variable that holds its port, and the port when it is unset. */
  portVariable: string;
  defaultPort: number;
  /** The environment variable through which the others find it (USERS_URL, ...), if they need to. */
  urlVariable?: string;
  /** Its entry point inside `dir`: run from source (with tsx) and from the build. */
  entry: { source: string; build: string };
  /** The path that answers 200 once it can serve. */
  readyPath: string;
}

const subgraph = (name: SubgraphName, defaultPort: number): ProcessDefinition => ({
  name,
  dir: `services/${name}`,
  portVariable: `${name.toUpperCase()}_PORT`,
  defaultPort,
  urlVariable: `${name.toUpperCase()}_URL`,
  entry: { source: 'src/main.ts', build: 'dist/main.js' },
  readyPath: '/ready',
});

/** Every process, in start order: the subgraphs (users first: the others read its JWKS), the gateway, the web client. */
export const PROCESSES: Readonly<Record<ProcessName, ProcessDefinition>> = {
  users: subgraph('users', 4001),
  gigs: subgraph('gigs', 4002),
  orders: subgraph('orders', 4003),
  inbox: subgraph('inbox', 4004),
  media: subgraph('media', 4005),
  gateway: {
    name: 'gateway',
    dir: 'gateway',
    portVariable: 'GATEWAY_PORT',
    defaultPort: 4000,
    urlVariable: 'GATEWAY_URL',
    entry: { source: 'src/main.ts', build: 'dist/main.js' },
    readyPath: '/ready',
  },
  web: {
    name: 'web',
    dir: 'clients/web',
    portVariable: 'WEB_PORT',
    defaultPort: 5173,
    // The links in notification mail (the inbox's WEB_URL).
    urlVariable: 'WEB_URL',
    // Plain JavaScript serving the client's build (clients/web/dist).
    entry: { source: 'server.mjs', build: 'server.mjs' },
    readyPath: '/',
  },
};

export const PROCESS_NAMES = Object.keys(PROCESSES) as ProcessName[];

export const localUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** The environment every process of a stack shares: where each of the others listens. */
export function addressEnv(ports: Partial<Record<ProcessName, number>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PROCESS_NAMES) {
    const port = ports[name];
    if (port === undefined) continue;
    env[PROCESSES[name].portVariable] = String(port);
    const urlVariable = PROCESSES[name].urlVariable;
    if (urlVariable) env[urlVariable] = localUrl(port);
  }
  return env;
}
