import { type AnswerRecord, judge } from './answers';

/**
 * What the clients saw around each kill of a replica: the answers and submissions that ended after it
 * (and before the next), split at a grace period after the kill — the requests a killed replica held, or
 * was about to be given, may fail in it; every one sent later must be whole.
 */

/** A replica killed (SIGKILL) and started again. */
export interface Kill {
  readonly service: string;
  readonly replica: string;
  readonly killedAt: number;
  /** From starting it again to its ready route answering (ms). */
  readonly readyMs: number;
}

/** One application handed in under the load, with when its applicant began. */
export interface Submission {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
}

export interface KillWindow {
  readonly kill: Kill;
  /** Answers that ended from the kill until the next one. */
  readonly answers: number;
  /** Of them, not whole and sent before the grace period ran out (held by the killed replica, or just after). */
  readonly early: readonly AnswerRecord[];
  /** Not whole though sent after the grace period: what must not happen. */
  readonly late: readonly AnswerRecord[];
  /** Every answer sent this long after the kill or later was whole (0: none failed at all). */
  readonly wholeAfterMs: number;
  readonly submissions: number;
  /** Applications refused though begun after the grace period. */
  readonly lateRefused: readonly Submission[];
  readonly earlyRefused: number;
}

export const whole = (a: AnswerRecord) => judge(a, undefined, new Set()) === 'complete';

/** The kill whose window a request falls in: the last one before the request ended, if any. */
const windowOf = (kills: readonly Kill[], endedAt: number) =>
  kills.reduce((found, k, i) => (k.killedAt <= endedAt ? i : found), -1);

/** Each kill's window, in the order of the kills; requests that ended before the first kill are left out. */
export function killWindows(
  kills: readonly Kill[],
  answers: readonly AnswerRecord[],
  submissions: readonly Submission[],
  graceMs: number,
): KillWindow[] {
  return kills.map((kill, i) => {
    const mine = answers.filter((a) => windowOf(kills, a.endedAt) === i);
    const failed = mine.filter((a) => !whole(a));
    const late = failed.filter((a) => a.startedAt >= kill.killedAt + graceMs);
    const subs = submissions.filter((x) => windowOf(kills, x.endedAt) === i);
    const refused = subs.filter((x) => !x.ok);
    const lateRefused = refused.filter((x) => x.startedAt >= kill.killedAt + graceMs);
    const lastFailed = Math.max(-Infinity, ...failed.map((a) => a.startedAt));
    return {
      kill,
      answers: mine.length,
      early: failed.filter((a) => !late.includes(a)),
      late,
      wholeAfterMs: failed.length === 0 ? 0 : Math.max(0, lastFailed - kill.killedAt + 1),
      submissions: subs.length,
      lateRefused,
      earlyRefused: refused.length - lateRefused.length,
    };
  });
}
