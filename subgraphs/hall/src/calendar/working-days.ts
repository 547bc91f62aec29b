import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Working days (工作日) as Chinese administration counts them: Monday to Friday, except public holidays,
 * plus the weekend days declared working days (调休) — both announced yearly by the State Council. Time
 * limits of items are in working days; deadlines and e-supervision flags are computed on this calendar.
 */

const yearFile = z.object({
  notice: z.string(),
  holidays: z.array(z.tuple([z.string(), z.string(), z.string()])),
  workdays: z.array(z.string()),
});
const calendarFile = z.object({ about: z.string(), years: z.record(z.string(), yearFile) });

const DAY = 86_400_000;
const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDays = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);

/** The Beijing (UTC+8) calendar date of an instant. */
export function beijingDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Set<number>();

  constructor(data: z.infer<typeof calendarFile>) {
    for (const [year, y] of Object.entries(data.years)) {
      this.years.add(Number(year));
      for (const [from, to] of y.holidays)
        for (let d = toDays(from); d <= toDays(to); d++) this.holidays.add(fromDays(d));
      for (const d of y.workdays) this.workdays.add(d);
    }
  }

  /** The official calendar shipped with the hall (data/calendar/cn-holidays.json). */
  static official(
    file: URL = new URL('../../data/calendar/cn-holidays.json', import.meta.url),
  ): WorkingDayCalendar {
    return new WorkingDayCalendar(calendarFile.parse(JSON.parse(readFileSync(file, 'utf8'))));
  }

  /** Whether the State Council's schedule for the year is known (else weekends alone are counted). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The deadline of a limit of `n` working days counted from `date`: the n-th working day after it (the
   * day of acceptance does not count); 0 (即办) is the day itself.
   */
  addWorkingDays(date: string, n: number): string {
    let d = toDays(date);
    for (let left = n; left > 0; ) {
      d++;
      if (this.isWorkingDay(fromDays(d))) left--;
    }
    return fromDays(d);
  }

  /** Working days after `from` up to and including `to` (negative, counted back, when `to` is earlier). */
  workingDaysBetween(from: string, to: string): number {
    const [a, b, sign] =
      toDays(from) <= toDays(to) ? [toDays(from), toDays(to), 1] : [toDays(to), toDays(from), -1];
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDay(fromDays(d))) count++;
    return sign * count;
  }
}

export type SupervisionFlag = 'GREEN' | 'YELLOW' | 'RED';

/**
 * E-supervision (电子监察) of a deadline: RED once overdue, YELLOW with one working day or less left,
 * GREEN otherwise; with the working days left (negative: overdue by).
 */
export function supervise(
  calendar: WorkingDayCalendar,
  deadline: string,
  today: string,
): { flag: SupervisionFlag; workingDaysLeft: number } {
  const left = calendar.workingDaysBetween(today, deadline);
  if (today > deadline) return { flag: 'RED', workingDaysLeft: left };
  return { flag: left <= 1 ? 'YELLOW' : 'GREEN', workingDaysLeft: left };
}
