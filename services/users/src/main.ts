import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startUsersService } from './app.js';
import { usersEnvSchema } from './config.js';

await runSubgraphProcess('users', usersEnvSchema, ({ config, ...deps }) =>
  startUsersService({
    ...serviceOptionsFrom(config, deps, config.USERS_PORT),
    keySource: {
      nodeEnv: config.NODE_ENV,
      dataDir: config.DATA_DIR,
      privateKeyFile: config.JWT_PRIVATE_KEY_FILE,
      previousPublicKeyFiles: config.JWT_PREVIOUS_PUBLIC_KEY_FILES,
    },
  }),
);
