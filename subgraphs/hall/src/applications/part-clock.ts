import { type ClockReading, readClock } from '../calendar/legal-clock';
import { beijingDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { Part } from './model';

type ClockedPart = Pick<Part, 'acceptedAt' | 'promisedDays' | 'clockStops' | 'deadline'>;

/**
 * A part's legal clock on `today` (calendar/legal-clock.ts): started on the day its department accepted
 * it (by the department's clock, as its deadline always was), stopped by its ledger's stops.
 */
export function partClock(calendar: WorkingDayCalendar, part: ClockedPart, today: string): ClockReading {
  return readClock(
    calendar,
    {
      startedOn: part.acceptedAt ? beijingDate(part.acceptedAt) : null,
      promisedDays: part.promisedDays,
      stops: part.clockStops,
    },
    today,
  );
}

/** The deadline of a part, moved by every stop of its clock that has ended (its stored one before acceptance). */
export function legalDeadline(calendar: WorkingDayCalendar, part: ClockedPart): string | null {
  return part.acceptedAt ? partClock(calendar, part, beijingDate(part.acceptedAt)).deadline : part.deadline;
}
