import { readFileSync } from 'node:fs';
import type { Logger } from '@onething/runtime';
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

/** Weekdays (Monday to Friday) among the days before day `d` since 1970-01-01 (a Thursday); negative before it. */
function weekdaysBefore(d: number): number {
  const weeks = Math.floor(d / 7);
  // Weekdays among the first 0…7 days of a week starting on a Thursday: Thu, Fri, Sat, Sun, Mon, Tue, Wed.
  return weeks * 5 + [0, 1, 2, 2, 2, 3, 4, 5][d - weeks * 7]!;
}

/** How many of the sorted `days` are before `d` (binary search). */
function countBefore(days: readonly number[], d: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One year's schedule as the State Council's notice gives it: holiday periods (from, to, name) and 调休 working days. */
export type YearSchedule = z.infer<typeof yearFile>;

/** Where a year's schedule came from: the file shipped with the release, or loaded at run time by staff. */
export type ScheduleSource = 'SHIPPED' | 'LOADED';

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly schedules = new Map<number, YearSchedule & { source: ScheduleSource }>();
  /** Holidays falling on a weekday (each one working day fewer), as sorted day numbers. */
  private weekdayHolidays: number[] = [];
  /** Make-up working days (调休) falling on a weekend (each one working day more), as sorted day numbers. */
  private weekendWorkdays: number[] = [];
  /** Years not covered that a computation has already warned of (once each). */
  private readonly warned = new Set<number>();

  /** `log` is warned, once per year, when a date falls in a year the schedule does not cover. */
  constructor(
    data: z.infer<typeof calendarFile>,
    private readonly log?: Pick<Logger, 'warn'>,
  ) {
    for (const [year, y] of Object.entries(data.years))
      this.schedules.set(Number(year), { ...y, source: 'SHIPPED' });
    this.index();
  }

  /**
   * Takes a year's schedule loaded at run time (a year the shipped file does not have), or its newer
   * load; answers false, changing nothing, for a shipped year (its notice is the release's).
   */
  learn(year: number, schedule: YearSchedule): boolean {
    if (this.schedules.get(year)?.source === 'SHIPPED') return false;
    this.schedules.set(year, { ...schedule, source: 'LOADED' });
    this.warned.delete(year);
    this.index();
    return true;
  }

  /** Every year known, oldest first, with its notice and where it came from. */
  years(): { year: number; notice: string; source: ScheduleSource; schedule: YearSchedule }[] {
    return [...this.schedules.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, s]) => ({
        year,
        notice: s.notice,
        source: s.source,
        schedule: { notice: s.notice, holidays: s.holidays, workdays: s.workdays },
      }));
  }

  private index(): void {
    this.holidays.clear();
    this.workdays.clear();
    for (const y of this.schedules.values()) {
      for (const [from, to] of y.holidays)
        for (let d = toDays(from); d <= toDays(to); d++) this.holidays.add(fromDays(d));
      for (const d of y.workdays) this.workdays.add(d);
    }
    const weekend = (d: number) => weekdaysBefore(d + 1) === weekdaysBefore(d);
    this.weekdayHolidays = [...this.holidays]
      .filter((h) => !this.workdays.has(h) && !weekend(toDays(h)))
      .map(toDays)
      .sort((a, b) => a - b);
    this.weekendWorkdays = [...this.workdays]
      .filter((w) => !this.holidays.has(w) && weekend(toDays(w)))
      .map(toDays)
      .sort((a, b) => a - b);
  }

  /** The official calendar shipped with the hall (data/calendar/cn-holidays.json). */
  static official(
    file: URL = new URL('../../data/calendar/cn-holidays.json', import.meta.url),
    log?: Pick<Logger, 'warn'>,
  ): WorkingDayCalendar {
    return new WorkingDayCalendar(calendarFile.parse(JSON.parse(readFileSync(file, 'utf8'))), log);
  }

  /**
   * Warns, once per year, of the years from `a` to `b` (day numbers) the schedule does not cover: their
   * working days are counted by weekends alone until the State Council's notice is added.
   */
  private uncovered(a: number, b: number): void {
    if (!this.log) return;
    const [from, to] = [fromDays(Math.min(a, b)), fromDays(Math.max(a, b))].map((d) => Number(d.slice(0, 4)));
    for (let year = from!; year <= to!; year++) {
      if (this.schedules.has(year) || this.warned.has(year)) continue;
      this.warned.add(year);
      this.log.warn(
        { year, covered: this.schedules.size ? this.coveredYears() : null },
        `the working-day calendar has no State Council schedule for ${year}: its days are counted by weekends alone; add the year's notice to data/calendar/cn-holidays.json`,
      );
    }
  }

  /** Whether the State Council's schedule for the year is known (else weekends alone are counted). */
  covers(year: number): boolean {
    return this.schedules.has(year);
  }

  /** The years whose State Council schedule is known, first and last. */
  coveredYears(): { first: number; last: number } {
    return { first: Math.min(...this.schedules.keys()), last: Math.max(...this.schedules.keys()) };
  }

  isWorkingDay(date: string): boolean {
    this.uncovered(toDays(date), toDays(date));
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * Working days among the days `a` (included) to `b` (excluded), as day numbers: whole weeks counted at
   * once, then the schedule's exceptions in range found by binary search — O(log) however far apart.
   */
  private workingBefore(a: number, b: number): number {
    return (
      weekdaysBefore(b) -
      weekdaysBefore(a) -
      (countBefore(this.weekdayHolidays, b) - countBefore(this.weekdayHolidays, a)) +
      (countBefore(this.weekendWorkdays, b) - countBefore(this.weekendWorkdays, a))
    );
  }

  /**
   * The deadline of a limit of `n` working days counted from `date`: the n-th working day after it (the
   * day of acceptance does not count); 0 (即办) is the day itself.
   */
  addWorkingDays(date: string, n: number): string {
    const start = toDays(date);
    this.uncovered(start, start);
    if (n <= 0) return date;
    // The first day by which n working days have passed: found by doubling, then halving, the span.
    let hi = start + n + 14;
    while (this.workingBefore(start + 1, hi + 1) < n) hi = start + (hi - start) * 2;
    let lo = start + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.workingBefore(start + 1, mid + 1) >= n) hi = mid;
      else lo = mid + 1;
    }
    this.uncovered(start, lo);
    return fromDays(lo);
  }

  /** Working days after `from` up to and including `to` (negative, counted back, when `to` is earlier). */
  workingDaysBetween(from: string, to: string): number {
    const [a, b] = [toDays(from), toDays(to)];
    this.uncovered(a, b);
    return a <= b ? this.workingBefore(a + 1, b + 1) : -this.workingBefore(b + 1, a + 1);
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
