import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every answer and failure of the run. */
  readonly requests: number;
  /**
   * Requests that failed: answers other than HTTP 2xx, connection errors and timeouts, and 2xx answers
   * carrying GraphQL errors or no data (the sum of the three below).
   */
  readonly failures: number;
  readonly httpFailures: number;
  readonly graphqlErrors: number;
  /** The GraphQL errors' codes (`extensions.code`, or the message where none), and how many of each. */
  readonly errorCodes: Record<string, number>;
  /**
   * The HTTP failures by kind: no answer within the load generator's 10 s (`timeouts`), connection errors
   * (`errors`), and each status other than 2xx (`HTTP 503`…), how many of each.
   */
  readonly httpFailureKinds?: Record<string, number>;
}

/** One request to send: the body and headers, varied per request by the caller. */
export interface LoadRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** What one 2xx answer's body says: nothing wrong, or the errors it carries (one code per error). */
export function graphqlFailure(body: string): string[] | undefined {
  // Most answers are whole: they are only parsed when they may not be (the check costs the load little).
  if (!body.includes('"errors"') && body.includes('"data":{')) return undefined;
  let answer: { data?: unknown; errors?: { message?: string; extensions?: { code?: unknown } }[] };
  try {
    answer = JSON.parse(body);
  } catch {
    return ['not JSON'];
  }
  if (answer.errors?.length)
    return answer.errors.map((e) => String(e.extensions?.code ?? e.message ?? 'error').slice(0, 80));
  return answer.data ? undefined : ['no data'];
}

/**
 * Drives `url` with autocannon for `durationSeconds` over `connections` keep-alive connections, each
 * request taken in turn from `requests` (so the load is varied, e.g. a different person each time). Every
 * answer is checked: a 2xx carrying GraphQL errors is a failure, not a request served.
 */
export async function load(
  url: string,
  requests: readonly LoadRequest[],
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  const errorCodes: Record<string, number> = {};
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = requests[next++ % requests.length]!;
          return { ...req, body: r.body, headers: { ...req.headers, ...r.headers } };
        },
        onResponse: (status, body) => {
          if (status < 200 || status >= 300) return; // counted by autocannon as non-2xx
          const codes = graphqlFailure(body);
          if (!codes) return;
          graphqlErrors++;
          for (const c of new Set(codes)) errorCodes[c] = (errorCodes[c] ?? 0) + 1;
        },
      },
    ],
  });
  // autocannon counts a timeout among its errors as well as in `timeouts`: counted once here.
  const httpFailures = result.non2xx + result.errors;
  const httpFailureKinds: Record<string, number> = {};
  if (result.timeouts) httpFailureKinds.timeouts = result.timeouts;
  // The connection errors are autocannon's errors but its timeouts.
  if (result.errors - result.timeouts > 0) httpFailureKinds.errors = result.errors - result.timeouts;
  for (const [status, { count }] of Object.entries(
    (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
  ))
    if (!status.startsWith('2')) httpFailureKinds[`HTTP ${status}`] = count;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: httpFailures + graphqlErrors,
    httpFailures,
    graphqlErrors,
    errorCodes,
    httpFailureKinds,
  };
}
