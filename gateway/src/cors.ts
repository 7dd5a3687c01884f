import cors from 'cors';
import type { RequestHandler } from 'express';
import type { GatewayConfig } from './config.js';

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Which browser origins may call the API. Tokens travel in the Authorization header, never in
 * cookies, so credentials are not allowed cross-origin; Apollo's CSRF prevention stays on besides.
 */
export function corsMiddleware(config: Pick<GatewayConfig, 'CORS_ORIGINS' | 'NODE_ENV'>): RequestHandler {
  const configured = config.CORS_ORIGINS;
  const origin: cors.CorsOptions['origin'] = configured
    ? configured.includes('*')
      ? '*'
      : configured
    : config.NODE_ENV === 'production'
      ? false
      : LOCAL_ORIGIN;
  return cors({
    origin,
    // PUT: a browser sends an upload's bytes to its signed /files/ link (the gateway passes it to media).
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy'],
    credentials: false,
    maxAge: 600,
  });
}
