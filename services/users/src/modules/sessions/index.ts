import type { SubgraphModule } from '@gigmart/shared';
import { sessionsResolvers } from './resolvers.js';
import { sessionsTypeDefs } from './schema.js';

export const sessionsModule: SubgraphModule = { typeDefs: sessionsTypeDefs, resolvers: sessionsResolvers };
export { sessionModel, sessionSpendModel, familyRevocationModel } from './model.js';
export { createAccessTokenSigner, sessionIdOfVerifiedToken, type AccessTokenSigner } from './access-token.js';
export { generateSigningKeys, loadSigningKeys, type KeySource, type SigningKeys } from './keys.js';
export { endOtherSessions, openSession, type SignedIn } from './service.js';
export { startCleanupJob } from './cleanup.js';
export { mountJwksRoute } from './routes.js';
