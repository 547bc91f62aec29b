/** The error codes of the market system's wire, each with the HTTP status it is sent with. */
export const MARKET_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  LICENCE_NOT_ISSUED: 404,
  NAME_TAKEN: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;

export type MarketErrorCode = keyof typeof MARKET_ERROR_STATUS;

/** One bad part of a request: the field (dotted path into the body, or a header/parameter name) and why. */
export interface FieldProblem {
  readonly field: string;
  /** Stable name of the rule broken (`required`, `format`, `maxLength`, `GB11643.checkCharacter`…). */
  readonly rule: string;
  /** Why, in the system's words (zh-CN). */
  readonly reason: string;
}

/**
 * A refusal in the market system's own terms. Routes throw it; the error handler sends it as
 * `{"error":{"code","message","details"?}}` with its status.
 */
export class MarketError extends Error {
  readonly status: number;

  constructor(
    readonly code: MarketErrorCode,
    message: string,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
    this.status = MARKET_ERROR_STATUS[code];
  }

  /** The body the wire carries. */
  toJSON() {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

/** A 400 naming every bad field at once (一次告知). */
export function validationFailed(problems: readonly FieldProblem[]): MarketError {
  return new MarketError('VALIDATION_FAILED', `请求有${problems.length}处错误`, problems);
}
