import { createLogger, loadConfig, onShutdown } from '@gigmart/shared';
import { startGateway } from './app.js';
import { gatewayEnvSchema } from './config.js';

const config = loadConfig(gatewayEnvSchema);
const logger = createLogger('gateway', config.LOG_LEVEL);
try {
  const gateway = await startGateway({ config, logger });
  onShutdown(logger, [gateway.stop]);
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
