import type { SubgraphModule } from '@gigmart/shared';
import { sessionResolvers } from './resolvers.js';
import { sessionTypeDefs } from './schema.js';

export const sessionsModule: SubgraphModule = { typeDefs: sessionTypeDefs, resolvers: sessionResolvers };
export { sessionModel, sessionSpendModel, familyRevocationModel } from './model.js';
export { createAccessTokenSigner, sessionIdOfVerifiedToken, type AccessTokenSigner } from './access-token.js';
export { generateSigningKeys, loadSigningKeys, type KeySource, type SigningKeys } from './keys.js';
export { endOtherSessions, openSession, type SignedIn } from './service.js';
export { startCleanupJob } from './cleanup.js';
export { mountJwksRoute } from './routes.js';
