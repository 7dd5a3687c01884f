import { lookupGigs, startSubgraph, type ServiceOptions, type StartedSubgraph, type SubgraphModule } from '@gigmart/shared';
import { commonResolvers, commonTypeDefs } from './common/schema.js';
import { createContext, type OrdersContext, type OrdersDeps, type OrdersModels } from './context.js';
import { createAutoCompletionJob, type AutoCompletionJob } from './jobs/auto-complete.js';
import { messageModel } from './messages/model.js';
import { messageResolvers } from './messages/resolvers.js';
import { messageTypeDefs } from './messages/schema.js';
import { claimModel } from './orders/claims.js';
import { orderModel } from './orders/model.js';
import { orderResolvers } from './orders/resolvers.js';
import { orderTypeDefs } from './orders/schema.js';
import { reviewModel } from './reviews/model.js';
import { reviewResolvers } from './reviews/resolvers.js';
import { reviewTypeDefs } from './reviews/schema.js';
import { trackRecordResolvers } from './track-record/resolvers.js';
import { trackRecordTypeDefs } from './track-record/schema.js';

export interface OrdersServiceOptions extends ServiceOptions {
  /** How often the auto-completion job runs; 0 turns it off (tests call its runOnce instead). */
  autoCompleteIntervalMs?: number;
}

export const ordersModules: SubgraphModule[] = [
  { typeDefs: commonTypeDefs, resolvers: commonResolvers },
  { typeDefs: orderTypeDefs, resolvers: orderResolvers },
  { typeDefs: messageTypeDefs, resolvers: messageResolvers },
  { typeDefs: reviewTypeDefs, resolvers: reviewResolvers },
  { typeDefs: trackRecordTypeDefs, resolvers: trackRecordResolvers },
];

export function ordersModels(connection: Parameters<typeof orderModel>[0]): OrdersModels {
  return { Order: orderModel(connection), Message: messageModel(connection), Review: reviewModel(connection), Claim: claimModel(connection) };
}

export type StartedOrdersService = StartedSubgraph<OrdersModels> & { autoCompletion: AutoCompletionJob };

export async function startOrdersService(options: OrdersServiceOptions): Promise<StartedOrdersService> {
  const clock = options.clock ?? (() => new Date());
  const deps: OrdersDeps = {
    clock,
    lookupGigs: (ids, requestId) =>
      lookupGigs(options.urls.gigs, ids, { serviceToken: options.serviceToken, ...(requestId ? { requestId } : {}) }),
  };
  let job: AutoCompletionJob | null = null;
  const started = await startSubgraph<OrdersModels, OrdersContext>({
    name: 'orders',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'orders',
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    models: ordersModels,
    modules: ordersModules,
    onStart: async (models) => {
      job = createAutoCompletionJob(models, clock, options.logger);
      const interval = options.autoCompleteIntervalMs ?? undefined;
      return interval === 0 ? [] : [job.start(interval)];
    },
    context: (base, models) => createContext(base, models, deps),
  });
  return Object.assign(started, { autoCompletion: job! });
}
