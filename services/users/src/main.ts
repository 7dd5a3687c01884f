import { runSubgraphProcess } from '@gigmart/shared';
import { startUsersService } from './app.js';
import { usersEnvSchema } from './config.js';

await runSubgraphProcess('users', usersEnvSchema, ({ config, logger, mongoUri }) =>
  startUsersService({ logger, mongoUri, port: config.USERS_PORT, host: config.HOST }),
);
