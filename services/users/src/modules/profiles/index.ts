import type { SubgraphModule } from '@gigmart/shared';
import { profileResolvers } from './resolvers.js';
import { profileTypeDefs } from './schema.js';

export const profilesModule: SubgraphModule = { typeDefs: profileTypeDefs, resolvers: profileResolvers };
export { setAdmin, canSeePrivateFields } from './service.js';
