import type { SubgraphModule } from '@gigmart/shared';
import { orderResolvers } from './resolvers.js';
import { orderTypeDefs } from './schema.js';

/** Orders: placement, the lifecycle, pricing, auto-completion, and the facts route for reconciliation. */
export const ordersModule: SubgraphModule = { typeDefs: orderTypeDefs, resolvers: orderResolvers };

export { applyTransition, type TransitionUpdate } from './apply.js';
export { createAutoCompletionJob, type AutoCompletionJob } from './auto-complete.js';
export { priceOrder, type OrderAmounts } from './fees.js';
export { orderModel, type OrderDoc, type OrderModel } from './model.js';
export { registerFactsRoute } from './routes.js';
export { ACTIVE_STATUSES, canSeeOrder, OPEN_STATUSES } from './rules.js';
export { loadOrder } from './service.js';
