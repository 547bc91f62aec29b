import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Answers other than HTTP 2xx, and connection errors or timeouts. */
  readonly failures: number;
}

/** One request to send: the body and headers, varied per request by the caller. */
export interface LoadRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/**
 * Drives `url` with autocannon for `durationSeconds` over `connections` keep-alive connections, each
 * request taken in turn from `requests` (so the load is varied, e.g. a different person each time).
 */
export async function load(
  url: string,
  requests: readonly LoadRequest[],
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  let next = 0;
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
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
