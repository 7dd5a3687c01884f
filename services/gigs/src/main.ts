import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startGigsService } from './app.js';
import { gigsEnvSchema } from './config.js';

await runSubgraphProcess('gigs', gigsEnvSchema, ({ config, ...deps }) =>
  startGigsService({
    ...serviceOptionsFrom(config, deps, config.GIGS_PORT),
    events: { natsUrl: config.NATS_URL },
    searchLimit: { concurrency: config.GIGS_SEARCH_CONCURRENCY, queue: config.GIGS_SEARCH_QUEUE },
    searchReconcileMs: config.GIGS_SEARCH_RECONCILE_SECONDS * 1000,
  }),
);
