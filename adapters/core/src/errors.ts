/**
 * The adapter error registry: every error an adapter raises has one of these codes. The codes are the
 * public contract — subgraphs put them in `extensions.code`, front ends and the hall act on them — so
 * each says what happened and whether trying again later can help.
 */
export const ADAPTER_ERRORS = {
  DEPARTMENT_UNAVAILABLE: {
    retryable: true,
    doc: 'The department system could not be reached or answered with a server error (connection refused or reset, 5xx, rate limit past its patience, circuit breaker open). Try again later; submissions are kept and re-dispatched.',
  },
  DEPARTMENT_TIMEOUT: {
    retryable: true,
    doc: 'The department system did not answer within its timeout. A submission may or may not have been received: retry it only with the same idempotency key.',
  },
  DEPARTMENT_REJECTED: {
    retryable: false,
    doc: 'The department system refused the request by its own rules (business check, authentication, unknown item); its own code and message are in `details`.',
  },
  INVALID_INPUT: {
    retryable: false,
    doc: 'The input was refused before anything was sent: every problem is listed in `details.problems`.',
  },
  MALFORMED_RESPONSE: {
    retryable: true,
    doc: 'The department system answered with something that is not a valid answer (unparseable, wrong shape, larger than the size limit).',
  },
} as const;

export type AdapterErrorCode = keyof typeof ADAPTER_ERRORS;

export interface AdapterErrorDetails {
  /** The department system's own code (e.g. a tax envelope code, a SOAP fault's error code). */
  readonly departmentCode?: string;
  /** The department system's own message, in its words. */
  readonly departmentMessage?: string;
  readonly httpStatus?: number;
  /**
   * Every problem, in zh-CN and en: for INVALID_INPUT what the adapter refused; for DEPARTMENT_REJECTED
   * the fields the department's validation named, by semantic key where the adapter can tell.
   */
  readonly problems?: readonly {
    readonly path: string;
    readonly rule: string;
    readonly message: { zh: string; en: string };
  }[];
  /** Seconds the system asked us to wait (429/503 Retry-After). */
  readonly retryAfterSeconds?: number;
}

/** An error from a department adapter, typed by {@link AdapterErrorCode}, naming the department and operation. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly retryable: boolean;

  constructor(
    readonly code: AdapterErrorCode,
    readonly department: string,
    readonly operation: string,
    message: string,
    readonly details: AdapterErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`${department}: ${operation}: ${message}`, options);
    this.retryable = ADAPTER_ERRORS[code].retryable;
  }
}

export function isAdapterError(e: unknown, code?: AdapterErrorCode): e is AdapterError {
  return e instanceof AdapterError && (code === undefined || e.code === code);
}
