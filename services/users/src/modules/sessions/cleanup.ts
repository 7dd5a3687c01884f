import type { BackgroundTask, Logger } from '@gigmart/shared';
import type { LoginThrottle } from '../accounts/throttle.js';
import type { SessionManager } from './service.js';

export const CLEANUP_INTERVAL_MS = 60 * 60_000;
/** Ended sessions are kept this long after they end (for support and reuse reports), then deleted. */
export const ENDED_SESSION_RETENTION_MS = 7 * 24 * 60 * 60_000;
const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * FerretDB has no TTL indexes: a periodic job deletes expired and revoked sessions and old log-in
 * counters. It runs once at start, then every `intervalMs`, and never keeps the process alive.
 */
export function startCleanupJob(options: {
  sessions: SessionManager;
  throttle: LoginThrottle;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): BackgroundTask & { runOnce(): Promise<void> } {
  let running: Promise<void> | null = null;
  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        const now = options.clock().getTime();
        const ended = await options.sessions.deleteEnded(new Date(now - ENDED_SESSION_RETENTION_MS));
        const attempts = await options.throttle.deleteOld(new Date(now - LOGIN_ATTEMPT_RETENTION_MS));
        if (ended.sessions || ended.revokedFamilies || attempts) options.logger.info({ ...ended, loginAttempts: attempts }, 'cleanup deleted ended sessions');
      } catch (error) {
        options.logger.warn({ err: error }, 'session cleanup failed; it will run again');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? CLEANUP_INTERVAL_MS);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
