import type { SubgraphModule } from '@gigmart/shared';
import { sessionResolvers } from './resolvers.js';
import { sessionTypeDefs } from './schema.js';

export const sessionsModule: SubgraphModule = { typeDefs: sessionTypeDefs, resolvers: sessionResolvers };
export { SessionManager } from './service.js';
export { sessionModel, sessionSpendModel, familyRevocationModel } from './model.js';
export { createAccessTokenSigner, sessionIdOfVerifiedToken } from './access-token.js';
export { generateSigningKeys, loadSigningKeys, type SigningKeys } from './keys.js';
export { startCleanupJob } from './cleanup.js';
