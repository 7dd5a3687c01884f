export { startUsersService, type StartedUsersService, type UsersServiceOptions } from './app.js';
export { subgraphModules } from './modules.js';
export { usersEnvSchema } from './config.js';
export { generateSigningKeys, loadSigningKeys, type SigningKeys } from './modules/sessions/keys.js';
export { userModel, credentialModel, type UserDoc } from './modules/accounts/index.js';
