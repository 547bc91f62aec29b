import type { TypedDocumentString } from './generated/graphql';

/** Where the gateway answers GraphQL: `npm start`'s by default. */
export const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

/** An answer with errors: their messages and codes (`extensions.code`, see docs/frontend.md "Errors"). */
export class GraphQLErrors extends Error {
  constructor(readonly errors: readonly { message: string; extensions?: { code?: string } }[]) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
  }
}

/**
 * Sends a typed operation and answers its data, typed by the operation: the variables are required exactly
 * when the operation declares some. A token (`Authorization: Bearer`) is needed only beyond the public
 * catalogues; this example reads only those.
 */
export async function execute<TResult, TVariables>(
  operation: TypedDocumentString<TResult, TVariables>,
  ...[variables, token]: TVariables extends Record<string, never>
    ? [variables?: undefined, token?: string]
    : [variables: TVariables, token?: string]
): Promise<TResult> {
  const response = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: operation.toString(), variables }),
  });
  const answer = (await response.json()) as { data?: TResult | null; errors?: GraphQLErrors['errors'] };
  if (answer.errors?.length) throw new GraphQLErrors(answer.errors);
  if (!answer.data) throw new Error(`no data from ${GATEWAY_URL} (HTTP ${response.status})`);
  return answer.data;
}
