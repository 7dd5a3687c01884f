export { startUsersService, type UsersServiceOptions } from './app.js';
export { usersEnvSchema } from './config.js';
