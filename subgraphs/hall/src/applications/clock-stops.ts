import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { Clock } from '../calendar/clock';
import { type ClockStopReason, DECLARED_REASONS } from '../calendar/legal-clock';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { UnitOfWork } from '../platform/unit-of-work';
import { FINAL, type Part, type PartClockStop } from './model';
import { legalDeadline, partClock } from './part-clock';
import type { Applications } from './store';

/** The longest exclusion a department may declare at once, in working days (half a working year). */
export const MAX_DECLARED_DAYS = 125;
/** The longest note, in characters (what the written notice to the applicant says). */
const MAX_NOTE = 500;

export interface DeclareClockStopInput {
  readonly reason: ClockStopReason;
  readonly workingDays: number;
  readonly note: string;
}

export interface ClockStopDeps {
  readonly apps: Applications;
  readonly uow: UnitOfWork;
  readonly calendar: WorkingDayCalendar;
  readonly clock: Clock;
}

type Problem = { path: string; rule: string; message: { zh: string; en: string } };

/**
 * A department declares a statutory exclusion from its part's time limit (《行政许可法》第四十五条: an
 * appraisal, expert review, public notice, hearing or inspection, with how long it takes, told to the
 * applicant in writing): the clock stops from today for that many working days and the deadline moves by
 * them at once. Only staff of the part's department, on a part their department has accepted and not yet
 * decided; every problem of the input in one answer.
 */
export async function declareClockStop(
  deps: ClockStopDeps,
  identity: Identity,
  partId: string,
  input: DeclareClockStopInput,
): Promise<Part> {
  if (identity.role !== 'department-staff')
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      'only staff of the part’s department declare an exclusion from its time limit',
    );
  const found = await deps.apps.part(partId);
  // Another department's part is not revealed.
  if (!found || !identity.departments.includes(found.department))
    throw subgraphError('NOT_FOUND', 'hall', `no part ${partId} of your department`);

  const problems: Problem[] = [];
  const note = input.note.trim();
  if (!DECLARED_REASONS.includes(input.reason))
    problems.push({
      path: 'reason',
      rule: 'clockStop.reason',
      message: {
        zh: '补正由申请人补正材料时自动暂停计时，部门声明的暂停仅限鉴定、专家评审、公示、听证、检验检测',
        en: `a department declares only ${DECLARED_REASONS.join(', ')}; a correction stops the clock by itself when asked`,
      },
    });
  if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > MAX_DECLARED_DAYS)
    problems.push({
      path: 'workingDays',
      rule: 'clockStop.workingDays',
      message: {
        zh: `暂停时长应为 1 至 ${MAX_DECLARED_DAYS} 个工作日`,
        en: `workingDays is a whole number from 1 to ${MAX_DECLARED_DAYS}`,
      },
    });
  if (note.length === 0 || [...note].length > MAX_NOTE)
    problems.push({
      path: 'note',
      rule: 'clockStop.note',
      message: {
        zh: `请写明暂停的事由（书面告知申请人的内容），最多 ${MAX_NOTE} 字`,
        en: `say why, as the written notice to the applicant does, in 1 to ${MAX_NOTE} characters`,
      },
    });
  const today = deps.clock.today();
  if (!found.acceptedAt || FINAL.has(found.status))
    problems.push({
      path: 'partId',
      rule: 'clockStop.notRunning',
      message: {
        zh: '该事项尚未受理或已办结，没有在计的办理时限',
        en: `the part is ${found.status}: only a part accepted and not yet decided has a running time limit`,
      },
    });
  else if (partClock(deps.calendar, found, today).state === 'SUSPENDED')
    problems.push({
      path: 'partId',
      rule: 'clockStop.alreadyStopped',
      message: {
        zh: '该事项的办理时限已暂停，恢复计时后再声明',
        en: 'the part’s clock is already stopped: declare once it runs again',
      },
    });
  if (problems.length > 0)
    throw subgraphError('INVALID_INPUT', 'hall', problems.map((p) => p.message.en).join('; '), { problems });

  const now = deps.clock.now();
  const stop: PartClockStop = {
    reason: input.reason,
    from: today,
    until: null,
    declaredDays: input.workingDays,
    by: { kind: 'staff', subject: identity.subject, name: identity.name ?? identity.subject },
    note,
    at: now,
  };
  return deps.uow(async (tx) => {
    const part = (await deps.apps.part(partId, tx))!;
    const clockStops = [...part.clockStops, stop];
    return deps.apps.updatePart(
      tx,
      part.id,
      { clockStops, deadline: legalDeadline(deps.calendar, { ...part, clockStops }) },
      now,
    );
  });
}
