import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  parseConfig,
  type AccessTokenVerifier,
  type HttpService,
  type Logger,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { startDatabaseServer, type DatabaseServer } from '@gigmart/devdb';
import { startGigsService, type GigsServiceOptions } from '@gigmart/gigs';
import { startInboxService, type InboxServiceOptions } from '@gigmart/inbox';
import { startMediaService, type MediaServiceOptions } from '@gigmart/media';
import { startOrdersService, type OrdersServiceOptions } from '@gigmart/orders';
import { startUsersService, type UsersServiceOptions } from '@gigmart/users';
import { gatewayEnvSchema, startGateway } from '@gigmart/gateway';
import { resolvePorts } from './ports.js';
import { localUrl, SUBGRAPH_NAMES, type SubgraphName } from './processes.js';

export interface InProcessStackOptions {
  mode: 'in-process';
  /** The database server: one URI for every service. Unset: a private, throw-away one is started (and stopped with the stack). */
  mongoUrl?: string;
  /** Each service's database name (default: the service's name). */
  databaseNames?: Partial<Record<SubgraphName, string>>;
  /** The services' and the gateway's logger (default: silent). */
  logger?: Logger;
  /** The credential services present to each other (default: a random one). */
  serviceToken?: string;
  /** Ports of the subgraphs and the gateway (unset or 0: a free one). */
  ports?: Partial<Record<SubgraphName | 'gateway', number>>;
  /** Gateway settings, as environment variables (on top of: no schema polling, a rate limit no test trips). */
  gatewayEnv?: Record<string, string>;
  /** With NATS_URL in `gatewayEnv`: the subject prefixes the gateway listens to (tests give each run its own). */
  gatewayNatsSubjectPrefixes?: string[];
  /** Overrides for every service's options (e.g. a clock). */
  serviceOptions?: Partial<ServiceOptions>;
  /** Routes the gateway through a counting HTTP proxy to each subgraph (see `subgraphCalls`). */
  countSubgraphCalls?: boolean;
  /** The gateway's token verifier (default: the users service's JWKS). */
  verifyAccessToken?: AccessTokenVerifier;
  /** Service-specific options on top of the common ones (e.g. `events` with a NATS URL). */
  gigsOptions?: Partial<GigsServiceOptions>;
  ordersOptions?: Partial<OrdersServiceOptions>;
  inboxOptions?: Partial<InboxServiceOptions>;
  /** The media service's own options (default: files in a fresh temporary folder, no S3). */
  mediaOptions?: Partial<MediaServiceOptions>;
  /** On top of: a sign-up limit no test trips (`{ signUpThrottle: SIGN_UP_THROTTLE }` from @gigmart/users for the real one). */
  usersOptions?: Partial<UsersServiceOptions>;
}

export interface InProcessStack {
  gatewayUrl: string;
  graphqlUrl: string;
  /** Where each subgraph listens (the services' own `urls`, and the inbox's). */
  urls: Record<SubgraphName, string>;
  /** The URI of the database server the services use. */
  mongoUrl: string;
  services: Record<SubgraphName, StartedSubgraph<unknown>>;
  gateway: HttpService;
  /** With `countSubgraphCalls`: GraphQL requests the gateway sent to each subgraph since the last reset. */
  subgraphCalls?: SubgraphCallCounter;
  /** Stops one subgraph (an outage); `services[name]` keeps the stopped instance until started again. */
  stopService(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its old port with its old options and database; updates `services[name]`. */
  startService(name: SubgraphName): Promise<void>;
  /** Stops the gateway, the subgraphs, and the database server when the stack started it. */
  stop(): Promise<void>;
}

export interface SubgraphCallCounter {
  counts(): Record<SubgraphName, number>;
  total(): number;
  /** TCP connections the gateway opened to each subgraph since the last reset (keep-alive reuses them). */
  connections(): Record<SubgraphName, number>;
  /** The headers of the last GraphQL request a subgraph received through the proxy. */
  lastHeaders(name: SubgraphName): Record<string, string | string[] | undefined> | undefined;
  reset(): void;
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
    url: localUrl(port),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The whole marketplace in this process: each subgraph's `start<Name>Service` and the gateway's
 * `startGateway`, on free ports, reached over real HTTP through the gateway.
 */
export async function startInProcessStack(options: InProcessStackOptions): Promise<InProcessStack> {
  const logger = options.logger ?? createLogger('stack', 'silent');
  let database: DatabaseServer | null = null;
  if (!options.mongoUrl) database = await startDatabaseServer({ logger, dataDir: '', ephemeral: true });
  const mongoUri = options.mongoUrl ?? database!.uri;
  try {
    return await startOn(options, logger, mongoUri, database);
  } catch (error) {
    await database?.stop();
    throw error;
  }
}

async function startOn(
  options: InProcessStackOptions,
  logger: Logger,
  mongoUri: string,
  database: DatabaseServer | null,
): Promise<InProcessStack> {
  const ports = await resolvePorts([...SUBGRAPH_NAMES, 'gateway'] as const, options.ports ?? {});
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, localUrl(ports[name])])) as Record<SubgraphName, string>;
  const serviceToken = options.serviceToken ?? randomBytes(32).toString('base64url');
  const base = (name: SubgraphName): ServiceOptions => ({
    logger,
    mongoUri,
    port: ports[name],
    dbName: options.databaseNames?.[name] ?? name,
    serviceToken,
    // The orders' events go to the inbox, and live events to the gateway (which starts last).
    urls: {
      users: urls.users,
      gigs: urls.gigs,
      orders: urls.orders,
      inbox: urls.inbox,
      media: urls.media,
      gateway: localUrl(ports.gateway),
    },
    ...options.serviceOptions,
  });
  // Built once: a restarted service gets its old port and database back.
  const serviceOptions = { users: base('users'), gigs: base('gigs'), orders: base('orders'), inbox: base('inbox'), media: base('media') };
  // The media service's files: a folder of this stack's own unless told otherwise (kept across a restart of the service).
  const mediaDataDir = options.mediaOptions?.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'gigmart-stack-media-')));
  const starters: Record<SubgraphName, () => Promise<StartedSubgraph<unknown>>> = {
    // Every client of an in-process stack is 127.0.0.1: a busy test file must not run out of sign-ups.
    users: () =>
      startUsersService({
        ...serviceOptions.users,
        signUpThrottle: { windowMs: 60 * 60_000, perAddress: 1_000_000 },
        ...options.usersOptions,
      }),
    gigs: () => startGigsService({ ...serviceOptions.gigs, ...options.gigsOptions }),
    orders: () => startOrdersService({ ...serviceOptions.orders, ...options.ordersOptions }),
    inbox: () => startInboxService({ ...serviceOptions.inbox, ...options.inboxOptions }),
    // Its links go through the gateway (which passes /files/ to it), the one public address.
    media: () =>
      startMediaService({
        ...serviceOptions.media,
        dataDir: mediaDataDir,
        publicUrl: localUrl(ports.gateway),
        cleanupIntervalMs: 0,
        ...options.mediaOptions,
      }),
  };
  const started: StartedSubgraph<unknown>[] = [];
  const proxies: Array<{ url: string; close(): Promise<void> }> = [];
  const zero = (): Record<SubgraphName, number> =>
    Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
  try {
    const services = {} as InProcessStack['services'];
    for (const name of SUBGRAPH_NAMES) {
      services[name] = await starters[name]();
      started.push(services[name]);
    }
    const stopped = new Set<SubgraphName>();
    const counts = zero();
    const connections = zero();
    const lastHeaders: Partial<Record<SubgraphName, Record<string, string | string[] | undefined>>> = {};
    const gatewayUrls = { ...urls };
    if (options.countSubgraphCalls) {
      for (const name of SUBGRAPH_NAMES) {
        const proxy = await countingProxy(
          urls[name],
          (headers) => {
            counts[name] += 1;
            lastHeaders[name] = headers;
          },
          () => (connections[name] += 1),
        );
        proxies.push(proxy);
        gatewayUrls[name] = proxy.url;
      }
    }
    const config = parseConfig(gatewayEnvSchema, {
      USERS_URL: gatewayUrls.users,
      GIGS_URL: gatewayUrls.gigs,
      ORDERS_URL: gatewayUrls.orders,
      INBOX_URL: gatewayUrls.inbox,
      MEDIA_URL: gatewayUrls.media,
      SUPERGRAPH_POLL_MS: '0',
      // Every client of an in-process stack is 127.0.0.1: a busy test file must not trip the per-address limit.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...options.gatewayEnv,
    });
    // The services' credential, so that the users service believes the client address the gateway forwards.
    const gateway = await startGateway({
      config,
      logger,
      port: ports.gateway,
      verifyAccessToken: options.verifyAccessToken,
      serviceToken,
      ...(options.gatewayNatsSubjectPrefixes ? { natsSubjectPrefixes: options.gatewayNatsSubjectPrefixes } : {}),
    });
    const reset = () => {
      for (const name of SUBGRAPH_NAMES) counts[name] = connections[name] = 0;
    };
    reset(); // composition asked each subgraph for its schema
    return {
      gatewayUrl: gateway.url,
      graphqlUrl: `${gateway.url}/graphql`,
      urls,
      mongoUrl: mongoUri,
      services,
      gateway,
      ...(proxies.length
        ? {
            subgraphCalls: {
              counts: () => ({ ...counts }),
              total: () => SUBGRAPH_NAMES.reduce((sum, name) => sum + counts[name], 0),
              connections: () => ({ ...connections }),
              lastHeaders: (name: SubgraphName) => lastHeaders[name],
              reset,
            },
          }
        : {}),
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
        await Promise.all(proxies.map((p) => p.close()));
        await Promise.all(SUBGRAPH_NAMES.filter((name) => !stopped.has(name)).map((name) => services[name].stop()));
        await database?.stop();
        if (!options.mediaOptions?.dataDir) await rm(mediaDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // A half-started stack leaves nothing listening behind.
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(started.map((s) => s.stop().catch(() => {})));
    throw error;
  }
}
