import type { SubgraphModule } from '@gigmart/shared';
import { accountResolvers } from './resolvers.js';
import { accountTypeDefs } from './schema.js';

export const accountsModule: SubgraphModule = { typeDefs: accountTypeDefs, resolvers: accountResolvers };
export { AccountService } from './service.js';
export { userModel, credentialModel, loginFailureModel, type UserDoc, type UserModel } from './model.js';
export { LoginThrottle, LOGIN_THROTTLE, type ThrottlePolicy } from './throttle.js';
export { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './passwords.js';
