import express, { type Express, type Request, type Response } from 'express';
import { requireServiceToken } from '../auth/service-token.js';

export interface InternalRouteOptions {
  /** The credential callers must present (x-service-token). */
  serviceToken: string;
  /** The largest JSON body accepted, in bytes; a larger one is refused (413) unread. */
  maxBytes: number;
}

/**
 * The one way to mount a service-to-service route: the caller's credential is checked first, from
 * the headers alone, so an unauthenticated caller costs no body parsing; then a JSON body of at
 * most `maxBytes`; then the handler. Errors (bad JSON, too large, a failing handler) are answered
 * as JSON by the HTTP shell.
 */
export function internalRoute(
  app: Express,
  route: string,
  options: InternalRouteOptions,
  handler: (body: unknown, req: Request, res: Response) => Promise<void> | void,
): void {
  app.post(route, requireServiceToken(options.serviceToken), express.json({ limit: options.maxBytes }), async (req, res, next) => {
    try {
      await handler(req.body as unknown, req, res);
    } catch (error) {
      next(error);
    }
  });
}
