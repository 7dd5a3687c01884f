import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInternal, InternalCallError, SERVICE_TOKEN_HEADER } from './service-token.js';

describe('callInternal', () => {
  let server: Server;
  let baseUrl: string;
  let connections = 0;
  const received: Array<{ path: string; token: unknown; requestId: unknown; body: unknown }> = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          token: req.headers[SERVICE_TOKEN_HEADER],
          requestId: req.headers['x-request-id'],
          body: JSON.parse(text),
        });
        answer(req, res);
      });
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts JSON with the service credential and the request id, and reads the JSON answer', async () => {
    answer = (_req, res) => res.setHeader('content-type', 'application/json').end('{"members":[{"id":"a"}]}');
    const result = await callInternal<{ members: Array<{ id: string }> }>(
      baseUrl,
      '/internal/members',
      { ids: ['a'] },
      {
        token: 'secret',
        requestId: 'req-1',
      },
    );
    expect(result).toEqual({ members: [{ id: 'a' }] });
    expect(received.at(-1)).toEqual({ path: '/internal/members', token: 'secret', requestId: 'req-1', body: { ids: ['a'] } });
  });

  it('answers undefined for an empty 204', async () => {
    answer = (_req, res) => res.writeHead(204).end();
    await expect(callInternal(baseUrl, '/internal/events', { events: [] }, { token: 'secret' })).resolves.toBeUndefined();
  });

  it('throws InternalCallError with the status for an answer that is not 2xx, and keeps the connection for the next call', async () => {
    answer = (_req, res) =>
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Gigs are not ready.' }));
    const failed = await callInternal(baseUrl, '/internal/gigs', { ids: [] }, { token: 'secret' }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(InternalCallError);
    expect(failed).toMatchObject({ status: 503, message: '/internal/gigs answered 503' });
    const afterFailure = connections;
    answer = (_req, res) => res.end('{"ok":true}');
    await expect(callInternal(baseUrl, '/internal/gigs', { ids: [] }, { token: 'secret' })).resolves.toEqual({ ok: true });
    // The failed answer was read, so the next call went over the same kept-alive connection.
    expect(connections).toBe(afterFailure);
  });

  it('gives up after timeoutMs when the other service does not answer', async () => {
    answer = () => {}; // never answers
    const failed = await callInternal(baseUrl, '/internal/slow', {}, { token: 'secret', timeoutMs: 200 }).catch((error: unknown) => error);
    // The call's own deadline, not a refused or reset connection.
    expect(failed).toMatchObject({ name: 'TimeoutError' });
  });
});
