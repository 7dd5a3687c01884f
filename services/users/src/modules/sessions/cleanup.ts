import { randomUUID } from 'node:crypto';
import { startPeriodicJob, type Logger, type PeriodicJob } from '@gigmart/shared';
import { createContext, type UsersServices } from '../../context.js';
// From the file, not accounts' index: accounts imports sessions, and the job must not close a cycle.
import { deleteOldThrottleCounters } from '../accounts/throttle.js';
import { deleteEndedSessions } from './service.js';

export const CLEANUP_INTERVAL_MS = 60 * 60_000;
/** Ended sessions are kept this long after they end (for support and reuse reports), then deleted. */
export const ENDED_SESSION_RETENTION_MS = 7 * 24 * 60 * 60_000;
const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * FerretDB has no TTL indexes: a periodic job deletes expired and revoked sessions and old log-in
 * counters. It runs once at start, then every `intervalMs`, and never keeps the process alive.
 * Each run works in a context of its own with no viewer, as a command would.
 */
export function startCleanupJob(options: { services: UsersServices; logger: Logger; intervalMs?: number | undefined }): PeriodicJob {
  const { logger } = options;
  return startPeriodicJob({
    name: 'session cleanup',
    logger,
    intervalMs: options.intervalMs ?? CLEANUP_INTERVAL_MS,
    runAtStart: true,
    run: async () => {
      const ctx = createContext({ requestId: `cleanup-${randomUUID()}`, logger, viewer: null }, options.services);
      const now = ctx.clock().getTime();
      const ended = await deleteEndedSessions(ctx, new Date(now - ENDED_SESSION_RETENTION_MS));
      const attempts = await deleteOldThrottleCounters(ctx, new Date(now - LOGIN_ATTEMPT_RETENTION_MS));
      if (ended.sessions || ended.revokedFamilies || attempts)
        logger.info({ ...ended, loginAttempts: attempts }, 'cleanup deleted ended sessions');
    },
  });
}
