import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TOKEN_HEADER } from '../auth/service-token.js';
import { EVENTS_ROUTE, mountEventReceiver } from '../events/http.js';
import { helloSchema, testLogger } from '../testing/index.js';
import { internalRoute } from './internal-route.js';
import { startHttpService, type HttpService } from './service.js';

/**
 * Every process answers every error as JSON, without internals, and internal routes check the
 * caller's credential before they read a body.
 */
const TOKEN = 'a-service-token-of-at-least-32-characters';
let service: HttpService;
let handled = 0;

beforeAll(async () => {
  service = await startHttpService({
    name: 'probe',
    port: 0,
    logger: testLogger,
    schema: helloSchema(),
    readiness: {},
    context: () => Promise.resolve({}),
    routes: (app) => {
      internalRoute(app, '/internal/echo', { serviceToken: TOKEN, maxBytes: 1024 }, (body, _req, res) => {
        handled += 1;
        res.json({ body });
      });
      internalRoute(app, '/internal/broken', { serviceToken: TOKEN, maxBytes: 1024 }, () => {
        throw new Error('database password is hunter2 at /srv/app/src/db.ts:12');
      });
      mountEventReceiver(app, { serviceToken: TOKEN, logger: testLogger, maxBytes: 1024 * 1024, handler: () => Promise.resolve() });
    },
  });
});
afterAll(() => service.stop());

async function send(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

function expectCleanJson(res: { type: string; text: string }) {
  expect(res.type).toContain('application/json');
  expect(res.text).not.toMatch(/<html|<pre|at .*\.(ts|js):\d|node_modules|hunter2|\/srv\//i);
}

describe('errors are JSON without internals', () => {
  it('bad JSON on /graphql: 400', async () => {
    const res = await send('/graphql', '{"query": ');
    expect(res.status).toBe(400);
    expectCleanJson(res);
    expect(JSON.parse(res.text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('an oversized body on /graphql: 413', async () => {
    const res = await send('/graphql', JSON.stringify({ query: '{ hello }', variables: { x: 'x'.repeat(2_000_000) } }));
    expect(res.status).toBe(413);
    expectCleanJson(res);
  });

  it('bad JSON on an internal route: 400', async () => {
    const res = await send('/internal/echo', '{nope', { [SERVICE_TOKEN_HEADER]: TOKEN });
    expect(res.status).toBe(400);
    expectCleanJson(res);
  });

  it('a failing handler: a masked 500 with the request id', async () => {
    const res = await send('/internal/broken', '{}', { [SERVICE_TOKEN_HEADER]: TOKEN });
    expect(res.status).toBe(500);
    expectCleanJson(res);
    const { errors } = JSON.parse(res.text) as { errors: Array<{ extensions: { code: string; requestId: unknown } }> };
    expect(errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(typeof errors[0]!.extensions.requestId).toBe('string');
  });
});

describe('internal routes authenticate before reading a body', () => {
  it('refuses a caller without the credential before parsing: 401, not a parse or size error', async () => {
    const before = handled;
    expect((await send('/internal/echo', '{not json at all')).status).toBe(401);
    expect((await send('/internal/echo', JSON.stringify({ big: 'x'.repeat(10_000) }))).status).toBe(401);
    expect(handled).toBe(before);
  });

  it('the events route too', async () => {
    expect((await send(EVENTS_ROUTE, `{"events": [${'x'.repeat(500_000)}`)).status).toBe(401);
    expect((await send(EVENTS_ROUTE, '{"events": [', { [SERVICE_TOKEN_HEADER]: TOKEN })).status).toBe(400);
  });

  it('takes a good call', async () => {
    const res = await send('/internal/echo', '{"a":1}', { [SERVICE_TOKEN_HEADER]: TOKEN });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ body: { a: 1 } });
  });
});
