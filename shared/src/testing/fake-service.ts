import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isServiceToken, SERVICE_TOKEN_HEADER } from '../auth/service-token.js';

/** What a fake route answers: a JSON body (200), or a status with an optional body. */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}

export type FakeRoute = (body: unknown, req: IncomingMessage) => unknown;

export interface FakeService {
  url: string;
  port: number;
  /** Requests each route answered (past the credential check), by `METHOD /path`. */
  calls: Map<string, number>;
  stop: () => Promise<void>;
  /** Listens again on the same port after `stop` (a peer that comes back). */
  start: () => Promise<void>;
}

/**
 * A stand-in for a peer service's internal routes in service-level tests (end-to-end tests use the
 * real services): `routes` maps `POST /internal/...` to a handler of the parsed JSON body. Like the
 * real routes it refuses a caller without the service credential (401) before reading the body.
 */
export async function startFakeService(options: {
  serviceToken: string;
  routes: Record<string, FakeRoute>;
  port?: number;
}): Promise<FakeService> {
  const calls = new Map<string, number>();
  let server: Server | null = null;
  let port = options.port ?? 0;

  const listen = async () => {
    server = createServer((req, res) => {
      const key = `${req.method} ${req.url?.split('?')[0]}`;
      const route = options.routes[key];
      if (!route) return void res.writeHead(404).end();
      if (!isServiceToken(req.headers[SERVICE_TOKEN_HEADER], options.serviceToken)) return void res.writeHead(401).end();
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          calls.set(key, (calls.get(key) ?? 0) + 1);
          try {
            const raw = Buffer.concat(chunks).toString('utf8');
            const answer = await route(raw ? JSON.parse(raw) : null, req);
            const reply = answer instanceof FakeReply ? answer : new FakeReply(200, answer);
            if (reply.body === undefined) return void res.writeHead(reply.status).end();
            res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
          } catch (error) {
            res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
          }
        })();
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    get port() {
      return port;
    },
    calls,
    start: listen,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
        server = null;
      }),
  };
}
