import type { SubgraphModule } from '@gigmart/shared';
import { accountResolvers } from './resolvers.js';
import { accountTypeDefs } from './schema.js';

export const accountsModule: SubgraphModule = { typeDefs: accountTypeDefs, resolvers: accountResolvers };
export { credentialModel, loginFailureModel } from './model.js';
export { DEFAULT_SCRYPT_PARAMS, DummyPasswordCheck, hashPassword, type ScryptParams } from './passwords.js';
export { deleteOldLoginFailures, LOGIN_THROTTLE, type ThrottlePolicy } from './throttle.js';
