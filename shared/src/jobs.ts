import type { Logger } from './logger.js';
import type { BackgroundTask } from './subgraph.js';

export interface PeriodicJob extends BackgroundTask {
  /** One pass now; a call while a pass runs joins that pass instead of starting another. */
  runOnce(): Promise<void>;
}

export interface PeriodicJobOptions {
  /** Names the job in logs: "<name> failed; it will run again". */
  name: string;
  logger: Logger;
  /** Milliseconds between passes; 0 starts no timer (tests call runOnce themselves). */
  intervalMs: number;
  /** Also run a pass at once (when a timer runs). Default false. */
  runAtStart?: boolean;
  /** The pass. A failure is logged and the next pass runs as planned. */
  run(): Promise<void>;
}

/**
 * The one loop behind every periodic job (cleanups, expiries, auto-completion): passes never overlap,
 * a failed pass is logged and retried at the next tick, the timer never keeps the process alive, and
 * `stop()` waits for the pass under way. Several instances may run the same job: each pass must be
 * safe to run twice (conditional updates, leases), which the job's own code guarantees.
 */
export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const { logger, name } = options;
  let running: Promise<void> | null = null;
  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        await options.run();
      } catch (error) {
        logger.warn({ err: error, job: name }, `${name} failed; it will run again`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void runOnce(), options.intervalMs) : null;
  timer?.unref();
  if (timer && options.runAtStart) void runOnce();
  return {
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
