import type { DepartmentKey } from '@onething/schema/departments';
/**
 * One hostile or broken request of the corpus: what is sent, to which endpoint, and how it must be refused.
 * Cases are data: the corpus files under corpus/ list them, grouped by kind; send.ts sends any of them.
 */

/** The kinds of the corpus, in the order of the section's table. */
export const KINDS = {
  'malformed-json': 'malformed JSON and GraphQL requests',
  'content-type': 'wrong content types and methods',
  http: 'broken HTTP: URLs, request lines, headers',
  'huge-body': 'huge bodies, URLs and headers',
  'query-limits': 'depth, alias and token bombs',
  'fragment-cycles': 'fragment cycles and broken fragments',
  introspection: 'introspection abuse',
  identifiers: 'invalid identifiers of every kind',
  injection: 'injection strings in every text field',
  tokens: 'forged, expired and malformed tokens',
  'internal-header': 'forged internal header straight to a subgraph',
  uploads: 'uploads that lie about their type, or are too large',
  callbacks: 'broken department callbacks',
} as const;

export type Kind = keyof typeof KINDS;

/** Where a case is sent: the gateway, a subgraph directly (around the gateway), or raw bytes to a port. */
export type Target =
  | { readonly service: 'gateway' }
  | { readonly service: 'subgraph'; readonly subgraph: DepartmentKey | 'hall' };

/** How a case must be answered. */
export interface Expectation {
  /** The HTTP status. */
  readonly status: number;
  /** An error of the answer has this `extensions.code`. */
  readonly code?: string;
  /** That error (or, for a form, the answer's `problems`) names this rule (`problems[].rule` or `.code`). */
  readonly rule?: string;
  /** The form problem is at this field (with `rule`, for submitApplication, checkForm, correctApplication). */
  readonly field?: string;
}

export interface HostileCase {
  readonly kind: Kind;
  /** What the case is, as the failure report names it. */
  readonly name: string;
  readonly to: Target;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Bytes written to the socket as they are (requests Node's HTTP client refuses to send). */
  readonly raw?: string;
  readonly expect: Expectation;
}

/** The parts of a case a corpus file writes; the rest defaults (the gateway, POST, no headers). */
export type CaseSpec = Omit<HostileCase, 'kind' | 'to' | 'method' | 'headers'> &
  Partial<Pick<HostileCase, 'to' | 'method' | 'headers'>>;

/** The cases of one kind, with defaults filled in. */
export const casesOf = (kind: Kind, specs: readonly CaseSpec[]): HostileCase[] =>
  specs.map((s) => ({ to: { service: 'gateway' }, method: 'POST', headers: {}, ...s, kind }));

const JSON_TYPE = { 'content-type': 'application/json' };

/** A GraphQL request to /graphql, as a JSON POST, with a bearer token when given. */
export function graphql(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  extra: Record<string, unknown> = {},
): Pick<HostileCase, 'path' | 'headers' | 'body'> {
  return {
    path: '/graphql',
    headers: { ...JSON_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}), ...extra }),
  };
}

/** A JSON body sent as it is (broken on purpose, or not GraphQL). */
export const jsonBody = (
  body: string,
  path = '/graphql',
): Pick<HostileCase, 'path' | 'headers' | 'body'> => ({
  path,
  headers: JSON_TYPE,
  body,
});
