import { env, subgraphEnvSchema, z } from '@gigmart/shared';

/** Default of TRACK_RECORD_TTL_MS. */
export const TRACK_RECORD_TTL_MS = 60_000;

export const ordersEnvSchema = subgraphEnvSchema.extend({
  ORDERS_PORT: env.port(4003),
  /** NATS with JetStream for the events to the gigs service; unset: HTTP straight to GIGS_URL. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL')
    .optional(),
  /**
   * How long a seller's order totals and rating are kept in memory between reads (0: never).
   * Changes made by this instance show at once; another instance's within this time.
   */
  TRACK_RECORD_TTL_MS: env.int(TRACK_RECORD_TTL_MS),
});
export type OrdersConfig = z.infer<typeof ordersEnvSchema>;
