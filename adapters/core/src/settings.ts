import type { ClientSettings } from './http-client';

/** Client settings with sensible defaults for a department, overridable field by field. */
export function clientSettings(
  baseUrl: string,
  overrides: Partial<Omit<ClientSettings, 'retry' | 'breaker'>> & {
    retry?: Partial<ClientSettings['retry']>;
    breaker?: Partial<ClientSettings['breaker']>;
  } = {},
): ClientSettings {
  const { retry, breaker, ...rest } = overrides;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    connectTimeoutMs: 1_000,
    timeoutMs: 3_000,
    maxResponseBytes: 5 * 1024 * 1024,
    maxSockets: 64,
    ...rest,
    retry: { retries: 2, baseDelayMs: 50, maxDelayMs: 1_000, maxRetryAfterMs: 2_000, ...retry },
    breaker: { windowSize: 20, minimumCalls: 10, failureRatio: 0.5, openMs: 5_000, ...breaker },
  };
}
