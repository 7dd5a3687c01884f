import type { z } from 'zod';
import { loadConfig, type SubgraphConfig } from './config.js';
import type { AccessTokenVerifier } from './auth/access-token.js';
import { resolveServiceToken } from './auth/service-token.js';
import { onShutdown } from './http/shutdown.js';
import { createLogger, type Logger } from './logger.js';
import { startTracing } from './observability/tracing.js';

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

/**
 * The entry point of a subgraph process: validated config (MONGO_URL is required: a service never
 * starts a database; `npm run dev -w services/<name>` runs it with the local one), logger, the
 * service itself, and graceful shutdown in the right order (drain HTTP, then close the database
 * connection).
 */
export async function runSubgraphProcess<S extends z.ZodType<SubgraphConfig>>(
  name: string,
  schema: S,
  start: (deps: { config: z.infer<S>; logger: Logger; mongoUri: string; serviceToken: string }) => Promise<RunningSubgraph>,
): Promise<void> {
  const config = loadConfig(schema, process.env, {
    MONGO_URL: `\`npm run dev -w services/${name}\` runs ${name} with a local database`,
  });
  const logger = createLogger(name, config.LOG_LEVEL);
  const shutdown = onShutdown(logger);
  // Registered first, so that it is shut down last: the spans of the shutdown itself go out too.
  const tracing = startTracing(name, config.OTEL_EXPORTER_OTLP_ENDPOINT, logger);
  if (tracing) shutdown.add(() => tracing.shutdown());
  try {
    const serviceToken = await resolveServiceToken(config.SERVICE_TOKEN, config.DATA_DIR);
    const service = await start({ config, logger, mongoUri: config.MONGO_URL, serviceToken });
    shutdown.add(() => service.stop());
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}

/** What every service's `start<Name>Service` takes, from its main.ts or from a test. */
export interface ServiceOptions {
  logger: Logger;
  mongoUri: string;
  port: number;
  host?: string;
  /** Defaults to the service's name; tests pass a fresh one per file. */
  dbName?: string;
  /** The credential for internal endpoints, presented and expected. */
  serviceToken: string;
  /**
   * `inbox` and `gateway` are optional: without them no order events go to the inbox, no live events to the gateway;
   * without `media`, attaching files is refused.
   */
  urls: { users: string; gigs: string; orders: string; inbox?: string; gateway?: string; media?: string };
  /** Tests may verify tokens with their own keys instead of the users service's JWKS. */
  verifyAccessToken?: AccessTokenVerifier;
  /** The time, injectable so tests of time-based rules need no waiting. */
  clock?: () => Date;
  /** How long one GraphQL request may work (REQUEST_DEADLINE_MS; pass it to `serveSubgraph`). */
  requestDeadlineMs?: number;
}

/** The `ServiceOptions` a subgraph's main.ts derives from its validated config. */
export function serviceOptionsFrom(
  config: SubgraphConfig,
  deps: { logger: Logger; mongoUri: string; serviceToken: string },
  port: number,
): ServiceOptions {
  return {
    ...deps,
    port,
    host: config.HOST,
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    urls: {
      users: config.USERS_URL,
      gigs: config.GIGS_URL,
      orders: config.ORDERS_URL,
      inbox: config.INBOX_URL,
      media: config.MEDIA_URL,
      gateway: config.GATEWAY_URL,
    },
  };
}
