import { type RawBuilder, sql } from 'kysely';
import { beijingDate } from '../calendar/working-days';
import type { Database } from '../platform/database';

/**
 * The figures of past days, summed once (issue 20 at a city's scale: a month of a year's parts took
 * seconds to count, BENCHMARKS.md §8). `performance_days` holds, per Beijing day and grain (centre, bundle,
 * officer, department, item), the counts and sums of each activity keyed by the day of its own instant:
 * applications and parts taken in (submission), completed (decision), dead letters, payments (paid),
 * ratings (rated), follow-ups of bad ones (opened); `performance_day_days` the working days of the parts decided, as a histogram.
 * figures.ts reads these for the days summed and not changed since, and the tables themselves for the
 * rest (today, days marked dirty), and adds the two.
 *
 * What stays exact: triggers on parts, applications, payments and ratings (migration
 * 2026-12-05-026) mark every day a change touches once that day is marked as summed, whichever code made
 * the change; a dirty day is read from the tables until it is summed again. A day is first *marked*
 * (changes to it are tracked from then) and only summed `settleMs` later, so a transaction that began
 * before the marking and touched the day has ended by the time the sums are taken.
 *
 * Application-level measures sit in rows of department '' (an application has no one department); its
 * distinct count per department or item is kept as the number of its parts first of their department
 * or item in it. The window's ratings sit in rows of department and item `window`, as figures.ts keys them.
 */

/** A run of Beijing days, both included. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;

/** The Beijing day `n` days after `day` (before it for a negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The instants of a run of days: from its first day's midnight to the midnight after its last, Beijing time. */
export function instantsOf(range: DayRange): { from: Date; to: Date } {
  return {
    from: new Date(`${range.from}T00:00:00+08:00`),
    to: new Date(Date.parse(`${range.to}T00:00:00+08:00`) + DAY_MS),
  };
}

/** Where the sums stand: days through `readyThrough` are summed, but for those in `dirty`. */
export interface RollupState {
  readonly readyThrough: string | null;
  readonly dirty: ReadonlySet<string>;
}

/**
 * A period split in two: the runs of days read from the sums, and those read from the tables (after the
 * last day summed, or changed since it was).
 */
export function splitPeriod(period: DayRange, state: RollupState): { summed: DayRange[]; live: DayRange[] } {
  const summed: DayRange[] = [];
  const live: DayRange[] = [];
  const push = (into: DayRange[], day: string) => {
    const last = into[into.length - 1];
    if (last && addDays(last.to, 1) === day) into[into.length - 1] = { from: last.from, to: day };
    else into.push({ from: day, to: day });
  };
  const ready = state.readyThrough;
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    if (ready !== null && day > ready) {
      push(live, day);
      // The rest of the period is after the sums: one run.
      live[live.length - 1] = { from: live[live.length - 1]!.from, to: period.to };
      break;
    }
    push(ready !== null && !state.dirty.has(day) ? summed : live, day);
  }
  return { summed, live };
}

/** `column` within one of the runs of days (an index range each). */
export function withinRanges(column: RawBuilder<unknown>, ranges: readonly DayRange[]): RawBuilder<unknown> {
  if (ranges.length === 0) return sql`false`;
  return sql`(${sql.join(
    ranges.map((r) => {
      const { from, to } = instantsOf(r);
      return sql`(${column} >= ${from} and ${column} < ${to})`;
    }),
    sql` or `,
  )})`;
}

/** The counts and sums of performance_days and performance_months (migration 2026-12-05-026). */
export const MEASURES = [
  'applications_taken_in',
  'applications_completed',
  'parts_taken_in',
  'corrections',
  'taken_in_first_of_department',
  'taken_in_first_of_item',
  'completed_first_of_department',
  'completed_first_of_item',
  'parts_completed',
  'on_time',
  'overdue_completed',
  'days_count',
  'promised_count',
  'legal_count',
  'instant',
  'refusals',
  'dead_letters',
  'payments',
  'payment_lines',
  'ratings',
  'bad_ratings',
  'follow_ups_opened',
  'follow_ups_closed',
  'days_sum',
  'promised_sum',
  'legal_sum',
  'promised_with_legal_sum',
  'actual_sum',
  'promised_timed_sum',
  'payments_fen',
  'lines_fen',
  'rating_sum',
] as const;

/** The first day of a day's month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The last day of a day's month. */
export function lastOfMonth(day: string): string {
  return addDays(monthOf(addDays(`${day.slice(0, 7)}-28`, 4)), -1);
}

/**
 * Runs of summed days cut into the whole calendar months inside them (read from performance_months, as
 * a run of their first days) and the days left at their ends (read from performance_days).
 */
export function carveMonths(runs: readonly DayRange[]): { days: DayRange[]; months: DayRange[] } {
  const days: DayRange[] = [];
  const months: DayRange[] = [];
  for (const run of runs) {
    const first = run.from === monthOf(run.from) ? run.from : addDays(lastOfMonth(run.from), 1);
    const last = run.to === lastOfMonth(run.to) ? run.to : addDays(monthOf(run.to), -1);
    if (first > last) {
      days.push(run);
      continue;
    }
    months.push({ from: first, to: monthOf(last) });
    if (run.from < first) days.push({ from: run.from, to: addDays(first, -1) });
    if (last < run.to) days.push({ from: addDays(last, 1), to: run.to });
  }
  return { days, months };
}

/**
 * The sums of the summed runs as one relation `d` of performance_days' columns: whole months from
 * performance_months (when `byMonth`), the other days from performance_days; `histogram` for the
 * working days' tables.
 */
export function summedSource(
  runs: readonly DayRange[],
  options: { byMonth: boolean; histogram?: boolean },
): RawBuilder<unknown> {
  const [dayTable, monthTable] = options.histogram
    ? ['performance_day_days', 'performance_month_days']
    : ['performance_days', 'performance_months'];
  if (!options.byMonth)
    return sql`(select * from ${sql.table(dayTable)} where ${daysWithin(sql`day`, runs)})`;
  const { days, months } = carveMonths(runs);
  return sql`(select * from ${sql.table(dayTable)} where ${daysWithin(sql`day`, days)}
    union all select * from ${sql.table(monthTable)} where ${daysWithin(sql`day`, months)})`;
}

const dayOf = (instant: RawBuilder<unknown>) => sql`(${instant} at time zone 'Asia/Shanghai')::date`;
const GRAIN = sql`day, centre, bundle_code, officer, department, item_code`;
/** A part's or a payment's grain from its application `a`. */
const OF_APPLICATION = sql`coalesce(a.centre, ''), a.bundle_code, coalesce(a.responsible_subject, '')`;

/** Where the sums stand, for the days of a period (one statement: the two agree). */
export async function rollupState(db: Database, period: DayRange): Promise<RollupState> {
  const r = await sql<{ ready_through: string | null; dirty: string[] | null }>`
    select to_char(r.ready_through, 'YYYY-MM-DD') as ready_through,
      array(select to_char(d.day, 'YYYY-MM-DD') from performance_dirty_days d
        where d.day >= ${period.from}::date and d.day <= ${period.to}::date) as dirty
    from performance_rollup r where r.id = 1`.execute(db);
  const row = r.rows[0];
  return { readyThrough: row?.ready_through ?? null, dirty: new Set(row?.dirty ?? []) };
}

/** `column` (a date) within one of the runs of days. */
export function daysWithin(column: RawBuilder<unknown>, ranges: readonly DayRange[]): RawBuilder<unknown> {
  if (ranges.length === 0) return sql`false`;
  return sql`(${sql.join(
    ranges.map((r) => sql`(${column} between ${r.from}::date and ${r.to}::date)`),
    sql` or `,
  )})`;
}

export class PerformanceRollup {
  constructor(
    private readonly db: Database,
    private readonly options: {
      /** How long after a day is marked its sums are taken (longer than any transaction of the hall). */
      readonly settleMs: number;
      /** How many dirty days one tick sums again. */
      readonly dirtyPerTick?: number;
      /** How many months of days not yet summed one tick sums (an upgraded store's past is summed over several). */
      readonly monthsPerTick?: number;
    },
  ) {}

  /**
   * One step: marks the days before `now`'s (Beijing) as summed-to-be, sums those marked long enough
   * ago (a month per transaction), then sums again the days changed since. Answers the days summed.
   * Any hall process may run it; they take turns on the state's row.
   */
  async tick(now: Date): Promise<number> {
    const yesterday = addDays(beijingDate(now), -1);
    const state = await this.current();
    if (state.markedThrough === null || state.markedThrough < yesterday)
      await sql`update performance_rollup set marked_through = ${yesterday}::date, marked_at = ${now}
        where id = 1 and (marked_through is null or marked_through < ${yesterday}::date)`.execute(this.db);
    let summed = 0;
    const settled = await this.current();
    if (
      settled.markedThrough !== null &&
      settled.markedAt !== null &&
      now.getTime() - settled.markedAt.getTime() >= this.options.settleMs &&
      (settled.readyThrough === null || settled.readyThrough < settled.markedThrough)
    ) {
      let from = settled.readyThrough === null ? await this.firstDay() : addDays(settled.readyThrough, 1);
      if (from === null || from > settled.markedThrough) from = settled.markedThrough;
      for (
        let months = this.options.monthsPerTick ?? 3;
        months > 0 && from <= settled.markedThrough;
        months--
      ) {
        const to = [lastOfMonth(from), settled.markedThrough].sort()[0]!;
        summed += await this.sum({ from, to }, true);
        from = addDays(to, 1);
      }
    }
    const dirty = await sql<{ day: string }>`
      select to_char(d.day, 'YYYY-MM-DD') as day from performance_dirty_days d, performance_rollup r
      where r.id = 1 and d.day <= r.ready_through order by d.day limit ${this.options.dirtyPerTick ?? 31}`.execute(
      this.db,
    );
    for (const { day } of dirty.rows) summed += await this.sum({ from: day, to: day }, false);
    return summed;
  }

  /** The last day whose sums are read (null before the first). */
  async readyThrough(): Promise<string | null> {
    return (await this.current()).readyThrough;
  }

  private async current(): Promise<{
    markedThrough: string | null;
    markedAt: Date | null;
    readyThrough: string | null;
  }> {
    const r = await sql<{
      marked_through: string | null;
      marked_at: Date | null;
      ready_through: string | null;
    }>`
      select to_char(marked_through, 'YYYY-MM-DD') as marked_through, marked_at,
        to_char(ready_through, 'YYYY-MM-DD') as ready_through
      from performance_rollup where id = 1`.execute(this.db);
    const row = r.rows[0];
    return {
      markedThrough: row?.marked_through ?? null,
      markedAt: row?.marked_at ? new Date(row.marked_at) : null,
      readyThrough: row?.ready_through ?? null,
    };
  }

  /** The first day anything was submitted (nothing counted is older than its application). */
  private async firstDay(): Promise<string | null> {
    const r = await sql<{ first: Date | null }>`select min(submitted_at) as first from applications`.execute(
      this.db,
    );
    const first = r.rows[0]?.first;
    return first ? beijingDate(new Date(first)) : null;
  }

  /**
   * Sums a run of days afresh in one transaction, holding the state's row (one process at a time): its
   * dirty marks are taken first, so a change made meanwhile marks it again. When `advance`, the run
   * becomes readable (ready through its last day). Answers the days summed.
   */
  private async sum(range: DayRange, advance: boolean): Promise<number> {
    const { from, to } = instantsOf(range);
    return this.db.transaction().execute(async (tx) => {
      const held = await sql<{ ready_through: string | null }>`
        select to_char(ready_through, 'YYYY-MM-DD') as ready_through from performance_rollup where id = 1 for update`.execute(
        tx,
      );
      // Another process summed the run while this one waited for the row.
      const ready = held.rows[0]?.ready_through ?? null;
      if (advance && ready !== null && ready >= range.to) return 0;
      const between = sql`between ${range.from}::date and ${range.to}::date`;
      await sql`delete from performance_dirty_days where day ${between}`.execute(tx);
      await sql`delete from performance_days where day ${between}`.execute(tx);
      await sql`delete from performance_day_days where day ${between}`.execute(tx);
      const upsert = (columns: readonly string[], select: RawBuilder<unknown>) => {
        const names = sql.raw(columns.join(', '));
        const set = sql.raw(columns.map((c) => `${c} = excluded.${c}`).join(', '));
        return sql`insert into performance_days (${GRAIN}, ${names}) ${select}
          on conflict (${GRAIN}) do update set ${set}`.execute(tx);
      };
      const submitted = sql`a.submitted_at >= ${from} and a.submitted_at < ${to}`;
      const completed = sql`a.completed_at >= ${from} and a.completed_at < ${to}`;
      await upsert(
        ['applications_taken_in'],
        sql`select ${dayOf(sql`a.submitted_at`)}, ${OF_APPLICATION}, '', '', count(*)
          from applications a where ${submitted} group by 1, 2, 3, 4`,
      );
      await upsert(
        ['applications_completed'],
        sql`select ${dayOf(sql`a.completed_at`)}, ${OF_APPLICATION}, '', '', count(*)
          from applications a where ${completed} group by 1, 2, 3, 4`,
      );
      // Each part with whether it is the first of its application's parts of its department, and of its item.
      const firsts = (where: RawBuilder<unknown>) => sql`(
        select p.*, row_number() over (partition by p.application_id, p.department order by p.id) = 1 as first_of_department,
          row_number() over (partition by p.application_id, p.item_code order by p.id) = 1 as first_of_item
        from parts p where ${where})`;
      await upsert(
        ['parts_taken_in', 'corrections', 'taken_in_first_of_department', 'taken_in_first_of_item'],
        sql`select ${dayOf(sql`p.submitted_at`)}, ${OF_APPLICATION}, p.department, p.item_code, count(*),
            count(*) filter (where p.corrections > 0 or p.status = 'CORRECTION_REQUESTED'),
            count(*) filter (where p.first_of_department), count(*) filter (where p.first_of_item)
          from ${firsts(sql`p.submitted_at >= ${from} and p.submitted_at < ${to}`)} p
            join applications a on a.id = p.application_id
          group by 1, 2, 3, 4, 5, 6`,
      );
      await upsert(
        ['completed_first_of_department', 'completed_first_of_item'],
        sql`select ${dayOf(sql`a.completed_at`)}, ${OF_APPLICATION}, p.department, p.item_code,
            count(*) filter (where p.first_of_department), count(*) filter (where p.first_of_item)
          from applications a
            join ${firsts(sql`p.application_id in (select a.id from applications a where ${completed})`)} p
              on p.application_id = a.id
          where ${completed}
          group by 1, 2, 3, 4, 5, 6`,
      );
      const decided = sql`p.finished_at >= ${from} and p.finished_at < ${to} and p.status in ('APPROVED', 'REJECTED')`;
      await upsert(
        [
          'parts_completed',
          'on_time',
          'overdue_completed',
          'days_count',
          'days_sum',
          'promised_count',
          'promised_sum',
          'legal_count',
          'legal_sum',
          'promised_with_legal_sum',
          'actual_sum',
          'promised_timed_sum',
          'instant',
          'refusals',
        ],
        sql`select ${dayOf(sql`p.finished_at`)}, ${OF_APPLICATION}, p.department, p.item_code,
            count(*), count(*) filter (where p.on_time), count(*) filter (where not p.on_time),
            count(p.working_days), coalesce(sum(p.working_days), 0),
            count(p.promised_days), coalesce(sum(p.promised_days), 0),
            count(p.legal_days), coalesce(sum(p.legal_days), 0),
            coalesce(sum(p.promised_days) filter (where p.legal_days is not null), 0),
            coalesce(sum(p.working_days) filter (where p.promised_days > 0 and p.working_days is not null), 0),
            coalesce(sum(p.promised_days) filter (where p.promised_days > 0 and p.working_days is not null), 0),
            count(*) filter (where p.status = 'APPROVED' and (p.promised_days = 0 or p.working_days = 0)),
            count(*) filter (where p.status = 'REJECTED')
          from parts p join applications a on a.id = p.application_id
          where ${decided}
          group by 1, 2, 3, 4, 5, 6`,
      );
      await sql`insert into performance_day_days (${GRAIN}, working_days, parts)
        select ${dayOf(sql`p.finished_at`)}, ${OF_APPLICATION}, p.department, p.item_code, p.working_days, count(*)
        from parts p join applications a on a.id = p.application_id
        where ${decided} and p.working_days is not null
        group by 1, 2, 3, 4, 5, 6, 7`.execute(tx);
      await upsert(
        ['dead_letters'],
        sql`select ${dayOf(sql`p.dead_lettered_at`)}, ${OF_APPLICATION}, p.department, p.item_code, count(*)
          from parts p join applications a on a.id = p.application_id
          where p.dead_lettered_at >= ${from} and p.dead_lettered_at < ${to}
          group by 1, 2, 3, 4, 5, 6`,
      );
      const paid = sql`pay.status = 'PAID' and pay.paid_at >= ${from} and pay.paid_at < ${to}`;
      await upsert(
        ['payments', 'payments_fen'],
        sql`select ${dayOf(sql`pay.paid_at`)}, ${OF_APPLICATION}, '', '', count(*), coalesce(sum(pay.total_fen), 0)
          from payments pay join applications a on a.id = pay.application_id
          where ${paid}
          group by 1, 2, 3, 4`,
      );
      await upsert(
        ['payment_lines', 'lines_fen'],
        sql`select ${dayOf(sql`pay.paid_at`)}, ${OF_APPLICATION}, coalesce(l->>'department', ''), coalesce(l->>'itemCode', ''),
            count(*), coalesce(sum((l->>'amount')::bigint), 0)
          from payments pay join applications a on a.id = pay.application_id
            cross join lateral jsonb_array_elements(pay.lines) l
          where ${paid}
          group by 1, 2, 3, 4, 5, 6`,
      );
      // A rating keeps its own centre and officer (the window's service is the officer's); its bundle is its application's.
      await upsert(
        ['ratings', 'rating_sum', 'bad_ratings'],
        sql`select ${dayOf(sql`r.rated_at`)}, coalesce(r.centre, ''), a.bundle_code, coalesce(r.officer_subject, ''),
            coalesce(r.department, 'window'), coalesce(r.item_code, 'window'),
            count(*), sum(r.level), count(*) filter (where r.level <= 2)
          from ratings r join applications a on a.id = r.application_id
          where r.rated_at >= ${from} and r.rated_at < ${to}
          group by 1, 2, 3, 4, 5, 6`,
      );
      // A follow-up by its rating's grain, its department its own (the window's: \`window\`).
      await upsert(
        ['follow_ups_opened', 'follow_ups_closed'],
        sql`select ${dayOf(sql`f.opened_at`)}, coalesce(r.centre, ''), a.bundle_code, coalesce(r.officer_subject, ''),
            f.department, coalesce(r.item_code, 'window'),
            count(*), count(*) filter (where f.status = 'CLOSED' and f.rectified_at is not null)
          from rating_follow_ups f join ratings r on r.id = f.rating_id join applications a on a.id = r.application_id
          where f.opened_at >= ${from} and f.opened_at < ${to}
          group by 1, 2, 3, 4, 5, 6`,
      );
      // The months the run falls in, summed again from their days (a month is read whole only once every
      // day of it is summed and unchanged since: figures.ts).
      const months = sql`between ${monthOf(range.from)}::date and ${monthOf(range.to)}::date`;
      const ofMonths = sql`day between ${monthOf(range.from)}::date and ${lastOfMonth(range.to)}::date`;
      await sql`delete from performance_months where day ${months}`.execute(tx);
      await sql`delete from performance_month_days where day ${months}`.execute(tx);
      await sql`insert into performance_months (${GRAIN}, ${sql.raw(MEASURES.join(', '))})
        select date_trunc('month', day)::date, centre, bundle_code, officer, department, item_code,
          ${sql.raw(MEASURES.map((m) => `sum(${m})`).join(', '))}
        from performance_days where ${ofMonths}
        group by 1, 2, 3, 4, 5, 6`.execute(tx);
      await sql`insert into performance_month_days (${GRAIN}, working_days, parts)
        select date_trunc('month', day)::date, centre, bundle_code, officer, department, item_code, working_days, sum(parts)
        from performance_day_days where ${ofMonths}
        group by 1, 2, 3, 4, 5, 6, 7`.execute(tx);
      if (advance)
        await sql`update performance_rollup set ready_through = ${range.to}::date
          where id = 1 and (ready_through is null or ready_through < ${range.to}::date)`.execute(tx);
      return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
    });
  }
}
