import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startUsersService } from './app.js';
import { usersEnvSchema } from './config.js';
import { SIGN_UP_THROTTLE } from './modules/accounts/index.js';

await runSubgraphProcess('users', usersEnvSchema, ({ config, ...deps }) =>
  startUsersService({
    ...serviceOptionsFrom(config, deps, config.USERS_PORT),
    signUpThrottle: { ...SIGN_UP_THROTTLE, perAddress: config.SIGN_UP_LIMIT_PER_HOUR },
    keySource: {
      nodeEnv: config.NODE_ENV,
      dataDir: config.DATA_DIR,
      privateKeyFile: config.JWT_PRIVATE_KEY_FILE,
      previousPublicKeyFiles: config.JWT_PREVIOUS_PUBLIC_KEY_FILES,
    },
  }),
);
