import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@gigmart/shared';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { GatewayConfig } from './config.js';

type LimitsConfig = Pick<GatewayConfig, 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_COST' | 'MAX_TOKENS' | 'MAX_DIRECTIVES'>;

/** Codes the gateway's own refusals carry (besides Apollo's GRAPHQL_VALIDATION_FAILED etc.). */
export const LimitCode = {
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  BAD_REQUEST: 'BAD_REQUEST',
} as const;

/**
 * graphql-armor's limit: its message without the misleading "Syntax Error:" prefix it adds, and
 * `extensions.limit` naming which limit, so a client can tell its refusals apart. Apollo turns
 * every validation error into GRAPHQL_VALIDATION_FAILED with HTTP 400, before any query plan.
 */
function reject(limit: string): Array<(ctx: ValidationContext | null, error: GraphQLError) => void> {
  return [
    (ctx, error) => {
      ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit } }));
    },
  ];
}

/**
 * Apollo Server options that refuse oversized operations: graphql-armor's validation rules for
 * depth, aliases, cost and directives, and graphql-js's own token cap while parsing (armor's
 * Apollo max-tokens plugin throws from a plugin hook, which Apollo Server 5 reports as a 500;
 * the parser's `maxTokens` is the same check done where Apollo expects it, answered with 400).
 */
export function operationLimits<TContext extends BaseContext>(
  config: LimitsConfig,
): Pick<ApolloServerOptions<TContext>, 'validationRules' | 'parseOptions' | 'allowBatchedHttpRequests'> {
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH, propagateOnRejection: false, onReject: reject('depth') },
    maxAliases: { n: config.MAX_ALIASES, propagateOnRejection: false, onReject: reject('aliases') },
    costLimit: { maxCost: config.MAX_COST, propagateOnRejection: false, onReject: reject('cost') },
    maxDirectives: { n: config.MAX_DIRECTIVES, propagateOnRejection: false, onReject: reject('directives') },
    maxTokens: { enabled: false },
    // Introspection is on (the playground needs it): hiding suggestions would hide nothing.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return {
    validationRules,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    // Apollo's default, stated: one operation per HTTP request, so limits and the rate limit count operations.
    allowBatchedHttpRequests: false,
  };
}

function sendGraphQLError(res: Response, status: number, message: string, code: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .type('application/json')
    .json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * The JSON body parser for /graphql, with its refusals as GraphQL errors: 413 for a body over the
 * limit, 400 for one that is not JSON. Mounted before the shared parser, which then sees a parsed body.
 */
export function graphqlBodyParser(maxBytes: number): Array<RequestHandler | ErrorRequestHandler> {
  const kb = Math.round(maxBytes / 1024);
  const onError: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      return sendGraphQLError(res, 413, `The request body is larger than ${kb} kB.`, LimitCode.PAYLOAD_TOO_LARGE, { maxBytes });
    }
    if (error.type === 'entity.parse.failed') {
      return sendGraphQLError(res, 400, 'The request body is not valid JSON.', LimitCode.BAD_REQUEST);
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return sendGraphQLError(res, error.status, 'The request body could not be read.', LimitCode.BAD_REQUEST);
    }
    next(error);
  };
  return [express.json({ limit: maxBytes }), onError];
}

export type RateLimitStore = Store;

/**
 * Requests per minute per client address on /graphql; over it, 429 with a GraphQL-shaped
 * RATE_LIMITED error and Retry-After (seconds until the window resets).
 */
export function graphqlRateLimit(perMinute: number, store?: RateLimitStore): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The address is the connection's unless TRUST_PROXY_HOPS says a proxy in front may set it.
    validate: { xForwardedForHeader: false },
    // A shared store (Redis, REDIS_URL) that cannot be reached lets requests through rather than fail them all.
    passOnStoreError: true,
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after')) || 60;
      sendGraphQLError(
        res,
        429,
        `Too many requests: at most ${perMinute} a minute. Try again in ${retryAfter} s.`,
        ErrorCode.RATE_LIMITED,
        {
          retryAfterSeconds: retryAfter,
        },
      );
    },
  });
}
