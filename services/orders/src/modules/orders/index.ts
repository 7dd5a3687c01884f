import type { SubgraphModule } from '@gigmart/shared';
import { orderResolvers } from './resolvers.js';
import { orderTypeDefs } from './schema.js';

export const ordersModule: SubgraphModule = { typeDefs: orderTypeDefs, resolvers: orderResolvers };
