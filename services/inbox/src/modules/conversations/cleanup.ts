import { randomUUID } from 'node:crypto';
import { startPeriodicJob, type Logger, type PeriodicJob } from '@gigmart/shared';
import { createContext, type InboxServices } from '../../context.js';
import { deleteOldIdempotencyKeys, KEY_RETENTION_MS } from '../idempotency/index.js';
import { WINDOW_MS } from './rules.js';
import { deleteOldOpeningWindows } from './service.js';

export const CLEANUP_INTERVAL_MS = 60 * 60_000;

/**
 * The local database has no TTL indexes: a periodic job deletes the opening windows that ended a
 * day ago or more and the idempotency keys older than KEY_RETENTION_MS. It runs once at start, then
 * every `intervalMs` (0: never by itself; tests call runOnce), and never keeps the process alive.
 */
export function startCleanupJob(options: { services: InboxServices; logger: Logger; intervalMs?: number | undefined }): PeriodicJob {
  const { logger } = options;
  return startPeriodicJob({
    name: 'inbox cleanup',
    logger,
    intervalMs: options.intervalMs ?? CLEANUP_INTERVAL_MS,
    runAtStart: true,
    run: async () => {
      const ctx = createContext({ requestId: `cleanup-${randomUUID()}`, logger, viewer: null }, options.services);
      const now = ctx.clock().getTime();
      const windows = await deleteOldOpeningWindows(ctx, new Date(now - 2 * WINDOW_MS));
      const keys = await deleteOldIdempotencyKeys(ctx, new Date(now - KEY_RETENTION_MS));
      if (windows || keys)
        logger.info({ openingWindows: windows, idempotencyKeys: keys }, 'cleanup deleted old opening windows and idempotency keys');
    },
  });
}
