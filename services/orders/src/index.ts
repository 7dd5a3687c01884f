export { startOrdersService, type OrdersServiceOptions, type StartedOrdersService } from './app.js';
export { ordersEnvSchema } from './config.js';
export { ordersModels, type OrdersModels } from './context.js';
export { subgraphModules, subgraphModules as ordersModules } from './modules.js';
export { priceOrder } from './modules/orders/index.js';
export { createOutboxRelay, type OutboxRelay, type RelayBacklog } from './modules/outbox/index.js';
export { completeAtOnce, type PayoutProvider, type PayoutResult } from './modules/money/index.js';
