import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type HttpService } from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import { startGateway, gatewayEnvSchema, compose } from '@gigmart/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

async function sdlOf(url: string): Promise<string> {
  const res = await graphqlRequest<{ _service: { sdl: string } }>(`${url}/graphql`, '{ _service { sdl } }');
  return res.data!._service.sdl;
}

describe('composition modes', () => {
  let stack: TestStack;
  let dir: string;
  const gateways: HttpService[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    dir = await mkdtemp(path.join(tmpdir(), 'gigmart-compose-'));
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('production: serves a supergraph file (SUPERGRAPH_PATH), routing by subgraph name to its own URLs', async () => {
    const subgraphs = await Promise.all(
      (['users', 'gigs', 'orders', 'inbox', 'media'] as const).map(async (name) => ({
        name,
        // Composed for another deployment: these URLs must not be used.
        url: `http://${name}.unused.invalid/graphql`,
        sdl: await sdlOf(stack.urls[name]),
      })),
    );
    const composed = compose(subgraphs);
    expect(composed.ok ? [] : composed.errors).toEqual([]);
    const file = path.join(dir, 'supergraph.graphql');
    await writeFile(file, (composed as { supergraphSdl: string }).supergraphSdl);

    const config = parseConfig(gatewayEnvSchema, {
      SUPERGRAPH_PATH: file,
      USERS_URL: stack.urls.users,
      GIGS_URL: stack.urls.gigs,
      ORDERS_URL: stack.urls.orders,
      INBOX_URL: stack.urls.inbox,
      MEDIA_URL: stack.urls.media,
    });
    const gateway = await startGateway({ config, logger: testLogger, port: 0 });
    gateways.push(gateway);
    const res = await graphqlRequest<{ category: { name: string } | null; me: null }>(
      `${gateway.url}/graphql`,
      '{ category(slug: "logo-design") { name } me { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ category: { name: 'Logo Design' }, me: null });
  });

  it('development: picks up a changed subgraph schema without a restart', async () => {
    // The orders subgraph behind a switch: its real schema first, then one with a new field.
    const realSdl = await sdlOf(stack.urls.orders);
    let sdl = realSdl;
    const server: Server = createServer(
      (req, res) =>
        void (async () => {
          let body = '';
          for await (const chunk of req) body += chunk;
          if (req.url === '/health') {
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
          } else if (body.includes('_service')) {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl } } }));
          } else if (body.includes('ordersPing')) {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ordersPing: 'pong' } }));
          } else {
            const real = await fetch(`${stack.urls.orders}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            res.writeHead(real.status, { 'content-type': 'application/json' }).end(await real.text());
          }
        })(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const ordersUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const config = parseConfig(gatewayEnvSchema, {
        USERS_URL: stack.urls.users,
        GIGS_URL: stack.urls.gigs,
        ORDERS_URL: ordersUrl,
        INBOX_URL: stack.urls.inbox,
        MEDIA_URL: stack.urls.media,
        SUPERGRAPH_POLL_MS: '100',
      });
      const gateway = await startGateway({ config, logger: testLogger, port: 0 });
      gateways.push(gateway);
      const url = `${gateway.url}/graphql`;

      const before = await graphqlRequest(url, '{ ordersPing }');
      expect(before.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

      sdl = `${realSdl}\n\nextend type Query {\n  ordersPing: String\n}\n`;
      let after = await graphqlRequest<{ ordersPing: string }>(url, '{ ordersPing }');
      for (let attempt = 0; after.errors && attempt < 100; attempt += 1) {
        await new Promise((r) => setTimeout(r, 100));
        after = await graphqlRequest<{ ordersPing: string }>(url, '{ ordersPing }');
      }
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual({ ordersPing: 'pong' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
