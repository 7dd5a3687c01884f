import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { runRequestWithDeadline } from '../db/deadline.js';
import { maskError } from '../errors.js';
import type { Logger } from '../logger.js';
import { graphqlMetricsPlugin, measureRequests, mountMetrics } from '../observability/http.js';
import { traceRequests } from '../observability/tracing.js';
import { errorLoggingPlugin } from './error-logging.js';
import { jsonErrors } from './json-errors.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
import { mountRequestLogging } from './request-log.js';

export type ReadinessCheck = () => Promise<boolean | { ok: boolean; detail?: unknown }>;

/**
 * A readiness check that has not answered within this long counts as failing, so that /ready
 * answers promptly even when a dependency hangs (a subgraph's database checks give up after 1-1.5 s).
 */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

async function runCheck(name: string, check: ReadinessCheck): Promise<{ name: string; ok: boolean; detail?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ name: string; ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ name, ok: false, detail: `no answer within ${READINESS_CHECK_TIMEOUT_MS} ms` }),
      READINESS_CHECK_TIMEOUT_MS,
    );
  });
  const outcome = (async () => {
    try {
      const result = await check();
      return typeof result === 'boolean' ? { name, ok: result } : { name, ...result };
    } catch (error) {
      return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RequestInfo {
  req: Request;
  requestId: string;
  logger: Logger;
}

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  port: number;
  host?: string;
  logger: Logger;
  /** The GraphQL schema served at /graphql; the gateway passes its own `gateway` instead. */
  schema?: GraphQLSchema;
  apollo?: ApolloServer<TContext>;
  context: (info: RequestInfo) => Promise<TContext>;
  /** Named checks behind GET /ready: 200 when all pass, else 503 naming the failing ones. */
  readiness: Record<string, ReadinessCheck>;
  /** Extra routes mounted before /graphql (JWKS, internal endpoints, the playground). */
  routes?: (app: Express) => void;
  /** Mounted before everything, e.g. CORS and rate limits. */
  middleware?: (app: Express) => void;
  plugins?: ApolloServerPlugin<TContext>[];
  bodyLimit?: string;
  /**
   * Each GraphQL request runs under a deadline of this many milliseconds, abandoned when its client
   * disconnects, which the database commands it sends follow (db/deadline.ts). Subgraphs set it.
   */
  requestDeadlineMs?: number;
}

export interface HttpService {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to 8 s), then resolves. */
  stop: () => Promise<void>;
}

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    log: Logger;
  }
}

/**
 * The HTTP shell every process shares: request ids, one JSON log line per request, a span per
 * request (observability/tracing.ts), /health, /ready and /metrics (Prometheus,
 * observability/metrics.ts), GraphQL at /graphql with masked errors, and draining on stop.
 */
export async function startHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Promise<HttpService> {
  const app = express();
  app.disable('x-powered-by');
  // Express's own error page prints stack traces unless it believes it is in production; every
  // error is answered by `jsonErrors` below anyway.
  app.set('env', 'production');
  const server = createServer(app);
  // Subgraph and gateway peers hold keep-alive connections; outlive their idle timeout so a
  // request never lands on a socket we are closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // First: the request's span is active for everything after it (observability/tracing.ts).
  app.use(traceRequests(options.name));
  app.use(measureRequests(options.name));
  app.use((req, res, next) => {
    req.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    trace.getActiveSpan()?.setAttribute('gigmart.request_id', req.requestId);
    next();
  });
  mountRequestLogging(app, options.logger);
  options.middleware?.(app);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  mountMetrics(app);
  let started = false;
  const checks: Record<string, ReadinessCheck> = { graphql: () => Promise.resolve(started), ...options.readiness };
  app.get('/ready', async (_req: Request, res: Response) => {
    const results = await Promise.all(Object.entries(checks).map(([name, check]) => runCheck(name, check)));
    const failing = results.filter((r) => !r.ok);
    const report = Object.fromEntries(results.map(({ name, ...rest }) => [name, rest]));
    res.status(failing.length ? 503 : 200).json({
      status: failing.length ? 'unavailable' : 'ready',
      service: options.name,
      ...(failing.length ? { notReady: failing.map((f) => f.name) } : {}),
      checks: report,
    });
  });

  options.routes?.(app);

  const plugins: ApolloServerPlugin<TContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 8000 }),
    errorLoggingPlugin<TContext>(),
    graphqlMetricsPlugin<TContext>(options.name),
    ...(options.plugins ?? []),
  ];
  const apollo =
    options.apollo ??
    new ApolloServer<TContext>({
      schema: options.schema!,
      plugins: [...plugins, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
      formatError: maskError,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      // Shutdown is ours (see onShutdown): Apollo's own signal handlers would race it.
      stopOnTerminationSignals: false,
    });
  if (options.apollo) {
    for (const plugin of plugins) options.apollo.addPlugin(plugin);
  }
  // Listen before GraphQL is up, so /health answers while a gateway is still waiting for its
  // subgraphs; /graphql and /ready say 503 until then.
  let graphql: RequestHandler | null = null;
  const jsonBody = express.json({ limit: options.bodyLimit ?? '1mb' });
  app.use('/graphql', (req, res, next) => {
    if (graphql) return graphql(req, res, next);
    res.status(503).json({ errors: [{ message: `${options.name} is starting.`, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use(jsonErrors);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  try {
    await apollo.start();
  } catch (error) {
    server.close();
    throw error;
  }
  const middleware = expressMiddleware(apollo, {
    context: async ({ req }) => options.context({ req, requestId: req.requestId, logger: req.log }),
  });
  started = true;
  const deadlineMs = options.requestDeadlineMs;
  const execute: RequestHandler = deadlineMs
    ? (req, res, next) => runRequestWithDeadline(res, deadlineMs, req.log, () => middleware(req, res, next))
    : middleware;
  graphql = (req, res, next) => jsonBody(req, res, (err?: unknown) => (err ? next(err) : execute(req, res, next)));

  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  options.logger.info({ url, graphql: `${url}/graphql` }, `${options.name} listening`);

  return {
    url,
    port,
    server,
    stop: async () => {
      await apollo.stop();
    },
  };
}
