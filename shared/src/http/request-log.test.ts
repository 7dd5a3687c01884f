import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { helloSchema } from '../testing/index.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { startHttpService, type HttpService } from './service.js';

/** One line per request at its end, `req.log` bound to the request's id, nothing below the level. */
type Line = Record<string, unknown> & { msg: string };

const lines: Line[] = [];
const logger: Logger = pino(
  { level: 'info', base: { service: 'probe' } },
  { write: (line: string) => lines.push(JSON.parse(line) as Line) },
);
let service: HttpService;

beforeAll(async () => {
  service = await startHttpService({
    name: 'probe',
    port: 0,
    logger,
    schema: helloSchema(),
    readiness: {},
    context: () => Promise.resolve({}),
    routes: (app) => {
      app.get('/noted', (req, res) => {
        req.log.warn({ what: 'a note' }, 'noted by the route');
        res.json({ ok: true });
      });
      app.get('/broken', (_req, res) => {
        res.status(502).json({ error: 'upstream' });
      });
    },
  });
});
afterAll(() => service.stop());
beforeEach(() => {
  lines.length = 0;
  logger.level = 'info';
});

/** The lines written for the request with this id, once its line is in (written on `finish`, after the answer). */
async function linesOf(requestId: string, count = 1): Promise<Line[]> {
  for (let i = 0; i < 100; i += 1) {
    const found = lines.filter((line) => line['reqId'] === requestId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return lines.filter((line) => line['reqId'] === requestId);
}

describe('request logging', () => {
  it('writes one line per GraphQL request: method, URL, status, time and operation name, under its request id', async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'req-graphql-1' },
      body: JSON.stringify({ query: 'query Hello { hello }', operationName: 'Hello' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('req-graphql-1');
    const [line, ...more] = await linesOf('req-graphql-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      service: 'probe',
      msg: 'request completed',
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      operationName: 'Hello',
    });
    expect(line!['responseTime']).toEqual(expect.any(Number));
    // Nothing of the request's headers (a token) is written.
    expect(JSON.stringify(line)).not.toContain('authorization');
  });

  it('names a 5xx answer as errored, and what a route logs through req.log carries the request id', async () => {
    await fetch(`${service.url}/broken`, { headers: { [REQUEST_ID_HEADER]: 'req-broken-1' } });
    const [broken] = await linesOf('req-broken-1');
    expect(broken).toMatchObject({ msg: 'request errored', res: { statusCode: 502 } });

    await fetch(`${service.url}/noted`, { headers: { [REQUEST_ID_HEADER]: 'req-noted-1' } });
    const noted = await linesOf('req-noted-1', 2);
    expect(noted.map((line) => line.msg)).toEqual(['noted by the route', 'request completed']);
    expect(noted[0]).toMatchObject({ what: 'a note', level: 40 });
  });

  it('writes no line for health probes, and none at a level above info, where req.log still works', async () => {
    await fetch(`${service.url}/health?from=probe`, { headers: { [REQUEST_ID_HEADER]: 'req-health-1' } });
    await fetch(`${service.url}/noted`, { headers: { [REQUEST_ID_HEADER]: 'req-after-health' } });
    await linesOf('req-after-health', 2);
    expect(lines.filter((line) => line['reqId'] === 'req-health-1')).toEqual([]);

    logger.level = 'warn';
    await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'req-quiet-2' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    // Sent after the first has finished: once its own note is in, the first would have had its line.
    await fetch(`${service.url}/noted`, { headers: { [REQUEST_ID_HEADER]: 'req-quiet-1' } });
    const quiet = await linesOf('req-quiet-1');
    expect(quiet.map((line) => line.msg)).toEqual(['noted by the route']);
    expect(lines.filter((line) => line['reqId'] === 'req-quiet-2')).toEqual([]);
  });
});
