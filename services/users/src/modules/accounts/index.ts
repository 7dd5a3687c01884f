import type { SubgraphModule } from '@gigmart/shared';
import { accountsResolvers } from './resolvers.js';
import { accountsTypeDefs } from './schema.js';

export const accountsModule: SubgraphModule = { typeDefs: accountsTypeDefs, resolvers: accountsResolvers };
export { credentialModel, throttleCounterModel } from './model.js';
export { DEFAULT_SCRYPT_PARAMS, DummyPasswordCheck, hashPassword, type ScryptParams } from './passwords.js';
export { LOGIN_THROTTLE, SIGN_UP_THROTTLE, type SignUpThrottlePolicy, type ThrottlePolicy } from './throttle.js';
