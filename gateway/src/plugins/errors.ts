import type { ApolloServerPlugin } from '@apollo/server';
import { type ErrorCode, isErrorCode } from '@onething/schema/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';

/**
 * How errors leave the gateway:
 * - the limits keep their own codes (Apollo Server files every validation error under
 *   GRAPHQL_VALIDATION_FAILED, and the token limit under GRAPHQL_PARSE_FAILED), so a client can tell a
 *   query that is too deep from one that is wrong;
 * - the same refusal from several subgraphs (a shared entry point is resolved in each subgraph the plan
 *   touches) is said once;
 * - where the schema may not be listed, no “Did you mean …?” names what it holds: Apollo Server strips the
 *   suggestions of validation (hideSchemaDetailsFromClientErrors), these strip those of variables.
 */
const LIMIT_CODES = new Set<ErrorCode>(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_COSTLY']);
const TOO_MANY_TOKENS: ErrorCode = 'TOO_MANY_TOKENS';
const TOKENS = /Document contains more tha[nt] (\d+) tokens/; // graphql-js 16 writes "more that"
// As Apollo Server's DisableSuggestions plugin matches them: graphql-js ends a message with the suggestion.
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** Apollo Server's `formatError` for the gateway; `hideSuggestions` where the schema may not be listed. */
export const gatewayErrorFormatter =
  (options: { hideSuggestions: boolean }) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = formatGatewayError(formatted, error);
    return options.hideSuggestions && SUGGESTION.test(out.message)
      ? { ...out, message: out.message.replace(SUGGESTION, '') }
      : out;
  };

/** Keeps the limits' own codes and says the token limit in words; see the module comment. */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } }).originalError;
  const code = original?.extensions?.code;
  if (isErrorCode(code) && LIMIT_CODES.has(code))
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  const tokens = TOKENS.exec(formatted.message);
  if (tokens) {
    return {
      ...formatted,
      message: `the document has more than ${tokens[1]} tokens; send a smaller query`,
      extensions: { ...formatted.extensions, code: TOO_MANY_TOKENS, maxTokens: Number(tokens[1]) },
    };
  }
  return formatted;
}

export function dedupeErrorsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const seen = new Set<string>();
          const errors = response.body.singleResult.errors.filter((e) => {
            const key = JSON.stringify([e.message, e.path, e.extensions?.code]);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          response.body.singleResult.errors = errors;
        },
      };
    },
  };
}
