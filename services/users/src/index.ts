export { startUsersService, type StartedUsersService, type UsersServiceOptions } from './app.js';
export { usersEnvSchema } from './config.js';
export { createContext, usersModels, type UsersContext, type UsersModels } from './context.js';
export { subgraphModules } from './modules.js';
export { credentialModel, SIGN_UP_THROTTLE, type SignUpThrottlePolicy } from './modules/accounts/index.js';
export { userModel, type UserDoc } from './modules/profiles/index.js';
export { generateSigningKeys, loadSigningKeys, type SigningKeys } from './modules/sessions/index.js';
