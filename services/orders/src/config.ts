import { env, subgraphEnvSchema, z } from '@gigmart/shared';

export const ordersEnvSchema = subgraphEnvSchema.extend({
  ORDERS_PORT: env.port(4003),
  /** NATS with JetStream for the events to the gigs service; unset: HTTP straight to GIGS_URL. */
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL').optional(),
});
export type OrdersConfig = z.infer<typeof ordersEnvSchema>;
