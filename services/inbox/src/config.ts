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
  /** The mail server for notification mail (`smtp://user:pass@host:587`, `smtps://...`); unset: mails are written as .eml files to MAIL_DIR. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'expected an smtp:// or smtps:// URL')
    .optional(),
  /** Where mails go without SMTP_URL (default: DATA_DIR/mail). */
  MAIL_DIR: z.string().min(1).optional(),
  /** The sender of notification mail. */
  MAIL_FROM: z.string().min(3).default('Gigmart <no-reply@gigmart.local>'),
  /** How often the mailer looks for mail to send or retry (it is also woken by each new notification with mail). */
  MAIL_INTERVAL_MS: env.int(5_000),
  /** The web client's address, for the links in notification mail. */
  WEB_URL: z.string().url('expected a URL').default('http://127.0.0.1:5173'),
});
export type InboxConfig = z.infer<typeof inboxEnvSchema>;
