import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startUsersService } from './app.js';
import { usersEnvSchema } from './config.js';

await runSubgraphProcess('users', usersEnvSchema, ({ config, ...deps }) =>
  startUsersService(serviceOptionsFrom(config, deps, config.USERS_PORT)),
);
