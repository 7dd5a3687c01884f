import type { Express, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { PROBE_PATHS } from './probes.js';

const kLog = Symbol('gigmart.requestLogger');

type LoggedRequest = Request & { [kLog]?: Logger };

/**
 * `req.log` and one log line per request, at its end: method, URL, status, milliseconds and the
 * GraphQL operation's name, under the request's id (`reqId`), as pino-http wrote them before.
 *
 * `req.log` is the service's logger bound to the request id, made the first time something reads
 * it (a GraphQL request's context does: one child logger, about 2 µs; a probe or an answer the
 * gateway keeps does not). The request's line is only prepared when its level is on. (pino-http
 * made two or three child loggers per request, each running the logger's redaction over its
 * bindings, and read the operation's name twice, whether anything was written or not: 7.5% of the
 * gateway's CPU under load at LOG_LEVEL=warn; bench/README.md.)
 * Probes (PROBE_PATHS) get no line, though they keep their `req.log`.
 */
export function mountRequestLogging(app: Express, logger: Logger): void {
  // On this app's request prototype: nothing to do per request until someone logs.
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger {
      return (this[kLog] ??= logger.child({ reqId: this.requestId }));
    },
    set(this: LoggedRequest, value: Logger) {
      this[kLog] = value;
    },
  });
  const handler: RequestHandler = (req, res, next) => {
    if (logger.isLevelEnabled('info') && !PROBE_PATHS.has(req.path)) logWhenDone(req, res);
    next();
  };
  app.use(handler);
}

function logWhenDone(req: Request, res: Response): void {
  const started = performance.now();
  const done = () => {
    res.off('finish', done);
    res.off('close', done);
    const body = req.body as { operationName?: unknown } | undefined;
    const line = {
      req: { method: req.method, url: req.originalUrl },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
      ...(typeof body?.operationName === 'string' ? { operationName: body.operationName } : {}),
    };
    const message = !res.writableFinished ? 'request aborted' : res.statusCode >= 500 ? 'request errored' : 'request completed';
    req.log.info(line, message);
  };
  res.on('finish', done);
  res.on('close', done);
}
