import type { SubgraphModule } from '@gigmart/shared';
import { commonTypeDefs } from './schema.js';

export const commonModule: SubgraphModule = { typeDefs: commonTypeDefs };
