import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startOrdersService } from './app.js';
import { ordersEnvSchema } from './config.js';

await runSubgraphProcess('orders', ordersEnvSchema, ({ config, ...deps }) =>
  startOrdersService({
    ...serviceOptionsFrom(config, deps, config.ORDERS_PORT),
    events: { natsUrl: config.NATS_URL },
    trackRecordTtlMs: config.TRACK_RECORD_TTL_MS,
  }),
);
