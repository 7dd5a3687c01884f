export { ordersModules, ordersModules as subgraphModules, startOrdersService, type OrdersServiceOptions, type StartedOrdersService } from './app.js';
export { ordersEnvSchema } from './config.js';
export { priceOrder } from './pricing/fees.js';
export { ordersModels } from './app.js';
export { createOutboxRelay, type OutboxRelay, type RelayBacklog } from './outbox/relay.js';
