import { AdapterError, type AdapterErrorCode } from '../errors';
import type { ContractClientSettings } from './types';

/** The client settings every contract suite runs its adapter with: a quick breaker keeps the suites fast. */
export const CONTRACT_SETTINGS: ContractClientSettings = {
  // Long enough that a loaded machine's slow answer is not taken for a timeout; the timeout cases wait
  // longer than it on purpose.
  timeoutMs: 1_500,
  maxResponseBytes: 1024 * 1024,
  retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  breaker: { windowSize: 10, minimumCalls: 4, failureRatio: 0.5, openMs: 300 },
};

/** How a call ended, as a contract asserts it: `resolved`, or the adapter's error code. */
export async function codeOf(promise: Promise<unknown>): Promise<AdapterErrorCode | 'resolved' | string> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    return e instanceof AdapterError ? e.code : `untyped: ${String(e)}`;
  }
}
