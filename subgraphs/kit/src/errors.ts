import { AdapterError } from '@onething/adapter-core';
import { GraphQLError } from 'graphql';

/**
 * The subgraph error registry. Department failures keep their adapter code (DEPARTMENT_UNAVAILABLE,
 * DEPARTMENT_TIMEOUT, DEPARTMENT_REJECTED, INVALID_INPUT, MALFORMED_RESPONSE) and gain the department's
 * name, so a front end can say which department's fields are missing and why.
 */
export const SUBGRAPH_ERRORS = {
  UNAUTHENTICATED: 'The call did not come through the gateway with a valid internal identity header.',
  FORBIDDEN:
    'The signed-in identity may not read or change this: applicants see their own data and their enterprises’.',
  INVALID_INPUT: 'The input is not valid; every problem is listed in `extensions.problems`.',
  LIMIT_OUT_OF_RANGE:
    'A list was asked for more (or fewer) rows than it gives: `extensions.argument` names the argument, `min` and `max` its range.',
  DATE_OUT_OF_RANGE:
    'A date argument is outside the years the services answer for: `extensions.argument` names it, `from` and `to` the range.',
  NOT_FOUND: 'Nothing with this key exists in the department, or nothing is served at this path.',
  BAD_REQUEST: 'The request is not one this subgraph can read (its body is not valid JSON, for one).',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the subgraph takes.',
  UNSUPPORTED_MEDIA_TYPE: 'The request body is of a type the route does not take.',
  INTERNAL_SERVER_ERROR: 'The subgraph failed; the details are in its log, never in the answer.',
  RATE_LIMITED:
    'The caller asked for this too often: `extensions.retryAfterSeconds` says when to try again (the gateway also answers HTTP 429 with Retry-After).',
  STORE_UNAVAILABLE:
    "The service's own database cannot be reached just now (restarting, failing over): nothing was stored or changed; try again in a moment.",
} as const;

export type SubgraphErrorCode = keyof typeof SUBGRAPH_ERRORS;

/** An error of this subgraph, with its code and department in `extensions`. */
export function subgraphError(
  code: SubgraphErrorCode,
  department: string,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, department, ...extra } });
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
  return new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: 'STORE_UNAVAILABLE', department, retryable: true },
  });
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
    return new GraphQLError(`internal error in the ${department} subgraph`, {
      ...(error.nodes ? { nodes: error.nodes } : {}),
      ...(error.path ? { path: error.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', department },
    });
  }
  return error;
}
