import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { IDENTITY_HEADER } from '@onething/runtime/identity';
import {
  injectTraceContext,
  inSpan,
  isTracing,
  type Span,
  SpanKind,
  tracer,
} from '@onething/runtime/tracing';
import { codedError, type ErrorCode } from '@onething/schema/errors';
import { GraphQLError } from 'graphql';
import { type Dispatcher, errors, request } from 'undici';
import type { GatewayContext } from './context';

const tracing = tracer('gateway');

/** What the data source reports per fetch, for metrics. */
export type FetchObserver = (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void;

/**
 * Fetches from one subgraph over undici's keep-alive pool: no Request/Headers objects per call, a timeout
 * per subgraph, the signed identity of the request in the internal header where the subgraph is sent it,
 * and the client's headers passed on to it. A subgraph that cannot be reached or times out costs only its
 * own part of the answer.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    readonly url: string,
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
    /** The anonymous identity header, for a fetch without a request's context; none: no identity header. */
    private readonly anonymousHeader: (() => Promise<string>) | undefined,
    private readonly observe: FetchObserver = () => {},
    /** The client's headers passed on to this subgraph (FORWARD_HEADERS), lower case. */
    private readonly forward: readonly string[] = [],
  ) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!isTracing()) return this.fetch(options);
    // A client span per fetch, under Apollo's gateway.fetch: the subgraph's server span is its child.
    return inSpan(
      tracing,
      `POST ${this.name}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'onething.subgraph': this.name, 'http.request.method': 'POST', 'url.full': this.url },
      },
      (span) => this.fetch(options, span),
    );
  }

  private async fetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    span?: Span,
  ): Promise<GatewayGraphQLResponse> {
    const { request: gqlRequest } = options;
    const context = 'context' in options ? (options.context as GatewayContext | undefined) : undefined;
    const headers: Record<string, string> = {};
    for (const name of this.forward) {
      const value = context?.clientHeaders[name];
      if (value !== undefined) headers[name] = value;
    }
    headers['content-type'] = 'application/json';
    injectTraceContext(headers);
    if (this.anonymousHeader)
      headers[IDENTITY_HEADER] = context?.identityHeader ?? (await this.anonymousHeader());
    const body = JSON.stringify({
      query: gqlRequest.query,
      ...(gqlRequest.variables ? { variables: gqlRequest.variables } : {}),
      ...(gqlRequest.operationName ? { operationName: gqlRequest.operationName } : {}),
    });
    const started = performance.now();
    try {
      const res = await request(this.url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers,
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await res.body.text();
      span?.setAttribute('http.response.status_code', res.statusCode);
      let parsed: GatewayGraphQLResponse;
      try {
        parsed = JSON.parse(text) as GatewayGraphQLResponse;
      } catch {
        throw this.failure(
          'SUBGRAPH_MALFORMED_RESPONSE',
          `${this.name} answered HTTP ${res.statusCode} with a body that is not JSON`,
        );
      }
      if (res.statusCode >= 400 && !parsed.errors) {
        throw this.failure('SUBGRAPH_UNAVAILABLE', `${this.name} answered HTTP ${res.statusCode}`);
      }
      this.observe(this.name, (performance.now() - started) / 1000, parsed.errors ? 'error' : 'ok');
      if (span && parsed.errors?.length)
        span.setAttribute(
          'onething.error_codes',
          [...new Set(parsed.errors.map((e) => String(e.extensions?.code ?? 'none')))].join(','),
        );
      return parsed;
    } catch (e) {
      this.observe(this.name, (performance.now() - started) / 1000, 'error');
      if (e instanceof GraphQLError) throw e;
      if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError) {
        throw this.failure('SUBGRAPH_TIMEOUT', `${this.name} did not answer within ${this.timeoutMs} ms`);
      }
      throw this.failure('SUBGRAPH_UNAVAILABLE', `${this.name} cannot be reached: ${(e as Error).message}`);
    }
  }

  private failure(code: ErrorCode, message: string): GraphQLError {
    return codedError(code, message, { subgraph: this.name });
  }
}
