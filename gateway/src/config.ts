import { availableParallelism } from 'node:os';
import { baseEnvSchema, env, serviceUrlsSchema, z } from '@gigmart/shared';

/** `a,b , c` -> ['a', 'b', 'c']; empty entries dropped. */
const commaList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^(\*|https?:\/\/[^\s/]+)$/, 'expected comma-separated origins like https://example.com (or *)')));

/** A whole number of at least 1 (a limit of 0 would refuse everything). */
const positive = (fallback: number) =>
  z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(1, 'expected at least 1').default(fallback);

const workersError = 'expected a whole number from 1 to 256, or auto';

export const gatewayEnvSchema = baseEnvSchema.extend(serviceUrlsSchema.shape).extend({
  GATEWAY_PORT: env.port(4000),
  /** The gateway is the public entry point; set 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** Serve this composed supergraph file (production) instead of composing from running subgraphs. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  /** How often development mode looks for changed subgraph schemas; 0 turns polling off. */
  SUPERGRAPH_POLL_MS: env.int(5000),
  /**
   * Gateway processes sharing the port (node:cluster): a number, or `auto` for one per core.
   * Unset: `auto` in production, 1 otherwise (one process is easier to debug and to watch).
   */
  GATEWAY_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int(workersError).min(1, workersError).max(256, workersError)], { error: workersError })
    .optional(),

  // Limits on what one operation may ask (graphql-armor validation rules and the parser).
  /** Deepest field nesting an operation may select. */
  MAX_DEPTH: positive(10),
  /** Most aliases in one operation (aliases multiply the work of a single field). */
  MAX_ALIASES: positive(15),
  /** Highest graphql-armor cost (objects 2, scalars 1, times 1.5 per level of depth). */
  MAX_COST: positive(5000),
  /** Most lexical tokens in an operation's text; refused while parsing, before any other work. */
  MAX_TOKENS: positive(2000),
  /** Most directives in one operation. */
  MAX_DIRECTIVES: positive(50),
  /** Largest request body in bytes. */
  MAX_BODY_BYTES: positive(100 * 1024),

  /** Requests to /graphql one client address may make per minute. */
  RATE_LIMIT_PER_MINUTE: positive(300),
  /**
   * Redis for the rate limit's counts, shared by every gateway instance (rate-limit-store.ts), e.g.
   * redis://redis:6379. Unset: each process counts alone (GATEWAY_WORKERS of one process share the
   * primary's count), right for a single instance.
   */
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional(),
  ),
  /**
   * Express's `trust proxy`: how many proxies in front of the gateway may set X-Forwarded-For.
   * 0 (default) uses the connection's address, the only safe choice without a proxy.
   */
  TRUST_PROXY_HOPS: env.int(0),

  /**
   * The credential sent to the subgraphs with each client's address (x-service-token beside
   * x-forwarded-for): the users service believes a forwarded address only with it, and counts its
   * log-in and sign-up limits per client address. Unset: the one generated into DATA_DIR, as the
   * services do (main.ts).
   */
  SERVICE_TOKEN: serviceUrlsSchema.shape.SERVICE_TOKEN,

  /** How long a subgraph call may take before the gateway gives up on it. */
  SUBGRAPH_TIMEOUT_MS: positive(10_000),
  /** How long an idle keep-alive connection to a subgraph is kept open. */
  SUBGRAPH_KEEPALIVE_MS: positive(30_000),
  /** Send identical reads in flight at the same time (same operation, variables and caller) once. */
  SUBGRAPH_DEDUPLICATE: env.bool(true),
  /**
   * Send a query or mutation whose plan is one fetch of the client's own selection straight to its subgraph,
   * after its first request, without planning or merging again (pass-through.ts). Off: every operation
   * goes through @apollo/gateway's execution.
   */
  PASS_THROUGH: env.bool(true),

  /**
   * How long (seconds) an anonymous query's answer is kept and served again to any visitor
   * (response-cache.ts); a mutation through this process or a live event forgets them all. 0: off.
   * Signed-in requests are never answered from it.
   */
  RESPONSE_CACHE_SECONDS: env.int(2),

  /** NATS: live events come from its subjects (every instance hears every event); unset: the services POST them to /internal/events. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL')
    .optional(),
  /** Subscriptions one WebSocket connection may hold at once. */
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: positive(20),
  /** Open live connections (WebSocket and SSE) one client address may hold. */
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: positive(50),
  /** How often WebSockets are pinged; one that missed the previous ping is closed. */
  LIVE_KEEPALIVE_MS: positive(15_000),
  /** Bytes waiting to be sent to one live client beyond which it is dropped as too slow. */
  LIVE_MAX_BUFFERED_BYTES: positive(1024 * 1024),
  /** Updates of one subscription waiting to be resolved beyond which its client is dropped as too slow. */
  LIVE_MAX_BACKLOG: positive(100),

  /**
   * Browser origins allowed to call the API (comma-separated, `*` for any). Unset: any
   * http://localhost / http://127.0.0.1 origin in development and test, none in production.
   */
  CORS_ORIGINS: commaList.optional(),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

/** How many gateway processes GATEWAY_WORKERS asks for on this machine. */
export function workerCount(config: Pick<GatewayConfig, 'GATEWAY_WORKERS' | 'NODE_ENV'>, cores = availableParallelism()): number {
  const setting = config.GATEWAY_WORKERS ?? (config.NODE_ENV === 'production' ? 'auto' : 1);
  return setting === 'auto' ? cores : setting;
}
