import { runSubgraphProcess } from '@gigmart/shared';
import { startOrdersService } from './app.js';
import { ordersEnvSchema } from './config.js';

await runSubgraphProcess('orders', ordersEnvSchema, ({ config, logger, mongoUri }) =>
  startOrdersService({ logger, mongoUri, port: config.ORDERS_PORT, host: config.HOST, usersUrl: config.USERS_URL }),
);
