/** Settings of retries (reads only). */
export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as unavailable. */
  readonly maxRetryAfterMs: number;
}

/**
 * The delay before retry number `attempt` (1-based): exponential with full jitter, so many callers that
 * failed together do not come back together; a department's Retry-After, when it gives one, is honoured.
 */
export function retryDelayMs(
  attempt: number,
  settings: RetrySettings,
  retryAfterMs?: number,
  random = Math.random,
): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Reads a Retry-After header (seconds or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
