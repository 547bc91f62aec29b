import { AdapterError } from '@onething/adapter-core';
import { codedError, ERRORS, type ErrorCode, isErrorCode } from '@onething/schema/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * A subgraph's errors: department failures keep their adapter code (DEPARTMENT_UNAVAILABLE,
 * DEPARTMENT_TIMEOUT, DEPARTMENT_REJECTED, INVALID_INPUT, MALFORMED_RESPONSE) and gain the department's
 * name, so a front end can say which department's fields are missing and why. Every code is one of the
 * registry's (`@onething/schema/errors`), and every error sent says whether to retry as the registry does.
 */

/** An error of this subgraph, with its code and department in `extensions`. */
export function subgraphError(
  code: ErrorCode,
  department: string,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return codedError(code, message, { department, ...extra });
}

/** An error as the subgraph sends it: `extensions.retryable` is its code's, from the registry. */
export function asSent(error: GraphQLError): GraphQLFormattedError {
  const sent = error.toJSON();
  const code = sent.extensions?.code;
  return isErrorCode(code)
    ? { ...sent, extensions: { ...sent.extensions, retryable: ERRORS[code].retryable } }
    : sent;
}

/**
 * What a front end sees of a department failure: the adapter's code, the department, whether to retry and,
 * when the department or its circuit breaker said so, after how many seconds.
 */
export function extensionsOf(error: AdapterError): Record<string, unknown> {
  return {
    code: error.code,
    department: error.department,
    retryable: error.retryable,
    ...(error.details.departmentCode ? { departmentCode: error.details.departmentCode } : {}),
    ...(error.details.departmentMessage ? { departmentMessage: error.details.departmentMessage } : {}),
    ...(error.details.problems ? { problems: error.details.problems } : {}),
    ...(error.details.retryAfterSeconds ? { retryAfterSeconds: error.details.retryAfterSeconds } : {}),
  };
}

/**
 * The errors an error stands for: Mercurius reports a request that fails validation (a bad identifier
 * literal, a variable a scalar refused) as one error holding the GraphQL errors in `errors`; each of those
 * is said with its own code (INVALID_INPUT and its problems) and the department, not as an internal error.
 */
export function formatErrors(error: GraphQLError, department: string): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(inner) || inner.length === 0) return [formatError(error, department)];
  return inner.map((e: unknown) => {
    const graphql = e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e));
    return new GraphQLError(graphql.message, {
      ...(graphql.nodes ? { nodes: graphql.nodes } : {}),
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        ...graphql.extensions,
        department,
      },
    });
  });
}

/** A resolver's failure to reach what the subgraph stands on (its database): retryable, with why. */
export function unavailableError(error: GraphQLError, department: string, message: string): GraphQLError {
  return codedError('STORE_UNAVAILABLE', message, { department }, error);
}

/** Rebuilds a resolver error for the response: adapter errors get their extensions, others keep theirs. */
export function formatError(error: GraphQLError, department: string): GraphQLError {
  const original = error.originalError;
  if (original instanceof AdapterError) {
    return new GraphQLError(original.message, {
      ...(error.nodes ? { nodes: error.nodes } : {}),
      ...(error.path ? { path: error.path } : {}),
      extensions: extensionsOf(original),
    });
  }
  if (original && !(original instanceof GraphQLError) && !error.extensions.code) {
    // An unexpected failure: say so without leaking internals.
    return codedError(
      'INTERNAL_SERVER_ERROR',
      `internal error in the ${department} subgraph`,
      { department },
      error,
    );
  }
  return error;
}
