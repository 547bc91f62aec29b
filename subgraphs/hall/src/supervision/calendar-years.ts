import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { StaffRef } from '../acting/acting';
import { FINAL } from '../applications/model';
import { legalDeadline } from '../applications/part-clock';
import type { Applications } from '../applications/store';
import type { Clock } from '../calendar/clock';
import type { WorkingDayCalendar, YearSchedule } from '../calendar/working-days';
import type { Database } from '../platform/database';
import type { UnitOfWork } from '../platform/unit-of-work';
import { staffRef } from '../window/staff';

/** A year's schedule as an administrator loads it (loadCalendarYear). */
export interface CalendarYearInput {
  readonly year: number;
  /** The notice it comes from, as titled (国务院办公厅关于20XX年部分节假日安排的通知). */
  readonly notice: string;
  readonly holidays: readonly { readonly from: string; readonly to: string; readonly name: string }[];
  /** The weekend days declared working days (调休). */
  readonly workdays: readonly string[];
}

/** A load of a year's schedule, as kept. */
export interface CalendarYearLoad {
  readonly id: string;
  readonly year: number;
  readonly schedule: YearSchedule;
  readonly loadedBy: StaffRef;
  readonly loadedAt: Date;
}

type Problem = { path: string; rule: string; message: { zh: string; en: string } };

/** The longest holiday period the State Council has given: the Spring Festival's 9 days (2026). */
const MAX_HOLIDAY_DAYS = 15;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) =>
  ISO_DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const weekday = (v: string) => new Date(`${v}T00:00:00Z`).getUTCDay();

/**
 * Every problem of a year's schedule, at once: a year the hall does not ship, a notice named, each date a
 * real day of that year, holiday periods in order, not overlapping and at most {@link MAX_HOLIDAY_DAYS}
 * days, each named; make-up working days on a Saturday or Sunday (调休 moves a weekend day to work), none
 * inside a holiday, none twice.
 */
export function scheduleProblems(input: CalendarYearInput, calendar: WorkingDayCalendar): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, rule: string, zh: string, en: string) =>
    problems.push({ path, rule, message: { zh, en } });
  const { year } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    add('year', 'calendar.year', '年份应在 2000 至 2100 之间', 'year is a whole year from 2000 to 2100');
  else if (calendar.years().some((y) => y.year === year && y.source === 'SHIPPED'))
    add(
      'year',
      'calendar.shipped',
      `${year} 年的节假日安排随版本发布，不能在运行中替换`,
      `the ${year} schedule ships with the release (data/calendar/cn-holidays.json), citing its notice; it is not replaced at run time`,
    );
  const notice = input.notice.trim();
  if (notice.length < 4 || [...notice].length > 200)
    add(
      'notice',
      'calendar.notice',
      '请填写发布该安排的通知标题（如“国务院办公厅关于2027年部分节假日安排的通知”），最多 200 字',
      'name the notice it comes from (e.g. 国务院办公厅关于2027年部分节假日安排的通知), 4 to 200 characters',
    );
  const inYear = (v: string) => v.slice(0, 4) === String(year);
  const holidayDays = new Set<string>();
  if (input.holidays.length === 0)
    add('holidays', 'calendar.holidays', '至少应有一个节假日', 'a year has at least one holiday period');
  const periods: { from: string; to: string; i: number }[] = [];
  input.holidays.forEach((h, i) => {
    const at = `holidays.${i}`;
    const dates = [h.from, h.to].every(validDate);
    if (!dates) {
      add(
        at,
        'calendar.date',
        '日期格式应为 YYYY-MM-DD',
        `from and to are dates (yyyy-MM-dd); got ${h.from}, ${h.to}`,
      );
      return;
    }
    if (!inYear(h.from) || !inYear(h.to))
      add(at, 'calendar.inYear', `日期应在 ${year} 年内`, `${h.from} to ${h.to} is not within ${year}`);
    const days = (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1;
    if (days < 1)
      add(at, 'calendar.order', '结束日期早于开始日期', `to (${h.to}) is before from (${h.from})`);
    else if (days > MAX_HOLIDAY_DAYS)
      add(
        at,
        'calendar.length',
        `单个假期不超过 ${MAX_HOLIDAY_DAYS} 天`,
        `a holiday period is at most ${MAX_HOLIDAY_DAYS} days; ${h.from} to ${h.to} is ${days}`,
      );
    else {
      periods.push({ from: h.from, to: h.to, i });
      for (let d = Date.parse(h.from); d <= Date.parse(h.to); d += 86_400_000)
        holidayDays.add(new Date(d).toISOString().slice(0, 10));
    }
    if (h.name.trim().length === 0 || [...h.name].length > 20)
      add(
        `${at}.name`,
        'calendar.name',
        '请填写节日名称（如“春节”）',
        'name the holiday (e.g. 春节), 1 to 20 characters',
      );
  });
  periods.sort((a, b) => a.from.localeCompare(b.from));
  for (let k = 1; k < periods.length; k++)
    if (periods[k]!.from <= periods[k - 1]!.to)
      add(
        `holidays.${periods[k]!.i}`,
        'calendar.overlap',
        '假期时间重叠',
        `${periods[k]!.from} to ${periods[k]!.to} overlaps ${periods[k - 1]!.from} to ${periods[k - 1]!.to}`,
      );
  const seen = new Set<string>();
  input.workdays.forEach((w, i) => {
    const at = `workdays.${i}`;
    if (!validDate(w)) {
      add(at, 'calendar.date', '日期格式应为 YYYY-MM-DD', `${w} is not a date (yyyy-MM-dd)`);
      return;
    }
    if (!inYear(w)) add(at, 'calendar.inYear', `日期应在 ${year} 年内`, `${w} is not within ${year}`);
    if (weekday(w) !== 0 && weekday(w) !== 6)
      add(
        at,
        'calendar.workday',
        '调休上班日应为周六或周日',
        `${w} is a weekday: a make-up working day (调休) is a Saturday or Sunday`,
      );
    if (holidayDays.has(w))
      add(at, 'calendar.workdayInHoliday', '调休上班日不能在假期内', `${w} is inside a holiday period`);
    if (seen.has(w)) add(at, 'calendar.twice', '调休上班日重复', `${w} is listed twice`);
    seen.add(w);
  });
  return problems;
}

/**
 * The years of the holiday schedule an administrator loads at run time (the State Council publishes the
 * next year's in November or December, between releases): validated, kept with who loaded it and when
 * (every load, the newest of a year in force), taken by every hall process (at start and at each
 * supervision sweep), and applied at once to the deadlines of open parts that reach into the year.
 */
export class CalendarYears {
  private newest: Date | null = null;

  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly uow: UnitOfWork;
      readonly apps: Applications;
      readonly calendar: WorkingDayCalendar;
      readonly clock: Clock;
    },
  ) {}

  /** Loads a year, or every problem of it at once (INVALID_INPUT); for supervisors only. */
  async load(
    identity: Identity,
    input: CalendarYearInput,
  ): Promise<{ load: CalendarYearLoad; deadlinesMoved: number }> {
    if (identity.role !== 'supervisor')
      throw subgraphError('FORBIDDEN', 'hall', 'the working-day calendar is maintained by supervisors');
    const problems = scheduleProblems(input, this.deps.calendar);
    if (problems.length > 0)
      throw subgraphError(
        'INVALID_INPUT',
        'hall',
        problems.map((p) => `${p.path}: ${p.message.en}`).join('; '),
        {
          problems,
        },
      );
    const schedule: YearSchedule = {
      notice: input.notice.trim(),
      holidays: [...input.holidays]
        .sort((a, b) => a.from.localeCompare(b.from))
        .map((h) => [h.from, h.to, h.name.trim()] as [string, string, string]),
      workdays: [...input.workdays].sort(),
    };
    const load: CalendarYearLoad = {
      id: randomUUID(),
      year: input.year,
      schedule,
      loadedBy: staffRef(identity),
      loadedAt: this.deps.clock.now(),
    };
    // Read before the transaction: the embedded store has one connection, which the transaction holds.
    const open = await this.deps.apps.openParts(undefined);
    const deadlinesMoved = await this.deps.uow(async (tx) => {
      await tx
        .insertInto('calendar_years')
        .values({
          id: load.id,
          year: load.year,
          notice: schedule.notice,
          holidays: JSON.stringify(schedule.holidays),
          workdays: JSON.stringify(schedule.workdays),
          loaded_by: JSON.stringify(load.loadedBy),
          loaded_at: load.loadedAt,
        })
        .execute();
      this.deps.calendar.learn(load.year, schedule);
      // Deadlines counted across the year by weekends alone are counted again on its schedule.
      let moved = 0;
      for (const seen of open) {
        if (
          !seen.acceptedAt ||
          FINAL.has(seen.status) ||
          legalDeadline(this.deps.calendar, seen) === seen.deadline
        )
          continue;
        // Read again in the transaction: its clock may have stopped since (locked by the update).
        const part = (await this.deps.apps.part(seen.id, tx))!;
        const deadline = legalDeadline(this.deps.calendar, part);
        if (!deadline || deadline === part.deadline || FINAL.has(part.status)) continue;
        await this.deps.apps.updatePart(tx, part.id, { deadline }, load.loadedAt);
        moved++;
      }
      return moved;
    });
    this.newest = load.loadedAt;
    return { load, deadlinesMoved };
  }

  /** Takes the loads this process has not seen (another hall's): at start, and at each supervision sweep. */
  async refresh(): Promise<number> {
    let q = this.deps.db.selectFrom('calendar_years').selectAll().orderBy('loaded_at');
    if (this.newest) q = q.where('loaded_at', '>', this.newest);
    const rows = await q.execute();
    for (const r of rows) {
      this.deps.calendar.learn(r.year, { notice: r.notice, holidays: r.holidays, workdays: r.workdays });
      this.newest = new Date(r.loaded_at);
    }
    return rows.length;
  }

  /** Every load, newest first (the audit of the calendar). */
  async loads(): Promise<CalendarYearLoad[]> {
    const rows = await this.deps.db
      .selectFrom('calendar_years')
      .selectAll()
      .orderBy('loaded_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      schedule: { notice: r.notice, holidays: r.holidays, workdays: r.workdays },
      loadedBy: r.loaded_by as StaffRef,
      loadedAt: new Date(r.loaded_at),
    }));
  }
}
