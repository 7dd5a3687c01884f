import { runSubgraphProcess, serviceOptionsFrom } from '@gigmart/shared';
import { startMediaService } from './app.js';
import { mediaEnvSchema } from './config.js';

await runSubgraphProcess('media', mediaEnvSchema, ({ config, ...deps }) =>
  startMediaService({
    ...serviceOptionsFrom(config, deps, config.MEDIA_PORT),
    dataDir: config.DATA_DIR,
    s3Url: config.S3_URL,
    publicUrl: config.MEDIA_PUBLIC_URL,
    signingKey: config.MEDIA_SIGNING_KEY,
    cleanupIntervalMs: config.MEDIA_CLEANUP_INTERVAL_MS,
  }),
);
