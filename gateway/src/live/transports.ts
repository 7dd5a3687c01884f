import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from '@gigmart/shared';
import type { Request, RequestHandler, Response } from 'express';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/express';
import { CloseCode, makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveEngine, LiveIdentity } from './engine.js';
import { graphqlCjs } from './graphql-cjs.js';

const EVENT_STREAM = 'text/event-stream';

/**
 * Is this request for graphql-sse? Yes when it accepts only `text/event-stream` (the graphql-sse
 * client, curl), or accepts it among other types and sends a subscription: clients such as urql
 * and Apollo Client list `text/event-stream` beside the JSON types on every request, and their
 * queries and mutations are answered with JSON by the HTTP endpoint.
 */
export function isEventStreamRequest(req: Pick<Request, 'headers' | 'body' | 'method'>): boolean {
  const types = (req.headers.accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
  if (!types.includes(EVENT_STREAM)) return false;
  if (types.every((type) => type === EVENT_STREAM)) return true;
  const body: unknown = req.method === 'POST' ? req.body : null;
  if (!body || typeof body !== 'object') return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  try {
    const operation = graphqlCjs.getOperationAST(graphqlCjs.parse(query), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === graphqlCjs.OperationTypeNode.SUBSCRIPTION;
  } catch {
    // Not GraphQL: the HTTP endpoint says what is wrong with it.
    return false;
  }
}

export interface LiveLimits {
  /** Subscriptions one WebSocket connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** Open live connections (WebSocket and SSE) per client address. */
  maxConnectionsPerAddress: number;
  /** How often a WebSocket is pinged; one that has not answered the previous ping is closed. */
  keepAliveMs: number;
  /** Bytes waiting to be sent to one client beyond which it is dropped as too slow. */
  maxBufferedBytes: number;
}

/** Closed by the gateway: the client did not read what was sent (slow consumer). */
export const CLOSE_TOO_SLOW = 4008;
/** Going away (the gateway stops): the client reconnects, to another instance. */
export const CLOSE_GOING_AWAY = 1001;

const addressOf = (req: IncomingMessage | Request, trustProxy: (req: IncomingMessage) => string | undefined) =>
  trustProxy(req) ?? req.socket.remoteAddress ?? 'unknown';

/** Per address, the live connections open now. */
class ConnectionCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}
  take(address: string): boolean {
    const n = this.open.get(address) ?? 0;
    if (n >= this.max) return false;
    this.open.set(address, n + 1);
    return true;
  }
  give(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }
}

function authorizationOf(payload: Record<string, unknown> | null | undefined): string | undefined {
  const value = payload?.['Authorization'] ?? payload?.['authorization'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Wraps a subscription's results so that each is sent only while the client keeps up: once more
 * than `max` bytes wait to be sent to it, or the engine ended the results because too many updates
 * waited for it (`droppedByEngine`), `drop` is called and nothing more is sent. `return()` (the
 * client completing it) takes effect at once, also while no update is on its way.
 */
function guarded(
  results: AsyncIterableIterator<ExecutionResult>,
  buffered: () => number,
  max: number,
  drop: () => void,
  droppedByEngine: () => boolean,
  done: () => void = () => {},
): AsyncGenerator<ExecutionResult, void, undefined> {
  let finished = false;
  const finish = async (): Promise<IteratorResult<ExecutionResult, void>> => {
    if (!finished) {
      finished = true;
      done();
      await results.return?.();
    }
    return { value: undefined, done: true };
  };
  const iterator = {
    async next() {
      if (finished) return { value: undefined, done: true };
      const item = await results.next();
      if (item.done && !finished && droppedByEngine()) drop();
      if (item.done || finished) return finish();
      if (buffered() > max) {
        drop();
        return finish();
      }
      return { value: item.value, done: false };
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  } as AsyncGenerator<ExecutionResult, void, undefined>;
  return iterator;
}

export interface LiveTransports {
  /** Express middleware for /graphql: serves GraphQL over SSE to requests that accept text/event-stream. */
  sse: RequestHandler;
  /** Serves graphql-ws on the HTTP server's upgrades to /graphql. */
  attach(server: Server): void;
  /** Closes every live connection (1001 for WebSockets) and stops accepting new ones. */
  close(): Promise<void>;
  connections(): number;
}

export function createLiveTransports(options: {
  engine: LiveEngine;
  limits: LiveLimits;
  logger: Logger;
  /** The client address as express computes it with `trust proxy` (for upgrades, which express never sees). */
  clientAddress: (req: IncomingMessage) => string | undefined;
}): LiveTransports {
  const { engine, limits, logger } = options;
  const counter = new ConnectionCounter(limits.maxConnectionsPerAddress);
  const sockets = new Set<WebSocket>();
  const sseResponses = new Set<Response>();
  let closing = false;

  // ---- graphql-sse (distinct connections: one HTTP response per operation).
  const sseHandler = createSseHandler({
    onSubscribe: async (req, params) => {
      const identity: LiveIdentity = {
        authorization: req.headers.get('authorization') ?? undefined,
        clientAddress: options.clientAddress(req.raw),
      };
      const prepared = await engine.prepare(identity, {
        query: params.query,
        variables: params.variables ?? null,
        operationName: params.operationName ?? null,
      });
      if (prepared.kind === 'refused') {
        // Answered before any stream: the status says why (the graphql-sse client reports it).
        const code = prepared.errors[0]?.extensions['code'];
        const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'SERVICE_UNAVAILABLE' ? 503 : 400;
        return [
          JSON.stringify({ errors: prepared.errors.map((e) => e.toJSON()) }),
          {
            status,
            statusText: typeof code === 'string' ? code : 'Bad Request',
            headers: { 'content-type': 'application/json; charset=utf-8' },
          },
        ] as const;
      }
      if (prepared.kind === 'operation') return prepared.run();
      const res = req.context.res;
      return guarded(
        prepared.results,
        () => res.writableLength,
        limits.maxBufferedBytes,
        () => {
          logger.warn({ clientAddress: identity.clientAddress }, 'SSE subscriber too slow: dropping it');
          res.destroy();
        },
        () => engine.wasDropped(prepared.results),
      );
    },
  });
  const sse: RequestHandler = (req, res, next) => {
    if (!isEventStreamRequest(req)) return next();
    // graphql-sse serves only an Accept of exactly text/event-stream (its distinct-connections mode).
    req.headers.accept = EVENT_STREAM;
    if (closing) {
      res.status(503).json({ errors: [{ message: 'The gateway is stopping.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      return;
    }
    const address = addressOf(req, options.clientAddress);
    if (!counter.take(address)) {
      res.status(429).json({
        errors: [
          {
            message: `Too many live connections from this address (at most ${limits.maxConnectionsPerAddress}).`,
            extensions: { code: 'RATE_LIMITED' },
          },
        ],
      });
      return;
    }
    sseResponses.add(res);
    res.once('close', () => {
      sseResponses.delete(res);
      counter.give(address);
    });
    sseHandler(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'SSE request failed');
      if (!res.headersSent) res.status(500).end();
      else res.end();
    });
  };

  // ---- graphql-ws.
  interface WsExtra {
    socket: WebSocket;
    identity: LiveIdentity;
    subscriptions: Set<string>;
  }
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: 100 * 1024 });
  const protocol = makeServer<Record<string, unknown>, WsExtra>({
    onConnect: (ctx) => {
      ctx.extra.identity.authorization = authorizationOf(ctx.connectionParams);
      return true;
    },
    onSubscribe: async (ctx, id, payload) => {
      if (ctx.extra.subscriptions.size >= limits.maxSubscriptionsPerConnection) {
        return [
          new graphqlCjs.GraphQLError(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection: complete one first.`, {
            extensions: { code: 'LIMIT_REACHED' },
          }),
        ];
      }
      const prepared = await engine.prepare(ctx.extra.identity, payload);
      if (prepared.kind === 'refused') return prepared.errors;
      ctx.extra.subscriptions.add(id);
      const socket = ctx.extra.socket;
      const results =
        prepared.kind === 'operation'
          ? (async function* () {
              yield await prepared.run();
            })()
          : guarded(
              prepared.results,
              () => socket.bufferedAmount,
              limits.maxBufferedBytes,
              () => {
                logger.warn({ clientAddress: ctx.extra.identity.clientAddress }, 'WebSocket subscriber too slow: dropping it');
                socket.close(CLOSE_TOO_SLOW, 'Too slow: the client did not read its updates');
                setTimeout(() => socket.terminate(), 1000).unref();
              },
              () => engine.wasDropped(prepared.results),
            );
      // graphql-ws runs `subscribe`/`execute` with these arguments; ours hand back the prepared results.
      return {
        schema: undefined as never,
        document: prepared.document,
        operationName: payload.operationName ?? null,
        variableValues: payload.variables ?? null,
        contextValue: results,
      };
    },
    // A push resolved through the gateway carries its errors already formatted (plain objects, as
    // over HTTP), which graphql-ws would call toJSON on: it sends them as they are.
    onNext: (_ctx, _id, _payload, _args, result) => {
      const errors = (result.errors ?? []) as ReadonlyArray<GraphQLFormattedError & { toJSON?: () => GraphQLFormattedError }>;
      if (!errors.length) return undefined;
      return { ...result, errors: errors.map((e) => (typeof e.toJSON === 'function' ? e.toJSON() : e)) };
    },
    subscribe: (args) => args.contextValue as AsyncGenerator<ExecutionResult>,
    execute: (args) => args.contextValue as AsyncGenerator<ExecutionResult>,
    onComplete: (ctx, id) => {
      ctx.extra.subscriptions.delete(id);
    },
  });

  const heartbeat = setInterval(() => {
    for (const socket of sockets) {
      const alive = (socket as WebSocket & { isAlive?: boolean }).isAlive;
      if (alive === false) {
        socket.terminate();
        continue;
      }
      (socket as WebSocket & { isAlive?: boolean }).isAlive = false;
      socket.ping();
    }
  }, limits.keepAliveMs);
  heartbeat.unref();

  const onUpgrade = (req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql') {
      socket.destroy();
      return;
    }
    const address = addressOf(req, options.clientAddress);
    if (closing || !counter.take(address)) {
      socket.end(closing ? 'HTTP/1.1 503 Service Unavailable\r\n\r\n' : 'HTTP/1.1 429 Too Many Requests\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      (ws as WebSocket & { isAlive?: boolean }).isAlive = true;
      ws.on('pong', () => ((ws as WebSocket & { isAlive?: boolean }).isAlive = true));
      const extra: WsExtra = { socket: ws, identity: { clientAddress: address }, subscriptions: new Set() };
      const closed = protocol.opened(
        {
          protocol: ws.protocol,
          send: (data) =>
            new Promise<void>((resolve, reject) => {
              if (ws.readyState !== ws.OPEN) return resolve();
              ws.send(data, (err) => (err ? reject(err) : resolve()));
            }),
          close: (code, reason) => ws.close(code, reason),
          onMessage: (cb) =>
            ws.on('message', (data) => {
              cb(
                Buffer.isBuffer(data)
                  ? data.toString('utf8')
                  : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
              ).catch((error: unknown) => {
                logger.warn({ err: error }, 'graphql-ws message failed');
                ws.close(CloseCode.InternalServerError, 'Internal error');
              });
            }),
        },
        extra,
      );
      ws.once('close', (code, reason) => {
        sockets.delete(ws);
        counter.give(address);
        void closed(code, String(reason));
      });
    });
  };

  return {
    sse,
    attach(server) {
      server.on('upgrade', onUpgrade);
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const socket of sockets) socket.close(CLOSE_GOING_AWAY, 'The gateway is going away: reconnect');
      for (const res of sseResponses) res.end();
      await Promise.all(
        [...sockets].map(
          (socket) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                socket.terminate();
                resolve();
              }, 2000);
              socket.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
            }),
        ),
      );
      wsServer.close();
    },
    connections: () => sockets.size + sseResponses.size,
  };
}
