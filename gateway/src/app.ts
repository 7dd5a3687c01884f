import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  authenticate,
  createAccessTokenVerifier,
  startHttpService,
  type AccessTokenVerifier,
  type HttpService,
  type Logger,
} from '@gigmart/shared';
import type { GatewayConfig } from './config.js';
import { corsMiddleware } from './cors.js';
import { formatGatewayError, responseExtensionsPlugin } from './errors.js';
import { outagePathsPlugin } from './outage-paths.js';
import { createSubgraphClient, SubgraphDataSource, takeAnswerFetchedFor, type ForwardedContext } from './datasource.js';
import { graphqlBodyParser, graphqlRateLimit, operationLimits, type RateLimitStore } from './limits.js';
import { operationResolutionChecks } from './operation-checks.js';
import { playgroundRoutes } from './playground.js';
import { RetryingComposer } from './supergraph.js';
import { anonymousResponseCache } from './response-cache.js';
import { passThrough } from './pass-through.js';
import { mountFilesPassthrough } from './files.js';
import { subgraphEndpoints } from './subgraphs.js';
import { createLiveEngine } from './live/engine.js';
import { LiveHub } from './live/hub.js';
import { mountLiveReceiver, startLiveSources } from './live/sources.js';
import { createLiveTransports } from './live/transports.js';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';

export type GatewayContext = ForwardedContext;

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  port?: number;
  /** Defaults to the users service's JWKS (USERS_URL); tests may point it at their own keys. */
  verifyAccessToken?: AccessTokenVerifier;
  /** Where the rate limit counts; the default keeps counts in this process. */
  rateLimitStore?: RateLimitStore;
  /**
   * The service credential sent to the subgraphs with each client's address, so that they believe
   * it (main.ts: SERVICE_TOKEN, else the development one in DATA_DIR). Default: `config.SERVICE_TOKEN`;
   * with neither, the subgraphs count every client under the gateway's own address.
   */
  serviceToken?: string;
  /**
   * With NATS_URL: the subject prefixes the live events come from (default: the orders' events and
   * the inbox's live events, `gigmart.events` and `gigmart.live`). Tests give each run its own.
   */
  natsSubjectPrefixes?: string[];
  /** The anonymous response cache's clock (milliseconds; default Date.now): tests move it on. */
  responseCacheClock?: () => number;
}

/**
 * How long the gateway waits for a subgraph's /ready: above what a subgraph's own checks take at
 * worst while its database is down (about 1.5 s), below the cap on each of the gateway's own checks.
 */
const SUBGRAPH_READY_TIMEOUT_MS = 1800;

/** The most the anonymous response cache holds per gateway process (response-cache.ts). */
const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

async function subgraphReadiness(baseUrl: string): Promise<{ ok: boolean; detail?: unknown }> {
  const response = await fetch(new URL('/ready', baseUrl), { signal: AbortSignal.timeout(SUBGRAPH_READY_TIMEOUT_MS) });
  const body = (await response.json().catch(() => null)) as { notReady?: unknown } | null;
  if (response.ok) return { ok: true };
  return { ok: false, detail: { status: response.status, ...(body?.notReady ? { notReady: body.notReady } : {}) } };
}

export async function startGateway(options: GatewayOptions): Promise<HttpService> {
  const { config, logger } = options;
  const subgraphs = subgraphEndpoints(config);
  const client = createSubgraphClient({ timeoutMs: config.SUBGRAPH_TIMEOUT_MS, keepAliveMs: config.SUBGRAPH_KEEPALIVE_MS });
  const verify = options.verifyAccessToken ?? createAccessTokenVerifier({ usersUrl: config.USERS_URL });
  const serviceToken = options.serviceToken ?? config.SERVICE_TOKEN;
  // By name, so a supergraph file composed elsewhere is served with this deployment's URLs.
  const urlByName = new Map(subgraphs.map((s) => [s.name, s.url]));

  const responseCache =
    config.RESPONSE_CACHE_SECONDS > 0
      ? anonymousResponseCache<GatewayContext>({
          seconds: config.RESPONSE_CACHE_SECONDS,
          maxBytes: RESPONSE_CACHE_MAX_BYTES,
          ...(options.responseCacheClock ? { now: options.responseCacheClock } : {}),
        })
      : null;
  const straight = config.PASS_THROUGH
    ? passThrough({
        client,
        urlOf: (name) => urlByName.get(name),
        verify,
        serviceToken,
        responseCache,
        responseCacheSeconds: config.RESPONSE_CACHE_SECONDS,
      })
    : null;

  const gateway = new ApolloGateway({
    supergraphSdl: config.SUPERGRAPH_PATH
      ? await readFile(config.SUPERGRAPH_PATH, 'utf8')
      : new RetryingComposer({ subgraphs, logger, pollIntervalMs: config.SUPERGRAPH_POLL_MS }),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: urlByName.get(name) ?? url!,
        fetcher: client.fetcher,
        deduplicate: config.SUBGRAPH_DEDUPLICATE,
        serviceToken,
      }),
    ...(straight ? { experimental_didResolveQueryPlan: straight.learn } : {}),
    logger: {
      debug: () => {},
      info: (m) => logger.info(String(m)),
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
  });

  // The public schema as composed now: subscriptions are validated against it (live/engine.ts).
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
    // Plans change with the supergraph: learn again which operations go straight through.
    straight?.forget();
  });
  const limits = operationLimits<GatewayContext>(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // On by default in Apollo Server; stated so that nobody turns it off by accident.
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    ...limits,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      operationResolutionChecks<GatewayContext>(),
      responseExtensionsPlugin<GatewayContext>(),
      outagePathsPlugin<GatewayContext>(),
      ...(responseCache ? [responseCache.plugin] : []),
    ],
  });

  // Subscriptions (gateway/README.md, "Subscriptions"): events in, matched to subscribers, each
  // pushed item read again through this gateway's own query execution with the subscriber's token.
  const hub = new LiveHub();
  // An order, a review or a message may change what a visitor sees (a gig's rating, its sales).
  if (responseCache) hub.listen(() => responseCache.clear());
  const engine = createLiveEngine({
    apollo,
    schema: () => apiSchema,
    verify,
    hub,
    logger,
    validationRules: limits.validationRules ?? [],
    maxTokens: config.MAX_TOKENS,
    maxBacklog: config.LIVE_MAX_BACKLOG,
  });
  // The client address of an upgrade (which express never sees), by the same TRUST_PROXY_HOPS rule.
  const addressOf = (req: IncomingMessage): string | undefined => {
    const hops = config.TRUST_PROXY_HOPS;
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    return hops > 0 && forwarded.length ? forwarded[Math.max(0, forwarded.length - hops)] : req.socket.remoteAddress;
  };
  const live = createLiveTransports({
    engine,
    logger,
    limits: {
      maxSubscriptionsPerConnection: config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerAddress: config.LIVE_MAX_CONNECTIONS_PER_ADDRESS,
      keepAliveMs: config.LIVE_KEEPALIVE_MS,
      maxBufferedBytes: config.LIVE_MAX_BUFFERED_BYTES,
    },
    clientAddress: (req) => addressOf(req),
  });
  const sources = await startLiveSources({
    hub,
    logger,
    natsUrl: config.NATS_URL,
    ...(options.natsSubjectPrefixes ? { subjectPrefixes: options.natsSubjectPrefixes } : {}),
  });

  const http = await startHttpService<GatewayContext>({
    name: 'gateway',
    port: options.port ?? config.GATEWAY_PORT,
    host: config.HOST,
    logger,
    apollo,
    bodyLimit: `${config.MAX_BODY_BYTES}b`,
    middleware: (app) => {
      app.set('trust proxy', config.TRUST_PROXY_HOPS);
      app.use(corsMiddleware(config));
      app.use('/graphql', graphqlRateLimit(config.RATE_LIMIT_PER_MINUTE, options.rateLimitStore));
      app.post('/graphql', ...graphqlBodyParser(config.MAX_BODY_BYTES));
      app.use('/graphql', live.sse);
      // After the rate limit, the body limit and the live transports: only plain POSTs are answered from it.
      if (responseCache) app.post('/graphql', responseCache.middleware);
      // After the response cache: what it keeps is answered before anything is sent on.
      if (straight) app.post('/graphql', straight.middleware);
    },
    routes: (app) => {
      if (serviceToken) mountLiveReceiver(app, { hub, logger, serviceToken });
      mountFilesPassthrough(app, { mediaUrl: config.MEDIA_URL, logger });
      playgroundRoutes(app);
    },
    context: async ({ req, requestId, logger: requestLogger }) => {
      const authorization = req.headers.authorization;
      try {
        await authenticate(authorization, verify);
      } catch (error) {
        requestLogger.warn({ err: error }, 'request refused at the gateway: access token not accepted');
        throw error;
      }
      const prefetchedAnswer = takeAnswerFetchedFor(req);
      return {
        requestId,
        logger: requestLogger,
        ...(authorization ? { authorization } : {}),
        ...(req.ip ? { clientAddress: req.ip } : {}),
        ...(prefetchedAnswer ? { prefetchedAnswer } : {}),
      };
    },
    // Ready when every subgraph says it is ready (its database answers, ...), not merely alive: a
    // subgraph whose database is down is named in notReady. An unreachable one fails the same way.
    readiness: Object.fromEntries(subgraphs.map((s) => [s.name, () => subgraphReadiness(s.baseUrl)])),
  });

  live.attach(http.server);

  let stopped: Promise<void> | null = null;
  return {
    ...http,
    // Once, however often it is called.
    stop: () =>
      (stopped ??= (async () => {
        // Live connections first (WebSockets closed with 1001 so clients reconnect elsewhere).
        await live.close();
        await sources.close();
        await http.stop();
        await client.close();
      })()),
  };
}
