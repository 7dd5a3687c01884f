import { env, subgraphEnvSchema, z } from '@gigmart/shared';

/** The inbox's environment: the subgraphs' common variables (MONGO_URL, DATA_DIR, USERS_URL, SERVICE_TOKEN, ...) and its port. */
export const inboxEnvSchema = subgraphEnvSchema.extend({
  INBOX_PORT: env.port(4004),
  /** NATS with JetStream: the orders' events come from its stream and live events go out on it; unset: HTTP (the orders service pushes, live events go to GATEWAY_URL). */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL')
    .optional(),
  /** How often the late orders job looks for orders past their due date (0: never). */
  LATE_ORDERS_INTERVAL_MS: env.int(60_000),
});
export type InboxConfig = z.infer<typeof inboxEnvSchema>;
