import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { Express, NextFunction, Request, Response } from 'express';
import {
  graphqlErrors,
  graphqlOperationDuration,
  graphqlOperations,
  httpRequestDuration,
  httpRequests,
  metricsRegistry,
  operationLabel,
} from './metrics.js';

const KNOWN_PATHS = new Set(['/graphql', '/health', '/ready', '/metrics', '/']);

/**
 * Routes named in the labels: the known paths as they are, other routes by their pattern (a fixed
 * set per service: internal routes, the JWKS); any other path is `other`, so labels stay bounded.
 */
function routeLabel(path: string, req: Request): string {
  if (KNOWN_PATHS.has(path)) return path;
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? req.baseUrl + pattern : 'other';
}

/** Express middleware counting and timing every request, by route and status. */
export function measureRequests(service: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = httpRequestDuration.startTimer();
    // Read now: routers rewrite req.path and req.baseUrl on the way.
    const path = req.path;
    res.once('finish', () => {
      const route = routeLabel(path, req);
      stop({ service, method: req.method, route });
      httpRequests.inc({ service, method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/** GET /metrics: the process's Prometheus metrics in the text format. */
export function mountMetrics(app: Express): void {
  app.get('/metrics', async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}

/**
 * Counts, times and classifies each GraphQL operation (by operation name and type), and counts
 * the errors of its response by `extensions.code`. Names the request's span after the operation.
 */
export function graphqlMetricsPlugin<TContext extends BaseContext>(service: string): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      const stop = graphqlOperationDuration.startTimer();
      const span = trace.getActiveSpan();
      return Promise.resolve({
        willSendResponse({ operationName, operation, response }) {
          const label = operationLabel(service, operationName);
          const type = operation?.operation ?? 'unknown';
          stop({ service, operation: label, type });
          // What the client gets: the formatted (masked) errors, with their codes.
          const all = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          graphqlOperations.inc({ service, operation: label, type, outcome: all.length ? 'error' : 'ok' });
          const codes = new Set<string>();
          for (const error of all) {
            const code = (error.extensions as { code?: unknown } | undefined)?.code;
            codes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
          for (const code of codes) graphqlErrors.inc({ service, operation: label, code });
          if (span) {
            span.setAttribute('graphql.operation.name', operationName ?? '');
            span.setAttribute('graphql.operation.type', type);
            span.updateName(`${type} ${operationName ?? 'anonymous'}`);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
