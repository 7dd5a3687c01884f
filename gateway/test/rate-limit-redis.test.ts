/**
 * The gateway's rate limit with REDIS_URL: two gateway instances (two stores, two Redis
 * connections, as two processes have) count each client together; without Redis each counts alone.
 * Uses the Redis on 127.0.0.1:6379 (REDIS_URL to use another), as the machines and CI run one.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@gigmart/shared';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlRateLimit, type RateLimitStore } from '../src/limits.js';
import { createRedisRateLimitStore, type SharedRateLimitStore } from '../src/rate-limit-store.js';

const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const logger = createLogger('gateway-test', 'silent');
const servers: Array<{ close(): void }> = [];
const stores: SharedRateLimitStore[] = [];

/** A stand-in gateway instance: the rate limit in front of a /graphql that answers ok. */
async function instance(limit: number, store?: RateLimitStore): Promise<string> {
  const app = express();
  app.use('/graphql', graphqlRateLimit(limit, store), (_req, res) => void res.json({ data: { ok: true } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const statusOf = async (url: string) => (await fetch(url, { method: 'POST' })).status;

afterAll(async () => {
  for (const server of servers) server.close();
  for (const store of stores) await store.close();
});

describe('the rate limit across gateway instances', () => {
  it('with Redis, counts a client once across two instances: the limit holds in all', async () => {
    const prefix = `gigmart-test:${randomUUID()}:`;
    const a = createRedisRateLimitStore(REDIS_URL, logger, { prefix });
    const b = createRedisRateLimitStore(REDIS_URL, logger, { prefix });
    stores.push(a, b);
    const [first, second] = [await instance(3, a.store), await instance(3, b.store)];
    expect([await statusOf(first), await statusOf(second), await statusOf(first)]).toEqual([200, 200, 200]);
    // The fourth request of this client, to either instance, is over the limit.
    expect(await statusOf(second)).toBe(429);
    expect(await statusOf(first)).toBe(429);
  });

  it('without Redis (the default), each instance counts alone', async () => {
    const [first, second] = [await instance(2), await instance(2)];
    expect([await statusOf(first), await statusOf(first), await statusOf(second), await statusOf(second)]).toEqual([200, 200, 200, 200]);
    expect(await statusOf(first)).toBe(429);
  });

  it('lets requests through while Redis cannot be reached, rather than refuse every client', async () => {
    const unreachable = createRedisRateLimitStore('redis://127.0.0.1:1', logger, { prefix: `gigmart-test:${randomUUID()}:` });
    stores.push(unreachable);
    const url = await instance(1, unreachable.store);
    expect([await statusOf(url), await statusOf(url)]).toEqual([200, 200]);
  });
});
