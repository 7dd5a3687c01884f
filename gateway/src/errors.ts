import { maskError } from '@gigmart/shared';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * `maskError` (which also drops Apollo's "Context creation failed:" prefix), after one correction:
 * Apollo refuses an APQ whose hash does not match its query with an error that has no code (so
 * INTERNAL_SERVER_ERROR by now), yet the fault is the client's.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (formatted.message === 'provided sha does not match query') {
    return { message: 'The persisted query hash does not match the query.', extensions: { code: 'BAD_REQUEST' } };
  }
  return maskError(formatted, error);
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
