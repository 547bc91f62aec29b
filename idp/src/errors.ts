/**
 * The error codes this provider answers with, and the HTTP status of each. The OAuth 2.0 codes (RFC 6749
 * §5.2) are the public contract, so clients handle them as they would a production provider's;
 * `not_found` and `server_error` cover what OAuth leaves to HTTP.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  unauthorized_client: 403,
  unsupported_grant_type: 400,
  not_found: 404,
  /** Too many token requests from one address (RFC 8628's `slow_down`); Retry-After says when to ask again. */
  slow_down: 429,
  server_error: 500,
} as const;

/** One of the error codes of {@link ERROR_STATUS}. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error answer, as OAuth shapes it. */
export interface ErrorBody {
  readonly error: ErrorCode;
  /** What was wrong and how to fix it. */
  readonly error_description: string;
}

/** A refused request: its code, the status to answer with, and a description that says how to fix it. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly description: string,
    /** Extra headers of the answer, e.g. `WWW-Authenticate` for a failed HTTP Basic login. */
    readonly headers: Readonly<Record<string, string>> = {},
    status?: number,
  ) {
    super(`${code}: ${description}`);
    this.status = status ?? ERROR_STATUS[code];
  }

  /** The answer's body. */
  get body(): ErrorBody {
    return { error: this.code, error_description: this.description };
  }
}
