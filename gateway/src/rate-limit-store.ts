import type { Logger } from '@gigmart/shared';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { RateLimitStore } from './limits.js';

export interface SharedRateLimitStore {
  store: RateLimitStore;
  close(): Promise<void>;
}

/**
 * The rate limit's counts in Redis (REDIS_URL), shared by every gateway instance: a client making
 * requests through several gateways behind a load balancer gets RATE_LIMIT_PER_MINUTE in all, not
 * per instance. Each count is one atomic Redis script (increment, set the window's expiry). While
 * Redis cannot be reached the gateway lets requests through (express-rate-limit's
 * passOnStoreError, set in limits.ts) and logs it, rather than refuse every client.
 */
export function createRedisRateLimitStore(url: string, logger: Logger, options: { prefix?: string } = {}): SharedRateLimitStore {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 2000,
      // Reconnect for ever, at most every 2 s: the limit comes back by itself with Redis.
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
    },
    // A command while disconnected fails at once (the request then passes) instead of queueing.
    disableOfflineQueue: true,
  });
  let reported = false;
  client.on('error', (error: unknown) => {
    if (reported) return;
    reported = true;
    logger.warn({ err: error }, 'rate limit store (Redis) unreachable: requests pass unlimited until it is back');
  });
  client.on('ready', () => {
    if (reported) logger.info('rate limit store (Redis) reachable again');
    reported = false;
  });
  // Not awaited: a gateway starts (and serves, unlimited) while Redis is still out of reach.
  client.connect().catch((error: unknown) => logger.warn({ err: error }, 'rate limit store (Redis): first connection failed'));
  const store = new RedisStore({
    // Keys: the prefix and the client's address; tests use a prefix of their own.
    prefix: options.prefix ?? 'gigmart:rate-limit:',
    sendCommand: (...args: string[]) => client.sendCommand<RedisReply>(args),
  });
  // The store loads its scripts at once; while Redis is out of reach that fails, and the failure is
  // only looked at by the first count. Handled here so it is never an unhandled rejection (which
  // stops a Node process); each count loads them again when they are missing.
  for (const loading of [store.incrementScriptSha, store.getScriptSha]) loading.catch(() => {});
  return {
    store,
    close: async () => {
      await client.close().catch(() => {});
    },
  };
}
