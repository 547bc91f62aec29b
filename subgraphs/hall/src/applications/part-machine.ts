import { beijingDate } from '../calendar/working-days';
import type { JobKind } from '../outbox/jobs';
import { FINAL, type Part, type PartChange, type PartClockStop, type PartStatus } from './model';

/** What a department says a case stands at (the statuses of a part its department decides). */
export type CaseStatus = Extract<
  PartStatus,
  'ACCEPTED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'CORRECTION_REQUESTED'
>;

/** A department's case, as the hall records it on its part. */
export interface CaseAnswer {
  readonly status: CaseStatus;
  readonly caseNumber: string;
  readonly acceptedAt: Date;
  readonly statusAt: Date;
  readonly reason: string | null;
  readonly correctionFields: readonly string[];
  readonly result: Readonly<Record<string, string>>;
}

/** What can happen to a part. */
export type PartEvent =
  /** The dispatcher sends the part's submission to its department. */
  | { readonly type: 'send' }
  /**
   * The department answered a job with its case; `deadline` is the promised deadline counted from this
   * acceptance (kept only when the part has none yet).
   */
  | { readonly type: 'answer'; readonly case: CaseAnswer; readonly deadline: string; readonly at: Date }
  /**
   * A job failed: `retryable` as its sender said, `exhausted` when it was the last attempt allowed. A read
   * (`poll`) never ends a part: it is tried again whatever went wrong.
   */
  | {
      readonly type: 'fail';
      readonly job: JobKind;
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
      readonly exhausted: boolean;
      readonly at: Date;
    }
  /** The applicant sent the correction (补正) the department asked for. */
  | { readonly type: 'correct' }
  /** Window staff send a dead-lettered part again; `failedJob` is the kind of job that was given up. */
  | { readonly type: 'retry'; readonly failedJob: JobKind | undefined }
  /** A part this one waits for (directly or not) was refused: it can no longer be applied for. */
  | { readonly type: 'cancel'; readonly refusedItem: string };

/** What else follows a transition: the parts waiting for this one go, or go with it; the job ends or waits. */
export type Consequence = 'releaseFollowers' | 'cancelFollowers' | 'giveUpJob' | 'tryJobAgain';

/** A part's next state (its status and what else changes on it, in domain terms), or why it cannot move. */
export type Transition =
  | {
      readonly ok: true;
      readonly to: PartStatus;
      readonly change: PartChange;
      readonly then: readonly Consequence[];
    }
  | { readonly ok: false; readonly refusal: string };

/** The correction stop of a part's clock still open (asked, not yet received back), if any. */
export const openCorrection = (part: Pick<Part, 'clockStops'>): PartClockStop | undefined =>
  part.clockStops.find((s) => s.reason === 'CORRECTION' && s.until === null);

/**
 * The clock's stops after a department's answer (undefined: unchanged): a correction asked stops the
 * clock from the day the department asked; the first answer after the applicant's correction (the case
 * going on) starts it again from the day the department received it — both by the department's own clock,
 * as its acceptance is.
 */
function clockAfterAnswer(part: Part, c: CaseAnswer, at: Date): readonly PartClockStop[] | undefined {
  const open = openCorrection(part);
  if (c.status === 'CORRECTION_REQUESTED') {
    if (open) return undefined;
    const stop: PartClockStop = {
      reason: 'CORRECTION',
      from: beijingDate(c.statusAt),
      until: null,
      declaredDays: null,
      by: { kind: 'department', department: part.department },
      note: c.reason,
      at,
    };
    return [...part.clockStops, stop];
  }
  if (!open) return undefined;
  // A department's clock read back earlier than the asking (never, but never negative either).
  const until = [open.from, beijingDate(c.statusAt)].sort()[1]!;
  return part.clockStops.map((s) => (s === open ? { ...s, until } : s));
}

const refuse = (part: Pick<Part, 'status'>, what: string): Transition => ({
  ok: false,
  refusal: `the part is ${part.status}: ${what}`,
});

const move = (to: PartStatus, change: PartChange = {}, then: readonly Consequence[] = []): Transition => ({
  ok: true,
  to,
  change: { status: to, ...change },
  then,
});

/**
 * The part state machine (办件状态): every change of a part's status, from the hall's dispatch to the
 * department's decision, and every refusal. Pure: the service and the dispatcher store its changes and
 * carry out its consequences in their transactions.
 */
export function partTransition(part: Part, event: PartEvent): Transition {
  switch (event.type) {
    case 'send':
      // Sent again (after a crash, a retry), a part already on its way stays as it is.
      return part.status === 'WAITING' ? move('DISPATCHING') : refuse(part, 'only a waiting part is sent');
    case 'answer': {
      if (FINAL.has(part.status)) return refuse(part, 'a finished part takes no more answers');
      const c = event.case;
      const stops = clockAfterAnswer(part, c, event.at);
      const then: Consequence[] =
        c.status === 'APPROVED' ? ['releaseFollowers'] : c.status === 'REJECTED' ? ['cancelFollowers'] : [];
      return move(
        c.status,
        {
          caseNumber: c.caseNumber,
          acceptedAt: c.acceptedAt,
          statusAt: c.statusAt,
          deadline: part.deadline ?? event.deadline,
          reason: c.reason,
          correctionFields: [...c.correctionFields],
          result: { ...c.result },
          lastError: null,
          lastErrorCode: null,
          ...(stops ? { clockStops: stops } : {}),
        },
        then,
      );
    }
    case 'fail': {
      if (FINAL.has(part.status)) return refuse(part, 'a finished part is not dispatched');
      const problem = { lastError: `${event.code}: ${event.message}`, lastErrorCode: event.code };
      if (event.job === 'poll' || (event.retryable && !event.exhausted))
        return move(part.status, { attempts: part.attempts + 1, ...problem }, ['tryJobAgain']);
      if (!event.retryable)
        return move('REJECTED', { reason: event.message, ...problem }, ['cancelFollowers', 'giveUpJob']);
      return move('DEAD_LETTERED', { deadLetteredAt: event.at, attempts: part.attempts + 1, ...problem }, [
        'giveUpJob',
      ]);
    }
    case 'correct':
      return part.status === 'CORRECTION_REQUESTED'
        ? move('DISPATCHING', { corrections: part.corrections + 1, reason: null })
        : refuse(part, 'not waiting for a correction');
    case 'retry':
      if (part.status !== 'DEAD_LETTERED') return refuse(part, 'not dead-lettered');
      // A correction that could not be sent is sent again; a submission or a read goes through submit,
      // which reads the case back when the department already has it.
      return move(event.failedJob === 'correct' ? 'DISPATCHING' : part.caseNumber ? 'ACCEPTED' : 'WAITING', {
        deadLetteredAt: null,
      });
    case 'cancel':
      return part.status === 'WAITING'
        ? move('CANCELLED', { reason: `${event.refusedItem} 不予办理，本事项随之终止` })
        : refuse(part, 'only a part not yet sent is cancelled');
  }
}
