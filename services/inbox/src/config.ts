import { env, subgraphEnvSchema, z } from '@gigmart/shared';

/** The inbox's environment: the subgraphs' common variables (MONGO_URL, DATA_DIR, USERS_URL, SERVICE_TOKEN, ...) and its port. */
export const inboxEnvSchema = subgraphEnvSchema.extend({
  INBOX_PORT: env.port(4004),
  /** NATS with JetStream: also consume the offer events from there (durable "inbox"); unset: HTTP only. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'expected a nats:// URL')
    .optional(),
});
export type InboxConfig = z.infer<typeof inboxEnvSchema>;
