import { ErrorCode, maskError } from '@gigmart/shared';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
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

/**
 * Response-level `extensions` are the gateway's to fill, and it fills none: @apollo/gateway puts its
 * post-processing errors there (`valueCompletion`: "Cannot return null for non-nullable field
 * User.username", when a subgraph answered null where the schema promises a value), which is
 * internal detail. They are logged with the request id and removed from the response.
 */
export function responseExtensionsPlugin<
  TContext extends BaseContext & { logger?: { warn: (obj: object, msg: string) => void } },
>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue }) => {
          if (response.body.kind === 'single' && response.body.singleResult.extensions) {
            contextValue.logger?.warn(
              { extensions: response.body.singleResult.extensions },
              'response extensions removed (internal detail)',
            );
            delete response.body.singleResult.extensions;
          }
          return Promise.resolve();
        },
      }),
  };
}
