export { startUsersService, subgraphModules, type StartedUsersService, type UsersServiceOptions } from './app.js';
export { usersEnvSchema } from './config.js';
export { generateSigningKeys, loadSigningKeys, type SigningKeys } from './sessions/keys.js';
