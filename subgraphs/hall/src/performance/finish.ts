import type { Part } from '../applications/model';
import { partClock } from '../applications/part-clock';
import { beijingDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { Queryable } from '../platform/unit-of-work';

/** What a decided part keeps for the figures (performance/figures.ts counts them in the database). */
export interface Finish {
  /** When it was decided, on its department's clock (as its deadline is counted). */
  readonly finishedAt: Date;
  /** Working days from acceptance to decision, running time only: its clock's stops are not counted. */
  readonly workingDays: number | null;
  /** Whether it was decided on or before its deadline (moved by its clock's stops). */
  readonly onTime: boolean;
}

/**
 * A decided part's finish: the working days after its acceptance up to its decision, less those its clock
 * was stopped (补正, statutory exclusions), and whether its decision kept the deadline.
 */
export function finishOf(calendar: WorkingDayCalendar, part: Part, at: Date): Finish {
  const decided = part.statusAt ?? at;
  const day = beijingDate(decided);
  if (!part.acceptedAt) return { finishedAt: decided, workingDays: null, onTime: true };
  const clock = partClock(calendar, part, day);
  const taken = calendar.workingDaysBetween(beijingDate(part.acceptedAt), day) - clock.suspendedWorkingDays;
  const deadline = clock.deadline ?? part.deadline;
  return {
    finishedAt: decided,
    workingDays: Math.max(0, taken),
    onTime: deadline === null || day <= deadline,
  };
}

/** Records a part's finish, in the transaction that records its decision. */
export async function recordFinish(tx: Queryable, partId: string, finish: Finish): Promise<void> {
  await tx
    .updateTable('parts')
    .set({ finished_at: finish.finishedAt, working_days: finish.workingDays, on_time: finish.onTime })
    .where('id', '=', partId)
    .execute();
}
