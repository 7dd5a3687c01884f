import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@gigmart/shared';
import { relayLiveEventsBetweenWorkers } from './live/sources.js';
import { serveRateLimitLeases } from './rate-limit-leases.js';

/** A worker that dies this soon after it started is failing to start, not crashing under load. */
const EARLY_EXIT_MS = 5000;
/** After this many early deaths in a row the primary gives up rather than fork forever. */
const MAX_EARLY_EXITS = 3;

export interface Workers {
  stop: () => Promise<void>;
}

/**
 * The primary of GATEWAY_WORKERS > 1: forks that many gateway processes, which share the port
 * through node:cluster (the primary accepts each connection and hands it round-robin to a worker),
 * replaces one that dies, and stops them all on shutdown.
 *
 * Why: one Node process runs JavaScript on one core, and a gateway's work per request (parsing,
 * validation, query planning, merging subgraph responses into JSON) is all JavaScript. Workers
 * share nothing but the rate limit, which the primary keeps so it counts per client address
 * across all of them (workers draw on it in leases: rate-limit-leases.ts), and the live events the services POST to one of
 * them, which the primary hands to all (live/sources.ts); caches (query plans, APQ, JWKS) are per worker.
 */
export function startWorkers(count: number, logger: Logger): Workers {
  serveRateLimitLeases(count);
  // Live events a worker received over HTTP reach the subscribers of every worker.
  relayLiveEventsBetweenWorkers();

  let stopping = false;
  let earlyExits = 0;
  const startedAt = new Map<number, number>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    earlyExits = lived < EARLY_EXIT_MS ? earlyExits + 1 : 0;
    if (earlyExits >= MAX_EARLY_EXITS) {
      logger.fatal({ code, signal }, `gateway workers keep exiting at start (${earlyExits} in a row): giving up`);
      void stopAll().then(() => process.exit(1));
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'gateway worker exited: starting another');
    fork();
  });

  for (let i = 0; i < count; i += 1) fork();
  logger.info({ workers: count }, 'gateway primary started its workers');

  return { stop: stopAll };

  async function stopAll(): Promise<void> {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            // Each worker drains its own requests on SIGTERM (shared onShutdown), as a lone gateway does.
            worker.kill('SIGTERM');
          }),
      ),
    );
  }
}
