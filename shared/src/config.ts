import { z } from 'zod';
import { DEFAULT_REQUEST_DEADLINE_MS } from './db/deadline.js';
import { defaultDataDir } from './paths.js';

/**
 * The one place configuration is read. Each process declares the variables it needs as a zod
 * object and calls `loadConfig` at boot; a bad or missing value stops the process with one line
 * naming the variable, because a half-configured service is worse than one that does not start.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ error: 'expected a port number' })
      .int('expected a whole port number')
      // 0 asks the system for a free port (tests, several local copies).
      .min(0, 'expected a port from 0 to 65535')
      .max(65535, 'expected a port from 0 to 65535')
      .default(fallback),
  /** A non-negative integer, e.g. a size or a count. */
  int: (fallback: number) => z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(0).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  url: () => z.url({ error: 'expected a URL' }),
  logLevel: () =>
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
};

/** A MongoDB connection string. */
const mongoUrlString = z
  .string({ error: (issue) => (issue.input === undefined ? 'required: the MongoDB this process uses' : undefined) })
  .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URL');
/** An empty variable (`MONGO_URL=`) counts as unset. */
const emptyIsUnset = (value: unknown) => (value === '' ? undefined : value);

/** Variables every process understands. */
export const baseEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Where local state lives: development signing keys, the local database's files. */
  DATA_DIR: z.string().min(1).default(defaultDataDir),
  /**
   * Any MongoDB. Optional here (the gateway has no database; `npm start` finds or starts one when
   * it is unset); a subgraph requires it (below).
   */
  MONGO_URL: z.preprocess(emptyIsUnset, mongoUrlString.optional()),
  /**
   * Where to send OpenTelemetry traces (OTLP over HTTP, e.g. http://otel-collector:4318); unset:
   * spans are not recorded (observability/tracing.ts). The other OTEL_* variables apply as usual.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyIsUnset, env.url().optional()),
});

/** Where each subgraph is reached, by the gateway and by the other services. */
export const serviceUrlsSchema = z.object({
  USERS_URL: env.url().default('http://127.0.0.1:4001'),
  GIGS_URL: env.url().default('http://127.0.0.1:4002'),
  ORDERS_URL: env.url().default('http://127.0.0.1:4003'),
  INBOX_URL: env.url().default('http://127.0.0.1:4004'),
  MEDIA_URL: env.url().default('http://127.0.0.1:4005'),
  /** Where services send live events (the gateway's /internal/events) when NATS_URL is unset. */
  GATEWAY_URL: env.url().default('http://127.0.0.1:4000'),
  /** The credential services present to each other's internal endpoints; generated into DATA_DIR in development. */
  SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
});

/** What a subgraph process needs besides its own port. */
export const subgraphEnvSchema = baseEnvSchema.extend(serviceUrlsSchema.shape).extend({
  /** Interface a process binds to; loopback by default, as subgraphs sit behind the gateway. */
  HOST: z.string().default('127.0.0.1'),
  /**
   * The MongoDB the subgraph uses. A service never starts a database itself: in development
   * `npm run dev -w services/<name>` (gigmart-devdb, infra/devdb) finds or starts the local one and
   * sets this.
   */
  MONGO_URL: z.preprocess(emptyIsUnset, mongoUrlString),
  /**
   * How long a subgraph works on one GraphQL request before it stops it, database commands
   * included, and answers SERVICE_UNAVAILABLE (db/deadline.ts): a bit under the gateway's
   * SUBGRAPH_TIMEOUT_MS, so the answer comes before the gateway gives up.
   */
  REQUEST_DEADLINE_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(DEFAULT_REQUEST_DEADLINE_MS),
});
export type SubgraphConfig = z.infer<typeof subgraphEnvSchema>;

export type BaseConfig = z.infer<typeof baseEnvSchema>;

/** What to tell someone about a variable, beside what is wrong with it: e.g. how to get a value. */
export type ConfigHints = Partial<Record<string, string>>;

/** Parses `source` with `schema`; throws a ConfigError whose message is one line per bad variable. */
export function parseConfig<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env, hints: ConfigHints = {}): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const raw = issue.path.length === 1 ? source[String(issue.path[0])] : undefined;
    const got = raw === undefined || raw === '' ? 'it is missing' : `got ${JSON.stringify(raw)}`;
    const hint = hints[name];
    return `${name}: ${issue.message} (${got})${hint ? `; ${hint}` : ''}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** `parseConfig` for a process entry point: prints the one line and exits 1 on a bad value. */
export function loadConfig<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env, hints: ConfigHints = {}): z.infer<S> {
  try {
    return parseConfig(schema, source, hints);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export { z };
