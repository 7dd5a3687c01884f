import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphqlRequest } from '@gigmart/shared/testing';
import { startStack, type ProcessStack } from '@gigmart/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Polls the gateway's readiness until it reports `status` (the gateway's own view, not a timer). */
async function readiness(gatewayUrl: string, status: number): Promise<{ status: number; body: Record<string, unknown> }> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${gatewayUrl}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status || attempt >= 100) return { status: response.status, body };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CROSS_SUBGRAPH = '{ categories { name } me { id } }';

describe('a subgraph outage', () => {
  let stack: ProcessStack;
  let gatewayUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-outage-'));
    // Each process on its own, as `npm run dev` starts them, so that the test can kill users for
    // real (SIGKILL: no graceful goodbye) and start it again on the same port. Not restarted by
    // the stack: the outage lasts until the test ends it.
    stack = await startStack({
      mode: 'processes',
      from: 'source',
      mongoUrl: process.env['MONGO_URL'],
      dataDir,
      ephemeralDatabase: true,
      // Every read reaches the subgraphs (no kept anonymous answers): the test is about their outage.
      processEnv: { gateway: { SUPERGRAPH_POLL_MS: '0', RESPONSE_CACHE_SECONDS: '0' } },
      output: 'silent',
      restart: false,
    });
    gatewayUrl = stack.gatewayUrl;
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the whole query while every subgraph is up', async () => {
    const res = await graphqlRequest<{ categories: unknown[]; me: null }>(`${gatewayUrl}/graphql`, CROSS_SUBGRAPH);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.length).toBeGreaterThan(0);
    expect((await readiness(gatewayUrl, 200)).status).toBe(200);
  });

  it('with users killed: the gigs part still answers, the users part is an error naming the service, no 500', async () => {
    const users = stack.pid('users')!;
    process.kill(users, 'SIGKILL');
    await new Promise<void>((resolve) => {
      const poll = () => (stack.pid('users') === undefined ? resolve() : setTimeout(poll, 50));
      poll();
    });
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CROSS_SUBGRAPH }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as {
      data: { categories: Array<{ name: string }>; me: null };
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.data.categories.map((c) => c.name)).toContain('Graphics & Design');
    expect(body.data.me).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toBe('The users service is unavailable.');
    expect(body.errors[0]!.extensions['code']).toBe('SERVICE_UNAVAILABLE');
    // Nothing about how the gateway reaches the subgraph leaks out.
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|localhost|fetch failed|stack/i);
    expect(text).not.toContain(String(stack.ports.users));
  });

  it('with users killed: /ready is 503 naming users while /health stays 200', async () => {
    const ready = await readiness(gatewayUrl, 503);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', notReady: ['users'] });
    expect((await fetch(`${gatewayUrl}/health`)).status).toBe(200);
  });

  it('recovers without a restart once users is back', async () => {
    await stack.startService('users');
    expect((await readiness(gatewayUrl, 200)).status).toBe(200);
    const res = await graphqlRequest<{ categories: unknown[]; me: null }>(`${gatewayUrl}/graphql`, CROSS_SUBGRAPH);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.length).toBeGreaterThan(0);
    expect(res.data!.me).toBeNull();
  });
});
