import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { maskIdNumbersIn } from '@onething/runtime';
import {
  injectTraceContext,
  inSpan,
  isTracing,
  type Span,
  SpanKind,
  tracer,
} from '@onething/runtime/tracing';
import { Agent, request as send } from 'undici';
import { parseRetryAfter, type RetrySettings, retryDelayMs } from './backoff';
import { type BreakerSettings, type BreakerState, CircuitBreaker } from './breaker';
import { currentDeadline } from './deadline';
import { AdapterError, type AdapterErrorCode } from './errors';
import type { AdapterHooks } from './hooks';

/** How one department's system is called: where, how patiently, how often again, when to stop. */
export interface ClientSettings {
  readonly baseUrl: string;
  readonly connectTimeoutMs: number;
  /** The whole request, from start to the last byte of the answer. */
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  readonly breaker: BreakerSettings;
  /** Answers larger than this are cut off and refused as malformed. */
  readonly maxResponseBytes: number;
  /** Keep-alive sockets to the department at most. */
  readonly maxSockets: number;
}

/** A department's raw answer, for the adapter to interpret in its own protocol. */
export interface WireResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface CallOptions<T> {
  /** Operation name, for errors and metrics (e.g. `taxpayers.read`). */
  readonly op: string;
  /** Reads are retried with backoff; writes never are (the caller retries with an idempotency key). */
  readonly kind: 'read' | 'write';
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, appended to the base URL. */
  readonly path: string;
  /** Headers and body of one attempt; called again for each attempt (fresh nonces, timestamps). */
  readonly request?: () => { readonly headers?: Record<string, string>; readonly body?: string };
  /** Maps the answer to the domain, or throws an {@link AdapterError}; anything else thrown is MALFORMED_RESPONSE. */
  readonly interpret: (res: WireResponse) => T;
}

const tracing = tracer('adapter');

/** An attempt is not started with less time than this left before the request's deadline. */
const MIN_ATTEMPT_MS = 500;

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  // undici's: the socket closed or failed under a request.
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Why a request was stopped by its own timer: the whole request's time ran out. */
class RequestTimeout extends Error {}

/**
 * The HTTP client of one department, shared by all requests of a process: keep-alive sockets, a timeout
 * per attempt, retries of reads with jittered backoff honouring Retry-After, a circuit breaker, a cap on
 * the answer's size, the deadline of the request it calls for ({@link withDeadline}), and every failure
 * turned into a typed {@link AdapterError}.
 */
export class DepartmentClient {
  /**
   * undici's pool of keep-alive connections, not node:http through got: `npm run profile -- prefill`
   * found got's per-request machinery (its options merged, its request stream over node's
   * ClientRequest) a third of a department subgraph's CPU per request (test/bench/results/profile-prefill.md).
   */
  private readonly agent: Agent;
  private readonly breaker: CircuitBreaker;
  private inFlight = 0;

  constructor(
    readonly department: string,
    readonly settings: ClientSettings,
    private readonly hooks: AdapterHooks = {},
  ) {
    this.agent = new Agent({
      connections: settings.maxSockets,
      connect: { timeout: settings.connectTimeoutMs },
      // The request's own timer (timeoutMs) bounds headers and body alike.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.breaker = new CircuitBreaker(settings.breaker, (state) => hooks.onBreaker?.({ department, state }));
  }

  get breakerState(): BreakerState {
    return this.breaker.current;
  }

  call<T>(options: CallOptions<T>): Promise<T> {
    if (!isTracing()) return this.calls(options);
    // One span per call (its attempts are its children): which department, which operation, how many
    // tries, and the breaker's state as it began and as it ended.
    return inSpan(
      tracing,
      `${this.department} ${options.op}`,
      {
        attributes: {
          'onething.department': this.department,
          'onething.operation': options.op,
          'onething.call.kind': options.kind,
          'onething.breaker.state': this.breaker.current,
        },
      },
      async (span) => {
        try {
          return await this.calls(options, span);
        } finally {
          span.setAttribute('onething.breaker.state_after', this.breaker.current);
        }
      },
    );
  }

  private async calls<T>(options: CallOptions<T>, span?: Span): Promise<T> {
    const attempts = options.kind === 'read' ? 1 + this.settings.retry.retries : 1;
    const deadline = currentDeadline();
    for (let attempt = 1; ; attempt++) {
      span?.setAttributes({ 'onething.attempts': attempt, 'onething.retried': attempt > 1 });
      try {
        return await this.attempt(options, attempt, deadline);
      } catch (e) {
        const err = e as AdapterError;
        if (!err.retryable || attempt >= attempts) throw err;
        const retryAfterMs =
          err.details.retryAfterSeconds === undefined ? undefined : err.details.retryAfterSeconds * 1000;
        if (retryAfterMs !== undefined && retryAfterMs > this.settings.retry.maxRetryAfterMs) throw err;
        if (this.breaker.current === 'open') throw err;
        const delay = retryDelayMs(attempt, this.settings.retry, retryAfterMs);
        // A retry that could not be answered before the request's deadline only keeps the caller waiting.
        if (deadline !== undefined && deadline - Date.now() - delay < this.minimumAttemptMs()) throw err;
        await sleep(delay);
      }
    }
  }

  /** The least time worth giving an attempt: a slow system would not answer in less. */
  private minimumAttemptMs(): number {
    return Math.min(this.settings.timeoutMs, MIN_ATTEMPT_MS);
  }

  private attempt<T>(options: CallOptions<T>, attempt: number, deadline: number | undefined): Promise<T> {
    if (!isTracing()) return this.tryOnce(options, attempt, deadline);
    // The HTTP request to the department: a client span whose context the department's system is sent.
    return inSpan(
      tracing,
      `${options.method} ${this.department}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'onething.department': this.department,
          'onething.operation': options.op,
          'onething.attempt': attempt,
          'onething.retry': attempt > 1,
          'onething.breaker.state': this.breaker.current,
          'http.request.method': options.method,
          'url.full': maskIdNumbersIn(`${this.settings.baseUrl}${options.path}`),
        },
      },
      (span) => this.tryOnce(options, attempt, deadline, span),
    );
  }

  private async tryOnce<T>(
    options: CallOptions<T>,
    attempt: number,
    deadline: number | undefined,
    span?: Span,
  ): Promise<T> {
    const { op } = options;
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
    if (left < this.minimumAttemptMs()) {
      // Not the department's fault: nothing is sent, and the breaker is not told.
      const err = this.error(
        'DEPARTMENT_TIMEOUT',
        op,
        `not called: the request's deadline was ${Math.max(0, Math.round(left))} ms away, after earlier calls to the department took its time`,
      );
      span?.setAttribute('onething.outcome', err.code);
      this.report(options, attempt, 0, err.code, this.inFlight);
      throw err;
    }
    if (!this.breaker.tryAcquire()) {
      const retryInMs = this.breaker.retryInMs();
      const err = this.error(
        'DEPARTMENT_UNAVAILABLE',
        op,
        `circuit breaker open; next trial in ${retryInMs} ms`,
        {
          retryAfterSeconds: Math.max(1, Math.ceil(retryInMs / 1000)),
        },
      );
      span?.setAttribute('onething.outcome', err.code);
      this.report(options, attempt, 0, err.code, this.inFlight);
      throw err;
    }
    const started = performance.now();
    const inFlight = ++this.inFlight;
    let outcome: AdapterErrorCode | 'ok' = 'ok';
    try {
      const res = await this.send(options, Math.min(this.settings.timeoutMs, Math.floor(left)));
      // What the department's system answered, as far as the wire says it.
      span?.setAttributes({
        'http.response.status_code': res.status,
        'http.response.body.size': res.body.length,
        ...(typeof res.headers['content-type'] === 'string'
          ? { 'onething.response.content_type': res.headers['content-type'] }
          : {}),
      });
      const value = this.interpret(options, res);
      this.breaker.record(true);
      return value;
    } catch (e) {
      const err = e instanceof AdapterError ? e : this.error('MALFORMED_RESPONSE', op, String(e), {}, e);
      outcome = err.code;
      if (err.code === 'DEPARTMENT_REJECTED' || err.code === 'INVALID_INPUT') this.breaker.record(true);
      else this.breaker.record(false);
      throw err;
    } finally {
      this.inFlight--;
      span?.setAttribute('onething.outcome', outcome);
      this.report(options, attempt, performance.now() - started, outcome, inFlight);
    }
  }

  private async send(options: CallOptions<unknown>, timeoutMs: number): Promise<WireResponse> {
    const { op } = options;
    const request = options.request?.() ?? {};
    const { body } = request;
    let { headers } = request;
    if (isTracing()) {
      const traced: Record<string, string> = { ...headers };
      injectTraceContext(traced);
      headers = traced;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
    const max = this.settings.maxResponseBytes;
    try {
      const res = await send(`${this.settings.baseUrl}${options.path}`, {
        method: options.method,
        ...(headers ? { headers } : {}),
        ...(body !== undefined ? { body } : {}),
        dispatcher: this.agent,
        signal: controller.signal,
      });
      const declared = Number(res.headers['content-length']);
      const chunks: Buffer[] = [];
      let size = 0;
      if (declared > max) size = declared;
      else
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > max) break;
          chunks.push(chunk as Buffer);
        }
      if (size > max) {
        res.body.destroy();
        throw this.error('MALFORMED_RESPONSE', op, `the answer was larger than ${max} bytes and was cut off`);
      }
      return {
        status: res.statusCode,
        headers: res.headers as IncomingHttpHeaders,
        body: Buffer.concat(chunks, size),
      };
    } catch (e) {
      if (e instanceof AdapterError) throw e;
      const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (controller.signal.reason instanceof RequestTimeout || code === 'UND_ERR_CONNECT_TIMEOUT') {
        const phase = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connect' : 'request';
        throw this.error(
          'DEPARTMENT_TIMEOUT',
          op,
          timeoutMs < this.settings.timeoutMs
            ? `no answer within ${timeoutMs} ms, what was left of the request's deadline (${phase})`
            : `no answer within ${phase === 'connect' ? this.settings.connectTimeoutMs : timeoutMs} ms (${phase})`,
          {},
          e,
        );
      }
      const why =
        code && UNREACHABLE.has(code)
          ? `cannot reach the department's system (${code})`
          : `the request failed (${code ?? (e as Error).name})`;
      throw this.error('DEPARTMENT_UNAVAILABLE', op, why, {}, e);
    } finally {
      clearTimeout(timer);
    }
  }

  private interpret<T>(options: CallOptions<T>, res: WireResponse): T {
    const { op } = options;
    if (res.status === 429 || res.status === 502 || res.status === 503 || res.status === 504) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'] as string | undefined);
      throw this.error(
        'DEPARTMENT_UNAVAILABLE',
        op,
        res.status === 429 ? 'rate limited by the department' : `HTTP ${res.status}`,
        {
          httpStatus: res.status,
          ...(retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
        },
      );
    }
    try {
      return options.interpret(res);
    } catch (e) {
      if (e instanceof AdapterError) throw e;
      throw this.error(
        'MALFORMED_RESPONSE',
        op,
        `the answer could not be read: ${(e as Error).message}`,
        { httpStatus: res.status },
        e,
      );
    }
  }

  /** Builds a typed error of this department. */
  error(
    code: AdapterErrorCode,
    op: string,
    message: string,
    details: AdapterError['details'] = {},
    cause?: unknown,
  ): AdapterError {
    return new AdapterError(
      code,
      this.department,
      op,
      message,
      details,
      cause === undefined ? undefined : { cause },
    );
  }

  private report(
    options: CallOptions<unknown>,
    attempt: number,
    durationMs: number,
    outcome: AdapterErrorCode | 'ok',
    inFlight: number,
  ) {
    this.hooks.onCall?.({
      department: this.department,
      op: options.op,
      kind: options.kind,
      attempt,
      durationMs,
      outcome,
      inFlight,
      breaker: this.breaker.current,
    });
  }

  close(): void {
    this.agent.destroy().catch(() => {});
  }
}
