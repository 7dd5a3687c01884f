import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from './db/errors.js';

/**
 * Every error a client may see is made here, with a code from this list; anything else that
 * reaches the response is masked (see `maskError`). Mutations report expected failures as
 * `UserError` values in their payload instead of throwing.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose message was written for clients; every other error is masked. */
const PUBLIC_CODES = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.SERVICE_UNAVAILABLE,
  // Raised by graphql-js / Apollo for malformed operations: their messages describe the request.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export function unauthenticated(message = 'You must be signed in to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = 'You are not allowed to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds } });
}

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side. Quote the request id if you report it.';
export const UNAVAILABLE_MESSAGE = 'The service cannot reach its database right now; try again shortly.';

const CONTEXT_PREFIX = 'Context creation failed: ';

/** True when a formatted error may be shown to a client as it is. */
export function isPublicError(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.['code'];
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * Apollo Server's `formatError`: public errors keep their message and code (never a stack trace);
 * anything else becomes a bare INTERNAL_SERVER_ERROR. The original is logged by `errorLoggingPlugin`
 * with the request id, which is added to the masked error so a report can be matched to the log.
 * An error caused by an unreachable database (`error`, the original) is SERVICE_UNAVAILABLE: the
 * client may retry, and nothing of the driver's message reaches it.
 */
export function maskError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isPublicError(formatted)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    // Apollo prefixes errors raised while it builds the request context (the token check) with
    // words that mean nothing to a client.
    const message = formatted.message.startsWith(CONTEXT_PREFIX) ? formatted.message.slice(CONTEXT_PREFIX.length) : formatted.message;
    return { ...formatted, message, extensions };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      message: UNAVAILABLE_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

// ---------------------------------------------------------------------------------------------
// User errors: expected failures of a mutation, returned in its payload.

export type UserErrorCode =
  'INVALID' | 'TAKEN' | 'TOO_SHORT' | 'TOO_LONG' | 'NOT_FOUND' | 'INVALID_CREDENTIALS' | 'INVALID_STATE' | 'LIMIT_REACHED' | 'RATE_LIMITED';

export interface UserError {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

export function userError(field: readonly (string | number)[] | null, message: string, code: UserErrorCode): UserError {
  return { field: field ? field.map(String) : null, message, code };
}

/**
 * Thrown by domain code to abandon a mutation with user errors; `withUserErrors` turns it into
 * the payload. Lets deep domain functions refuse without threading result types through every call.
 */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'UserErrorsException';
  }
}

export function failWith(field: readonly (string | number)[] | null, message: string, code: UserErrorCode): never {
  throw new UserErrorsException([userError(field, message, code)]);
}

/** Runs a mutation body; refusals become `{ <key>: null, userErrors }`. */
export async function withUserErrors<K extends string, T>(
  key: K,
  run: () => Promise<T>,
): Promise<{ [P in K]: T | null } & { userErrors: UserError[] }> {
  try {
    const value = await run();
    return { [key]: value, userErrors: [] } as { [P in K]: T | null } & { userErrors: UserError[] };
  } catch (error) {
    if (error instanceof UserErrorsException) {
      return { [key]: null, userErrors: error.userErrors } as { [P in K]: T | null } & { userErrors: UserError[] };
    }
    throw error;
  }
}
