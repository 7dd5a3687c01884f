import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startInboxService } from './app.js';
import { inboxEnvSchema } from './config.js';

await runSubgraphProcess('inbox', inboxEnvSchema, ({ config, ...deps }) =>
  startInboxService({
    ...serviceOptionsFrom(config, deps, config.INBOX_PORT),
    events: { natsUrl: config.NATS_URL },
    lateOrdersIntervalMs: config.LATE_ORDERS_INTERVAL_MS,
  }),
);
