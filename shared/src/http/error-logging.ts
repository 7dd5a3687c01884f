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
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const ctx = contextValue as LoggingContext;
          for (const error of errors) {
            const code = error.extensions?.['code'];
            const formatted = { message: error.message, extensions: error.extensions };
            if (isPublicError(formatted) || code === 'BAD_USER_INPUT') continue;
            const original = unwrapResolverError(error);
            ctx.logger?.error(
              { err: original instanceof GraphQLError && original.originalError ? original.originalError : original, path: error.path, requestId: ctx.requestId },
              'unexpected error in GraphQL request',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          const requestId = (contextValue as LoggingContext).requestId;
          if (response.body.kind !== 'single' || !requestId) return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>)['requestId'] = requestId;
            }
          }
        },
      };
    },
  };
}
