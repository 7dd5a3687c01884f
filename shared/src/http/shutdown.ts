import type { Logger } from '../logger.js';

export interface Shutdown {
  /** Registers something to stop; the last registered stops first (as things start in order). */
  add(task: () => Promise<unknown>): void;
}

/**
 * Graceful shutdown, installed before anything starts so a signal during start-up is handled too.
 * On the first SIGINT or SIGTERM it runs the registered tasks, newest first (drain HTTP before
 * closing the database it uses), then exits 0. Later signals are ignored: Ctrl-C reaches a process
 * both from the terminal and from a wrapper such as tsx or npm, and that must not cut the drain
 * short. A shutdown past `timeoutMs` exits 1 so an orchestrator is never left waiting.
 */
export function onShutdown(logger: Logger, timeoutMs = 9500): Shutdown {
  const tasks: Array<() => Promise<unknown>> = [];
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    void (async () => {
      for (const task of [...tasks].reverse()) {
        try {
          await task();
        } catch (error) {
          logger.error({ err: error }, 'error during shutdown');
        }
      }
      logger.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  // Started by `npm start` with an IPC channel: when that parent dies, even by SIGKILL, the
  // channel closes and we stop too rather than linger as an orphan holding a port.
  if (process.send) process.on('disconnect', () => handler('SIGTERM'));
  return { add: (task) => void tasks.push(task) };
}
