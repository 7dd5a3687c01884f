import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, type AccessTokenVerifier, type HttpService, type ServiceOptions, type StartedSubgraph } from '@gigmart/shared';
import { freePorts, TEST_SERVICE_TOKEN, testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import { startGigsService, type GigsServiceOptions } from '@gigmart/gigs';
import { startOrdersService, type OrdersServiceOptions } from '@gigmart/orders';
import { startUsersService } from '@gigmart/users';
import { startGateway } from '../src/app.js';
import { gatewayEnvSchema } from '../src/config.js';

export interface TestStack {
  gatewayUrl: string;
  graphqlUrl: string;
  urls: ServiceOptions['urls'];
  services: { users: StartedSubgraph<unknown>; gigs: StartedSubgraph<unknown>; orders: StartedSubgraph<unknown> };
  gateway: HttpService;
  /** With `countSubgraphCalls`: GraphQL requests the gateway sent to each subgraph since the last reset. */
  subgraphCalls?: SubgraphCallCounter;
  /** Stops one subgraph (an outage); `services[name]` keeps the stopped instance until started again. */
  stopService(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its old port with its old options and database; updates `services[name]`. */
  startService(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export type SubgraphName = 'users' | 'gigs' | 'orders';

export interface SubgraphCallCounter {
  counts(): Record<SubgraphName, number>;
  total(): number;
  /** TCP connections the gateway opened to each subgraph since the last reset (keep-alive reuses them). */
  connections(): Record<SubgraphName, number>;
  /** The headers of the last GraphQL request a subgraph received through the proxy. */
  lastHeaders(name: SubgraphName): Record<string, string | string[] | undefined> | undefined;
  reset(): void;
}

export interface TestStackOptions {
  /** Gateway settings, as environment variables. */
  gatewayEnv?: Record<string, string>;
  /** Overrides for every service's options (e.g. a clock). */
  serviceOptions?: Partial<ServiceOptions>;
  /** Routes the gateway through a counting HTTP proxy to each subgraph (see `subgraphCalls`). */
  countSubgraphCalls?: boolean;
  /** The gateway's token verifier (default: the users service's JWKS). */
  verifyAccessToken?: AccessTokenVerifier;
  /** Service-specific options on top of the common ones (e.g. `events` with a NATS URL). */
  gigsOptions?: Partial<GigsServiceOptions>;
  ordersOptions?: Partial<OrdersServiceOptions>;
}

/**
 * A plain HTTP proxy in front of a subgraph that counts the GraphQL requests passing through:
 * what the gateway really sent over the wire, seen from outside the gateway.
 */
async function countingProxy(
  target: string,
  onGraphQL: (headers: Record<string, string | string[] | undefined>) => void,
  onConnection: () => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/graphql')) onGraphQL({ ...req.headers });
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(forward);
  });
  server.on('connection', onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The whole marketplace in this process, on free ports and fresh databases of the run's real
 * database server, reached over real HTTP through the gateway.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const [usersPort, gigsPort, ordersPort] = (await freePorts(3)) as [number, number, number];
  const urls = {
    users: `http://127.0.0.1:${usersPort}`,
    gigs: `http://127.0.0.1:${gigsPort}`,
    orders: `http://127.0.0.1:${ordersPort}`,
  };
  const base = (name: string, port: number): ServiceOptions => ({
    logger: testLogger,
    mongoUri: testMongoUri(),
    port,
    dbName: testDatabaseName(name),
    serviceToken: TEST_SERVICE_TOKEN,
    urls,
    ...options.serviceOptions,
  });
  // Built once: a restarted service gets its old port and database back.
  const serviceOptions = { users: base('users', usersPort), gigs: base('gigs', gigsPort), orders: base('orders', ordersPort) };
  const starters: Record<SubgraphName, () => Promise<StartedSubgraph<unknown>>> = {
    users: () => startUsersService(serviceOptions.users),
    gigs: () => startGigsService({ ...serviceOptions.gigs, ...options.gigsOptions }),
    orders: () => startOrdersService({ ...serviceOptions.orders, ...options.ordersOptions }),
  };
  const users = await starters.users();
  const gigs = await starters.gigs();
  const orders = await starters.orders();
  const services: TestStack['services'] = { users, gigs, orders };
  const stopped = new Set<SubgraphName>();
  const counts: Record<SubgraphName, number> = { users: 0, gigs: 0, orders: 0 };
  const connections: Record<SubgraphName, number> = { users: 0, gigs: 0, orders: 0 };
  const lastHeaders: Partial<Record<SubgraphName, Record<string, string | string[] | undefined>>> = {};
  const proxies = options.countSubgraphCalls
    ? await Promise.all(
        (['users', 'gigs', 'orders'] as const).map((name) =>
          countingProxy(
            urls[name],
            (headers) => {
              counts[name] += 1;
              lastHeaders[name] = headers;
            },
            () => (connections[name] += 1),
          ),
        ),
      )
    : null;
  const gatewayUrls = proxies ? { users: proxies[0]!.url, gigs: proxies[1]!.url, orders: proxies[2]!.url } : urls;
  const config = parseConfig(gatewayEnvSchema, {
    USERS_URL: gatewayUrls.users,
    GIGS_URL: gatewayUrls.gigs,
    ORDERS_URL: gatewayUrls.orders,
    SUPERGRAPH_POLL_MS: '0',
    // Every test client is 127.0.0.1: a busy end-to-end file must not trip the per-address limit.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.gatewayEnv,
  });
  const gateway = await startGateway({ config, logger: testLogger, port: 0, verifyAccessToken: options.verifyAccessToken });
  const reset = () => {
    counts.users = counts.gigs = counts.orders = 0;
    connections.users = connections.gigs = connections.orders = 0;
  };
  reset(); // composition asked each subgraph for its schema
  return {
    gatewayUrl: gateway.url,
    graphqlUrl: `${gateway.url}/graphql`,
    urls,
    services,
    gateway,
    ...(proxies ? { subgraphCalls: { counts: () => ({ ...counts }), total: () => counts.users + counts.gigs + counts.orders, connections: () => ({ ...connections }), lastHeaders: (name: SubgraphName) => lastHeaders[name], reset } } : {}),
    stopService: async (name) => {
      if (stopped.has(name)) return;
      stopped.add(name);
      await services[name].stop();
    },
    startService: async (name) => {
      if (!stopped.has(name)) return;
      services[name] = await starters[name]();
      stopped.delete(name);
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all((proxies ?? []).map((p) => p.close()));
      await Promise.all((['users', 'gigs', 'orders'] as const).filter((name) => !stopped.has(name)).map((name) => services[name].stop()));
    },
  };
}
