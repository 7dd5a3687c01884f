import { runSubgraphProcess } from '@gigmart/shared';
import { startGigsService } from './app.js';
import { gigsEnvSchema } from './config.js';

await runSubgraphProcess('gigs', gigsEnvSchema, ({ config, logger, mongoUri }) =>
  startGigsService({ logger, mongoUri, port: config.GIGS_PORT, host: config.HOST, usersUrl: config.USERS_URL }),
);
