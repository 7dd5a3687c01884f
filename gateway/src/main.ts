import { createLogger, loadConfig, onShutdown } from '@gigmart/shared';
import { startGateway } from './app.js';
import { gatewayEnvSchema } from './config.js';

const config = loadConfig(gatewayEnvSchema);
const logger = createLogger('gateway', config.LOG_LEVEL);
const shutdown = onShutdown(logger);
try {
  const gateway = await startGateway({ config, logger });
  shutdown.add(gateway.stop);
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
