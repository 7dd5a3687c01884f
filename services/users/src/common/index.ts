import type { SubgraphModule } from '@gigmart/shared';
import { DateTimeScalar } from './date-time.js';
import { commonTypeDefs } from './schema.js';

export const commonModule: SubgraphModule = { typeDefs: commonTypeDefs, resolvers: { DateTime: DateTimeScalar } };
