import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Writable } from 'node:stream';
import { INTERNAL_ERROR_MESSAGE, parseConfig, type HttpService } from '@gigmart/shared';
import { graphqlRequest } from '@gigmart/shared/testing';
import { pino } from 'pino';
import { startGateway, gatewayEnvSchema } from '@gigmart/gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

type Misbehaviour = 'leak' | 'hang' | 'crash' | 'reset';

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * The orders subgraph as a client of the gateway could never see it: its schema is the real one
 * (fetched from the running orders service), but its answers misbehave on demand.
 */
async function startMisbehavingOrders(realOrdersUrl: string) {
  let mode: Misbehaviour = 'leak';
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    (req, res) =>
      void (async () => {
        if (req.method === 'GET' && req.url === '/health') {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
          return;
        }
        const body = await readBody(req);
        if (body.includes('_service')) {
          const real = await fetch(`${realOrdersUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          res.writeHead(real.status, { 'content-type': 'application/json' }).end(await real.text());
          return;
        }
        switch (mode) {
          case 'leak':
            res.writeHead(200, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                data: { order: null },
                errors: [
                  {
                    message: 'MongoServerError: connect ECONNREFUSED 10.1.2.3:27017',
                    path: ['order'],
                    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at /srv/orders/dist/app.js:12:3'] },
                  },
                ],
              }),
            );
            return;
          case 'crash':
            res
              .writeHead(500, { 'content-type': 'text/html' })
              .end('<pre>TypeError: x is undefined\n    at /srv/orders/dist/app.js:12:3</pre>');
            return;
          case 'reset':
            req.socket.destroy();
            return;
          case 'hang':
            return; // never answers; closed when the test ends
        }
      })(),
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (next: Misbehaviour) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const QUERY = '{ categories { name } order(id: "64b000000000000000000001") { id } }';

interface Body {
  data: { categories: Array<{ name: string }>; order: null } | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }>;
}

describe('errors from a misbehaving subgraph', () => {
  let stack: TestStack;
  let orders: Awaited<ReturnType<typeof startMisbehavingOrders>>;
  let gateway: HttpService;
  const logLines: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    orders = await startMisbehavingOrders(stack.urls.orders);
    const config = parseConfig(gatewayEnvSchema, {
      USERS_URL: stack.urls.users,
      GIGS_URL: stack.urls.gigs,
      ORDERS_URL: orders.url,
      INBOX_URL: stack.urls.inbox,
      MEDIA_URL: stack.urls.media,
      SUPERGRAPH_POLL_MS: '0',
      SUBGRAPH_TIMEOUT_MS: '300',
    });
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      }),
    );
    gateway = await startGateway({ config, logger, port: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await orders?.close();
    await stack?.stop();
  });
  beforeEach(() => {
    logLines.length = 0;
  });

  async function ask(): Promise<{ status: number; text: string; body: Body; requestId: string | null }> {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Body, requestId: response.headers.get('x-request-id') };
  }

  it('masks an internal error as INTERNAL_SERVER_ERROR with the request id, and logs it in full', async () => {
    orders.set('leak');
    const { status, text, body, requestId } = await ask();
    expect(status).toBe(200);
    expect(body.data!.categories.length).toBeGreaterThan(0);
    expect(body.data!.order).toBeNull();
    expect(body.errors).toEqual([
      { message: INTERNAL_ERROR_MESSAGE, path: ['order'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
    ]);
    expect(text).not.toMatch(/Mongo|ECONNREFUSED|10\.1\.2\.3|\/srv\/|stacktrace/);
    const logged = logLines.filter((line) => line.includes('unexpected error in GraphQL request'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('ECONNREFUSED 10.1.2.3:27017');
    expect(logged[0]).toContain(requestId!);
  });

  it('times out a subgraph that does not answer: the rest still comes back', async () => {
    orders.set('hang');
    const { status, body } = await ask();
    expect(status).toBe(200);
    expect(body.data!.categories.length).toBeGreaterThan(0);
    expect(body.data!.order).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toBe('The orders service did not answer in time.');
    expect(body.errors![0]!.extensions['code']).toBe('SERVICE_UNAVAILABLE');
  });

  it.each(['crash', 'reset'] as const)('reports a subgraph that fails (%s) as unavailable without its details', async (mode) => {
    orders.set(mode);
    const { status, text, body } = await ask();
    expect(status).toBe(200);
    expect(body.data!.categories.length).toBeGreaterThan(0);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toBe('The orders service is unavailable.');
    expect(body.errors![0]!.extensions['code']).toBe('SERVICE_UNAVAILABLE');
    expect(text).not.toMatch(/TypeError|\/srv\/|socket|127\.0\.0\.1|stack/i);
    expect(logLines.some((line) => line.includes('"subgraph":"orders"'))).toBe(true);
  });

  it('never shows a stack trace, even for a malformed request in development mode', async () => {
    const res = await graphqlRequest(`${gateway.url}/graphql`, '{ categories { name } ', {});
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.js/);
    const html = await fetch(`${gateway.url}/graphql`, { method: 'PUT', body: 'x' });
    expect(await html.text()).not.toMatch(/at .*\.js|node_modules/);
  });
});
