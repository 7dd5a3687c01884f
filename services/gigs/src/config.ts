import { env, subgraphEnvSchema, z } from '@gigmart/shared';
import { DEFAULT_RECONCILE_INTERVAL_MS, DEFAULT_SEARCH_LIMIT } from './modules/search/index.js';

export const gigsEnvSchema = subgraphEnvSchema.extend({
  GIGS_PORT: env.port(4002),
  /** Searches one gigs process runs at once (each is a few database commands over the gigs collection). */
  GIGS_SEARCH_CONCURRENCY: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(DEFAULT_SEARCH_LIMIT.concurrency),
  /** Searches that may wait for a turn beyond those; more are refused with SERVICE_UNAVAILABLE and retryAfterSeconds. */
  GIGS_SEARCH_QUEUE: env.int(DEFAULT_SEARCH_LIMIT.queue),
  /** How often each process compares its search index with the database and repairs drift (seconds). */
  GIGS_SEARCH_RECONCILE_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .positive('expected a number of seconds above 0')
    .default(DEFAULT_RECONCILE_INTERVAL_MS / 1000),
  /** NATS with JetStream: also consume the order events from there (durable "gigs"); unset: HTTP only. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL')
    .optional(),
});
export type GigsConfig = z.infer<typeof gigsEnvSchema>;
