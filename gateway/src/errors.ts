import { ErrorCode, maskError } from '@gigmart/shared';
import type { GraphQLFormattedError } from 'graphql';

const CONTEXT_PREFIX = 'Context creation failed: ';

/**
 * `maskError`, after two corrections of Apollo Server's wording: the token check runs while
 * Apollo builds the request context, and Apollo prefixes such errors with "Context creation
 * failed:", which means nothing to a client; and it refuses an APQ whose hash does not match its
 * query with an error that has no code (so INTERNAL_SERVER_ERROR by now), yet the fault is the
 * client's.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (formatted.message.startsWith(CONTEXT_PREFIX) && (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.SERVICE_UNAVAILABLE)) {
    return maskError({ ...formatted, message: formatted.message.slice(CONTEXT_PREFIX.length) });
  }
  if (formatted.message === 'provided sha does not match query') {
    return { message: 'The persisted query hash does not match the query.', extensions: { code: 'BAD_REQUEST' } };
  }
  return maskError(formatted);
}
