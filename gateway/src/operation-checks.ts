import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';

/**
 * Mistakes in which operation to run are the client's, answered with HTTP 400 and a message that
 * says what to fix: a document with several operations and no `operationName`, an `operationName`
 * the document does not define, and a subscription sent as a plain request (this endpoint runs
 * queries and mutations over HTTP POST; subscriptions need a streaming transport). Without this,
 * @apollo/gateway fails while planning and the client sees a masked 500.
 */
export function operationResolutionChecks<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const refuse = (message: string) =>
    new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, request, document }) => {
          if (!operation) {
            const operationName = request.operationName;
            const names = document.definitions.flatMap((d) =>
              d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : [],
            );
            throw refuse(
              operationName
                ? `No operation named "${operationName}" in the document (it has: ${names.join(', ') || 'none'}).`
                : `The document has ${names.length} operations (${names.join(', ')}): say which to run with "operationName".`,
            );
          }
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw refuse('Subscriptions are not served over plain HTTP requests: use a streaming transport.');
          }
          return Promise.resolve();
        },
      }),
  };
}
