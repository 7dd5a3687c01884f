export { startOrdersService, type OrdersServiceOptions } from './app.js';
export { ordersEnvSchema } from './config.js';
