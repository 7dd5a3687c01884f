import cluster from 'node:cluster';
import { createLogger, loadConfig, onShutdown, resolveServiceToken, startTracing } from '@gigmart/shared';
import { startGateway } from './app.js';
import { workerRateLimitStore } from './rate-limit-leases.js';
import { createRedisRateLimitStore } from './rate-limit-store.js';
import { gatewayEnvSchema, workerCount } from './config.js';
import { startWorkers } from './workers.js';

const config = loadConfig(gatewayEnvSchema);
const workers = workerCount(config);
const baseLogger = createLogger('gateway', config.LOG_LEVEL);
const logger = cluster.isWorker ? baseLogger.child({ worker: cluster.worker?.id }) : baseLogger;
const shutdown = onShutdown(logger);
// Registered first, so that it is shut down last: spans still buffered go out on the way down.
const tracing = cluster.isPrimary && workers > 1 ? null : startTracing('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT, logger);
if (tracing) shutdown.add(() => tracing.shutdown());
try {
  if (cluster.isPrimary && workers > 1) {
    const started = startWorkers(workers, logger);
    shutdown.add(() => started.stop());
  } else {
    // REDIS_URL: one count per client across every gateway instance; else this process's (or its primary's).
    const shared = config.REDIS_URL ? createRedisRateLimitStore(config.REDIS_URL, logger) : null;
    if (shared) shutdown.add(() => shared.close());
    const gateway = await startGateway({
      config,
      logger,
      // Like the subgraphs': SERVICE_TOKEN, else the one generated into DATA_DIR (development).
      serviceToken: await resolveServiceToken(config.SERVICE_TOKEN, config.DATA_DIR),
      // Workers count each client address together, in leases from the primary's count.
      ...(shared ? { rateLimitStore: shared.store } : cluster.isWorker ? { rateLimitStore: workerRateLimitStore() } : {}),
    });
    shutdown.add(() => gateway.stop());
  }
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
