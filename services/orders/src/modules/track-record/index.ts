import type { SubgraphModule } from '@gigmart/shared';
import { trackRecordResolvers } from './resolvers.js';
import { trackRecordTypeDefs } from './schema.js';

export const trackRecordModule: SubgraphModule = { typeDefs: trackRecordTypeDefs, resolvers: trackRecordResolvers };
