import { env, subgraphEnvSchema, z } from '@gigmart/shared';

export const gigsEnvSchema = subgraphEnvSchema.extend({
  GIGS_PORT: env.port(4002),
  /** NATS with JetStream: also consume the order events from there (durable "gigs"); unset: HTTP only. */
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL').optional(),
});
export type GigsConfig = z.infer<typeof gigsEnvSchema>;
