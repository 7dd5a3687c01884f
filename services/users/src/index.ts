export { startUsersService, subgraphModules, type StartedUsersService, type UsersServiceOptions } from './app.js';
export { usersEnvSchema } from './config.js';
export { generateSigningKeys, loadSigningKeys, type SigningKeys } from './sessions/keys.js';
export { userModel, credentialModel, type UserDoc } from './accounts/index.js';
