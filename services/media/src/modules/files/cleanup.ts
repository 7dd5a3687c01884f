import { randomUUID } from 'node:crypto';
import { startPeriodicJob, type Logger, type PeriodicJob } from '@gigmart/shared';
import { createContext, type MediaServices } from '../../context.js';
import { deleteUnusedFiles } from './service.js';

export const CLEANUP_INTERVAL_MS = 60 * 60_000;

/**
 * The local database has no TTL indexes: a periodic job deletes, with their bytes, the files
 * nobody finished or used (PENDING 24 hours after createUpload, READY and attached to nothing 24
 * hours after the checks). It runs once at start, then every `intervalMs` (0: never by itself;
 * tests call runOnce), and never keeps the process alive.
 */
export function startCleanupJob(options: { services: MediaServices; logger: Logger; intervalMs?: number | undefined }): PeriodicJob {
  const { logger } = options;
  return startPeriodicJob({
    name: 'media cleanup',
    logger,
    intervalMs: options.intervalMs ?? CLEANUP_INTERVAL_MS,
    runAtStart: true,
    run: async () => {
      const ctx = createContext({ requestId: `cleanup-${randomUUID()}`, logger, viewer: null }, options.services);
      const files = await deleteUnusedFiles(ctx);
      if (files) logger.info({ files }, 'cleanup deleted unused files');
    },
  });
}
