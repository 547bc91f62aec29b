import type { ApolloServerPlugin } from '@apollo/server';
import { codedError, ERRORS } from '@onething/schema/errors';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';

/**
 * Which operation of a document to run is the client's to say: a document with several operations and no
 * `operationName`, a name it does not hold, or an operation type the schema has no root for (subscription)
 * is refused with HTTP 400 and OPERATION_RESOLUTION_FAILURE before planning. Left to the gateway's
 * executor, each of these came back as HTTP 500 INVALID_GRAPHQL, as if the gateway had failed.
 */
export function operationSelectionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) {
            const names = document.definitions
              .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
              .map((d) => d.name?.value ?? '(anonymous)');
            throw refusal(
              request.operationName
                ? `the document has no operation named "${request.operationName}"; it has ${names.join(', ')}`
                : `the document holds ${names.length} operations (${names.join(', ')}): name the one to run in operationName`,
            );
          }
          const root =
            operation.operation === 'query'
              ? schema.getQueryType()
              : operation.operation === 'mutation'
                ? schema.getMutationType()
                : schema.getSubscriptionType();
          if (!root)
            throw refusal(
              `this schema has no ${operation.operation}s: send a query or a mutation (over HTTP POST)`,
            );
        },
      };
    },
  };
}

const refusal = (message: string) =>
  codedError('OPERATION_RESOLUTION_FAILURE', message, {
    http: { status: ERRORS.OPERATION_RESOLUTION_FAILURE.status },
  });
