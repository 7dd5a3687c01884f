import path from 'node:path';
import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startInboxService } from './app.js';
import { inboxEnvSchema } from './config.js';
import { fileTransport, smtpTransport } from './modules/notifications/index.js';

await runSubgraphProcess('inbox', inboxEnvSchema, ({ config, ...deps }) =>
  startInboxService({
    ...serviceOptionsFrom(config, deps, config.INBOX_PORT),
    events: { natsUrl: config.NATS_URL },
    lateOrdersIntervalMs: config.LATE_ORDERS_INTERVAL_MS,
    mail: {
      transport: config.SMTP_URL ? smtpTransport(config.SMTP_URL) : fileTransport(config.MAIL_DIR ?? path.join(config.DATA_DIR, 'mail')),
      from: config.MAIL_FROM,
      webUrl: config.WEB_URL,
      intervalMs: config.MAIL_INTERVAL_MS,
    },
  }),
);
