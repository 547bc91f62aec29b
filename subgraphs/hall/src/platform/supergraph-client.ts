import { injectTraceContext } from '@onething/runtime/tracing';
import { type Dispatcher, request } from 'undici';

/** What the hall acts as when it reads through the supergraph for an applicant. */
export interface ActingFor {
  readonly idNumber: string;
  readonly enterprises: readonly string[];
}

export interface GraphQLAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/**
 * The hall reaches the departments only through the supergraph, as any client does: the one schema is the
 * one contract. It signs in with its own service token and, when reading for an applicant, names them.
 */
export class SupergraphClient {
  constructor(
    private readonly url: string,
    private readonly token: () => Promise<string | undefined>,
    private readonly timeoutMs = 15_000,
    private readonly dispatcher?: Dispatcher,
  ) {}

  async query<T>(
    query: string,
    variables: Record<string, unknown> = {},
    actingFor?: ActingFor,
  ): Promise<GraphQLAnswer<T>> {
    const token = await this.token();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(actingFor
        ? {
            'x-onething-acting-for': actingFor.idNumber,
            'x-onething-acting-for-enterprises': actingFor.enterprises.join(','),
          }
        : {}),
    };
    // The gateway's span of this query is a child of the hall's (a resolver's, a dispatch's).
    injectTraceContext(headers);
    const res = await request(this.url, {
      method: 'POST',
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      headers,
      body: JSON.stringify({ query, variables }),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const text = await res.body.text();
    try {
      return JSON.parse(text) as GraphQLAnswer<T>;
    } catch {
      throw new Error(`the gateway answered HTTP ${res.statusCode} with a body that is not JSON`);
    }
  }
}

/**
 * The hall's service token (OAuth client credentials at the identity provider), fetched when needed and
 * reused until shortly before it expires.
 */
export function serviceToken(options: {
  tokenUrl: string | undefined;
  clientId: string;
  clientSecret: string;
}) {
  let cached: { token: string; renewAt: number } | undefined;
  return async (): Promise<string | undefined> => {
    if (!options.tokenUrl) return undefined;
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const res = await request(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }).toString(),
    });
    const body = (await res.body.json()) as {
      access_token?: string;
      expires_in?: number;
      error_description?: string;
    };
    if (!body.access_token)
      throw new Error(
        `the identity provider refused the hall's credentials: ${body.error_description ?? res.statusCode}`,
      );
    cached = {
      token: body.access_token,
      renewAt: Date.now() + Math.max(30, (body.expires_in ?? 300) - 60) * 1000,
    };
    return cached.token;
  };
}
