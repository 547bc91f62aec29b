import type { WorkingDayCalendar } from './working-days';

/**
 * The legal clock of a part (限时办结): the working days its department has to decide, counted from the
 * day it accepted the case, on the official calendar — and stopped while the law says time does not run.
 *
 * 《中华人民共和国行政许可法》第四十二条 gives the limit in working days from acceptance; 第三十二条 makes an
 * application accepted only once its materials are complete, after a correction (补正) if one is asked, so
 * the days the department waits for the applicant's correction are not its time; 第四十五条: time spent on
 * hearings, tendering, auctions, inspection, testing, quarantine, appraisal and expert review (听证、招标、
 * 拍卖、检验、检测、检疫、鉴定和专家评审) is not counted in the limit, and the department tells the applicant in
 * writing how long it takes. So a stop is:
 * - a correction (补正), from the day the department asked to the day it received the corrected form —
 *   the working days after the asking day up to and including the receiving day are not counted;
 * - a statutory exclusion the department declares with its length in working days (appraisal, expert
 *   review, public notice, hearing, inspection) — exactly that many working days are added;
 * - a payment waited for (a fee owed before the department may go on: the centre's rule, by analogy with
 *   the correction), counted like a correction, from the day asked to the day paid.
 *
 * Pure: the ledger is data (applications/clock-ledger.ts keeps it); this computes the deadline and where
 * the clock stands on a given day.
 */

export type ClockStopReason =
  | 'CORRECTION'
  | 'PAYMENT'
  | 'APPRAISAL'
  | 'EXPERT_REVIEW'
  | 'PUBLIC_NOTICE'
  | 'HEARING'
  | 'INSPECTION';

/** The reasons a department declares with their length (《行政许可法》第四十五条), not ended by an event. */
export const DECLARED_REASONS: readonly ClockStopReason[] = [
  'APPRAISAL',
  'EXPERT_REVIEW',
  'PUBLIC_NOTICE',
  'HEARING',
  'INSPECTION',
];

/** One stop of a part's clock. Dates are Beijing calendar dates, `yyyy-MM-dd`. */
export interface ClockStop {
  readonly reason: ClockStopReason;
  /** The day time stopped running (it still counts: the department worked that day). */
  readonly from: string;
  /** The day it ran again (null: still stopped), for a stop ended by an event. */
  readonly until: string | null;
  /** The length declared by the department, in working days, for a declared exclusion. */
  readonly declaredDays: number | null;
}

export interface ClockLedger {
  /** The day the department accepted the case (null: not yet, the clock has not started). */
  readonly startedOn: string | null;
  /** The working days promised (the item's time limit). */
  readonly promisedDays: number;
  readonly stops: readonly ClockStop[];
}

export type ClockState = 'NOT_STARTED' | 'RUNNING' | 'SUSPENDED';

export interface ClockReading {
  readonly state: ClockState;
  /** The deadline, moved by every stop that has ended (null before the clock starts). */
  readonly deadline: string | null;
  /** Working days not counted, by the stops that have ended (a running stop adds once it ends). */
  readonly suspendedWorkingDays: number;
  /** The stop in force (null when running). */
  readonly stoppedBy: ClockStop | null;
  /**
   * Years from the start to the deadline whose State Council schedule the calendar does not know: their
   * days were counted by weekends alone, so the deadline is not to be trusted until the year is loaded.
   */
  readonly unknownYears: readonly number[];
}

/** Working days a stop does not count: its declared length, or the days after `from` up to `until`. */
export function stoppedWorkingDays(calendar: WorkingDayCalendar, stop: ClockStop): number {
  if (stop.declaredDays !== null) return stop.declaredDays;
  if (stop.until === null || stop.until <= stop.from) return 0;
  return calendar.workingDaysBetween(stop.from, stop.until);
}

/** Whether a stop is in force on `today`: an event-ended one until it ends, a declared one for its length. */
function inForce(calendar: WorkingDayCalendar, stop: ClockStop, today: string): boolean {
  // A stop an event ends (a correction received, a payment made) is in force until that event, whatever
  // day it is read on: its dates are the department's clock, which may run ahead of the reader's.
  if (stop.declaredDays === null) return stop.until === null;
  return today >= stop.from && today <= calendar.addWorkingDays(stop.from, stop.declaredDays);
}

/** Where a part's clock stands on `today`, and its deadline. */
export function readClock(calendar: WorkingDayCalendar, ledger: ClockLedger, today: string): ClockReading {
  if (ledger.startedOn === null)
    return {
      state: 'NOT_STARTED',
      deadline: null,
      suspendedWorkingDays: 0,
      stoppedBy: null,
      unknownYears: [],
    };
  const suspended = ledger.stops.reduce((n, s) => n + stoppedWorkingDays(calendar, s), 0);
  const deadline = calendar.addWorkingDays(ledger.startedOn, ledger.promisedDays + suspended);
  const stoppedBy = ledger.stops.find((s) => inForce(calendar, s, today)) ?? null;
  const first = Number(ledger.startedOn.slice(0, 4));
  const last = Number(deadline.slice(0, 4));
  const unknownYears: number[] = [];
  for (let y = first; y <= last; y++) if (!calendar.covers(y)) unknownYears.push(y);
  return {
    state: stoppedBy ? 'SUSPENDED' : 'RUNNING',
    deadline,
    suspendedWorkingDays: suspended,
    stoppedBy,
    unknownYears,
  };
}
