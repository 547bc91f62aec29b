import { beijingDate } from './working-days';

/**
 * The hall's one clock: the instant now and "today" as a Beijing date (Asia/Shanghai, UTC+8 all year, no
 * daylight saving). Every rule that names today (a contract not dated after it, a deadline's flag) asks
 * it, so a check and a submission at 07:30 Beijing time agree on the day. Injected, so tests pick the hour.
 */
export interface Clock {
  now(): Date;
  /** Today in Beijing, `yyyy-MM-dd`. */
  today(): string;
}

/** The clock of the machine (or of `now`, in tests), read as Beijing time. */
export function beijingClock(now: () => Date = () => new Date()): Clock {
  return { now, today: () => beijingDate(now()) };
}
