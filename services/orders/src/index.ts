export { startOrdersService, ordersModels, type OrdersServiceOptions, type StartedOrdersService } from './app.js';
export { ordersEnvSchema } from './config.js';
export { subgraphModules, subgraphModules as ordersModules } from './modules.js';
export { priceOrder } from './modules/orders/fees.js';
export { createOutboxRelay, type OutboxRelay, type RelayBacklog } from './modules/outbox/relay.js';
