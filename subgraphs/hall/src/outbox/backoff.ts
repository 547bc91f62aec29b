/**
 * The wait before try `attempts + 1` of outbox work (dispatch, payments, posting, texts): exponential from
 * `baseMs`, capped at `maxMs`, with full jitter over its upper half so that work failing together does not
 * come back together.
 */
export function jitteredBackoff(attempts: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempts);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
