/**
 * When a case still being decided is read again (issue 22: 10,000 open cases read every 2 s would cost
 * their departments 5,000 reads a second doing nothing). The departments tell the hall of each change
 * (their signed callbacks bring the read forward at once: callback-route.ts); the reads are the sweep for
 * a callback that never came. So each read that finds a case unchanged doubles the wait before the next,
 * from `intervalMs` up to `maxIntervalMs` (hours), and never past half the time left to the part's
 * deadline, so a decision near it is not missed for long; a change starts the waits again from the
 * shortest.
 */
export interface PollBackoff {
  /** Reads in a row that found the case unchanged. */
  readonly quiet: number;
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
  readonly now: Date;
  /** The part's deadline, a Beijing date (its last day counts whole). */
  readonly deadline: string | null;
}

const DAY_MS = 86_400_000;

/** How long until the next read of a case being decided, in ms. */
export function nextPollDelay(o: PollBackoff): number {
  const ceiling = Math.max(o.intervalMs, o.maxIntervalMs);
  const backedOff = Math.min(o.intervalMs * 2 ** Math.min(Math.max(o.quiet, 0), 40), ceiling);
  if (!o.deadline) return backedOff;
  const left = Date.parse(`${o.deadline}T00:00:00+08:00`) + DAY_MS - o.now.getTime();
  return left > 0 ? Math.max(o.intervalMs, Math.min(backedOff, left / 2)) : backedOff;
}
