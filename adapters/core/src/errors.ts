import { ERRORS } from '@onething/schema/errors';

/**
 * The codes an adapter raises: every department failure is one of these six, and nothing else. Their
 * meaning, HTTP status and whether trying again later can help are in the one registry of codes
 * (`schema/src/errors.ts`), since the codes are the public contract — subgraphs put them in
 * `extensions.code`, front ends and the hall act on them.
 */
export const ADAPTER_ERROR_CODES = [
  'DEPARTMENT_UNAVAILABLE',
  'DEPARTMENT_TIMEOUT',
  'DEPARTMENT_REJECTED',
  'INVALID_INPUT',
  'MALFORMED_RESPONSE',
  'DOCUMENT_UNVERIFIED',
] as const;

export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

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
    this.retryable = ERRORS[code].retryable;
  }
}

export function isAdapterError(e: unknown, code?: AdapterErrorCode): e is AdapterError {
  return e instanceof AdapterError && (code === undefined || e.code === code);
}
