import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { isPublicError } from '../errors.js';
import type { Logger } from '../logger.js';

interface LoggingContext {
  requestId?: string;
  logger?: Logger;
}

/**
 * Logs every unexpected error in full (stack included) with the request id, and puts that id on
 * the masked error the client gets, so a report can be matched to this log line.
 */
export function errorLoggingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          const ctx = contextValue as LoggingContext;
          for (const error of errors) {
            const code = error.extensions?.['code'];
            const formatted = { message: error.message, extensions: error.extensions };
            if (isPublicError(formatted) || code === 'BAD_USER_INPUT') continue;
            const original = unwrapResolverError(error);
            ctx.logger?.error(
              {
                err: original instanceof GraphQLError && original.originalError ? original.originalError : original,
                path: error.path,
                requestId: ctx.requestId,
              },
              'unexpected error in GraphQL request',
            );
          }
          return Promise.resolve();
        },
        willSendResponse({ response, contextValue }) {
          const requestId = (contextValue as LoggingContext).requestId;
          if (response.body.kind === 'single' && requestId) {
            for (const error of response.body.singleResult.errors ?? []) {
              if (error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR') {
                (error.extensions as Record<string, unknown>)['requestId'] = requestId;
              }
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
