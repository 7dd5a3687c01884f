import type { z } from 'zod';
import { loadConfig, type SubgraphConfig } from './config.js';
import { startDatabaseServer } from './db/launcher.js';
import { onShutdown } from './http/shutdown.js';
import { createLogger, type Logger } from './logger.js';

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

/**
 * The entry point of a subgraph process: validated config, logger, the database (found or started),
 * the service itself, and graceful shutdown in the right order (drain HTTP, close the database
 * connection, then stop a database server this process started).
 */
export async function runSubgraphProcess<S extends z.ZodType<SubgraphConfig>>(
  name: string,
  schema: S,
  start: (deps: { config: z.infer<S>; logger: Logger; mongoUri: string }) => Promise<RunningSubgraph>,
): Promise<void> {
  const config = loadConfig(schema);
  const logger = createLogger(name, config.LOG_LEVEL);
  try {
    const database = await startDatabaseServer({ logger, mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
    const service = await start({ config, logger, mongoUri: database.uri });
    onShutdown(logger, [service.stop, database.stop]);
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}
