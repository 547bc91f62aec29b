import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../platform/database';
import { type DayRange, MEASURES, rollupState, splitPeriod, summedSource, withinRanges } from './rollup';

/**
 * The figures centres are judged by (issue 20; the seed reports: on-time completion, speed-up, on-the-spot
 * completion, satisfaction and the follow-up of every bad rating), computed in the database: each figure is
 * one condition written once here, counted by an aggregate (`count(*) filter (where …)`) grouped by the cut,
 * and listed by the same condition when a supervisor drills down. Nothing is loaded into the process but
 * the groups' sums.
 *
 * - A part is **taken in** when its application was submitted in the period, **completed** when it was
 *   decided (approved or refused) in it.
 * - **On time** and **overdue** go by the legal clock: a part's deadline is its promised working days from
 *   acceptance, moved by the working days its clock was stopped (补正, statutory exclusions), and its
 *   working days taken count running time only. A part decided after its deadline is overdue; so is one
 *   still open whose deadline passed before the period's end.
 * - **Speed-up**: the promised limit against the legal one (承诺时限 vs 法定时限, 1 − promised/legal), and
 *   the time taken against the promised (1 − actual/promised), each over the parts completed.
 * - **Instant** (即办): completed parts of items promised on the spot (0 days), or decided on their day of
 *   acceptance.
 */

/** A period of Beijing dates, both included. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** What the figures are restricted to (a caller's scope is applied on top: see scope.ts). */
export interface PerformanceFilter {
  readonly period: Period;
  readonly centre?: string | null;
  readonly department?: string | null;
  readonly itemCode?: string | null;
  readonly bundleCode?: string | null;
  /** A window officer's subject (the application's responsible officer). */
  readonly officer?: string | null;
  /** The caller's scope: a supervisor's centre (its applications and those of no centre yet). */
  readonly within?: string | null;
  /** The caller's scope: a department's staff see only their departments'. */
  readonly departments?: readonly string[] | null;
}

export type PerformanceCut = 'TOTAL' | 'CENTRE' | 'DEPARTMENT' | 'ITEM' | 'BUNDLE' | 'OFFICER';

/** A figure whose parts a supervisor can list (drill-down). */
export type PartFigure =
  | 'TAKEN_IN'
  | 'COMPLETED'
  | 'ON_TIME'
  | 'OVERDUE'
  | 'INSTANT'
  | 'CORRECTIONS'
  | 'REFUSED'
  | 'DEAD_LETTERS';

export interface PerformanceRow {
  /** The cut's value: a centre, a department key, an item or bundle code, an officer's subject; `ALL` for TOTAL. */
  readonly key: string;
  /** An officer's name, where the cut is OFFICER. */
  readonly label: string | null;
  readonly applicationsTakenIn: number;
  readonly applicationsCompleted: number;
  readonly partsTakenIn: number;
  readonly partsCompleted: number;
  readonly onTime: number;
  readonly overdue: number;
  /** On time among the parts completed, 0 to 1 (null without any). */
  readonly onTimeRate: number | null;
  readonly averageWorkingDays: number | null;
  readonly p90WorkingDays: number | null;
  readonly averagePromisedDays: number | null;
  readonly averageLegalDays: number | null;
  /** 1 − promised/legal over the parts completed. */
  readonly promisedSpeedUp: number | null;
  /** 1 − actual/promised over the parts completed (items promised on the spot left out). */
  readonly actualSpeedUp: number | null;
  readonly instant: number;
  readonly corrections: number;
  readonly refusals: number;
  readonly deadLetters: number;
  /** Fees paid in the period, in fen. */
  readonly paymentsCollectedFen: number;
  readonly ratings: number;
  readonly averageRating: number | null;
  /** Ratings of 1 or 2 (不满意, 非常不满意). */
  readonly badRatings: number;
  readonly followUpsOpened: number;
  readonly followUpsClosed: number;
  /** 回访整改率: follow-ups closed (called back and rectified) among those opened in the period. */
  readonly followUpRate: number | null;
}

/** The instants a period covers: from its first day's midnight to the midnight after its last, Beijing time. */
export function bounds(period: Period): { from: Date; to: Date } {
  const from = new Date(`${period.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000);
  return { from, to };
}

const OPEN = sql`p.status not in ('APPROVED', 'REJECTED', 'CANCELLED')`;

/**
 * Open parts overdue at the period's end: accepted before it, their deadline passed before its last day,
 * their clock not stopped now (a correction waited for).
 */
function openOverdue(period: Period): RawBuilder<unknown> {
  const { to } = bounds(period);
  return sql`(${OPEN} and p.accepted_at < ${to} and p.deadline < ${period.to}
    and not exists (select 1 from jsonb_array_elements(p.clock_stops) s where s->>'until' is null))`;
}

/** Whether the cut or the filter reads the parts' applications (else the parts are counted alone). */
function needsApplications(filter: PerformanceFilter, cut: PerformanceCut): boolean {
  return (
    cut === 'CENTRE' ||
    cut === 'BUNDLE' ||
    cut === 'OFFICER' ||
    Boolean(filter.centre || filter.bundleCode || filter.officer || filter.within)
  );
}

/** Whether the cut or the filter is of parts (their department or item): else of applications alone. */
function byParts(filter: PerformanceFilter, cut: PerformanceCut): boolean {
  return (
    cut === 'DEPARTMENT' ||
    cut === 'ITEM' ||
    Boolean(filter.department || filter.itemCode || filter.departments)
  );
}

/** Each figure of parts as one condition over `parts p` joined with `applications a`. */
export function partCondition(figure: PartFigure, period: Period): RawBuilder<unknown> {
  const { from, to } = bounds(period);
  const takenIn = sql`(p.submitted_at >= ${from} and p.submitted_at < ${to})`;
  const completed = sql`(p.finished_at >= ${from} and p.finished_at < ${to} and p.status in ('APPROVED', 'REJECTED'))`;
  switch (figure) {
    case 'TAKEN_IN':
      return takenIn;
    case 'COMPLETED':
      return completed;
    case 'ON_TIME':
      return sql`(${completed} and p.on_time)`;
    case 'OVERDUE':
      return sql`((${completed} and not p.on_time) or ${openOverdue(period)})`;
    case 'INSTANT':
      return sql`(${completed} and p.status = 'APPROVED' and (p.promised_days = 0 or p.working_days = 0))`;
    case 'CORRECTIONS':
      return sql`(${takenIn} and (p.corrections > 0 or p.status = 'CORRECTION_REQUESTED'))`;
    case 'REFUSED':
      return sql`(${completed} and p.status = 'REJECTED')`;
    case 'DEAD_LETTERS':
      return sql`(p.dead_lettered_at >= ${from} and p.dead_lettered_at < ${to})`;
  }
}

/** The filter's conditions over `parts p` and `applications a`. */
function restrictions(filter: PerformanceFilter, centreOf: RawBuilder<unknown>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.centre) parts.push(sql`${centreOf} = ${filter.centre}`);
  if (filter.department) parts.push(sql`p.department = ${filter.department}`);
  if (filter.itemCode) parts.push(sql`p.item_code = ${filter.itemCode}`);
  if (filter.bundleCode) parts.push(sql`a.bundle_code = ${filter.bundleCode}`);
  if (filter.officer) parts.push(sql`a.responsible_subject = ${filter.officer}`);
  if (filter.within) parts.push(sql`(${centreOf} = ${filter.within} or ${centreOf} is null)`);
  if (filter.departments)
    parts.push(sql`p.department in (${sql.join(filter.departments.map((d) => sql`${d}`))})`);
  return sql.join(parts, sql` and `);
}

/** The cut's key over `parts p` and `applications a`. */
function keyOf(cut: PerformanceCut): RawBuilder<string> {
  switch (cut) {
    case 'TOTAL':
      return sql<string>`'ALL'`;
    case 'CENTRE':
      return sql<string>`coalesce(a.centre, '')`;
    case 'DEPARTMENT':
      return sql<string>`p.department`;
    case 'ITEM':
      return sql<string>`p.item_code`;
    case 'BUNDLE':
      return sql<string>`a.bundle_code`;
    case 'OFFICER':
      return sql<string>`coalesce(a.responsible_subject, '')`;
  }
}

/** Whether fees are counted by their lines (per department and item) rather than as whole payments. */
function paymentsByLine(filter: PerformanceFilter, cut: PerformanceCut): boolean {
  return (
    cut === 'DEPARTMENT' ||
    cut === 'ITEM' ||
    Boolean(filter.department || filter.itemCode || filter.departments)
  );
}

/** A rating's key: its own department, item, centre and officer (the window's service is `window`). */
function ratingKey(cut: PerformanceCut): RawBuilder<string> {
  switch (cut) {
    case 'DEPARTMENT':
      return sql<string>`coalesce(r.department, 'window')`;
    case 'ITEM':
      return sql<string>`coalesce(r.item_code, 'window')`;
    case 'OFFICER':
      return sql<string>`coalesce(r.officer_subject, '')`;
    case 'CENTRE':
      return sql<string>`coalesce(r.centre, '')`;
    case 'BUNDLE':
      return sql<string>`a.bundle_code`;
    case 'TOTAL':
      return sql<string>`'ALL'`;
  }
}

/** The cut's key over the sums of past days (`performance_days d`: its grain is the keys themselves). */
function summedKey(cut: PerformanceCut): RawBuilder<string> {
  switch (cut) {
    case 'TOTAL':
      return sql<string>`'ALL'`;
    case 'CENTRE':
      return sql<string>`d.centre`;
    case 'DEPARTMENT':
      return sql<string>`d.department`;
    case 'ITEM':
      return sql<string>`d.item_code`;
    case 'BUNDLE':
      return sql<string>`d.bundle_code`;
    case 'OFFICER':
      return sql<string>`d.officer`;
  }
}

/** The filter's conditions over the sums of past days (no centre, officer: ''). */
function summedRestrictions(filter: PerformanceFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.centre) parts.push(sql`d.centre = ${filter.centre}`);
  if (filter.department) parts.push(sql`d.department = ${filter.department}`);
  if (filter.itemCode) parts.push(sql`d.item_code = ${filter.itemCode}`);
  if (filter.bundleCode) parts.push(sql`d.bundle_code = ${filter.bundleCode}`);
  if (filter.officer) parts.push(sql`d.officer = ${filter.officer}`);
  if (filter.within) parts.push(sql`d.centre in (${filter.within}, '')`);
  if (filter.departments)
    parts.push(sql`d.department in (${sql.join(filter.departments.map((d) => sql`${d}`))})`);
  return sql.join(parts, sql` and `);
}

/** The parts decided within the runs of days. */
function decidedWithin(live: readonly DayRange[]): RawBuilder<unknown> {
  return sql`(${withinRanges(sql`p.finished_at`, live)} and p.status in ('APPROVED', 'REJECTED'))`;
}

const empty: Record<string, unknown>[] = [];

/** The measures of the sums whose column depends on the question (applications by their parts, fees by line). */
const CHOSEN_BY_QUESTION = new Set<string>([
  'applications_taken_in',
  'applications_completed',
  'taken_in_first_of_department',
  'taken_in_first_of_item',
  'completed_first_of_department',
  'completed_first_of_item',
  'payments',
  'payment_lines',
  'payments_fen',
  'lines_fen',
]);
/** Every other measure of the sums, read under its own name. */
const SUMMED_AS_THEY_ARE = MEASURES.filter((m) => !CHOSEN_BY_QUESTION.has(m));

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** The measures every figure is made of: counts and sums, added across the sums of past days and the tables. */
type Measures = Record<string, number>;

/** What makes a value of the cut a row: any activity of it in the period. */
const PRESENCE = [
  'applications_taken_in',
  'applications_completed',
  'parts_taken_in',
  'parts_completed',
  'dead_letters',
  'overdue_open',
  'payments',
  'ratings',
  'follow_ups_opened',
];

/**
 * The 90th percentile (as `percentile_cont(0.9)`: interpolated between the two nearest ranks) of a
 * histogram of working days.
 */
export function p90Of(histogram: ReadonlyMap<number, number>): number | null {
  const values = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const position = 0.9 * (total - 1);
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (rank < seen) return value;
    }
    return values[values.length - 1]![0];
  };
  const lo = Math.floor(position);
  const low = at(lo);
  return low + (at(Math.min(lo + 1, total - 1)) - low) * (position - lo);
}

/** The figures, the trend and the parts behind a figure, answered by the database. */
export class Performance {
  constructor(
    private readonly db: Database,
    /** `readSums: false` reads every day from the tables (the benchmark's reference: BENCHMARKS.md §8). */
    private readonly options: { readonly readSums?: boolean } = {},
  ) {}

  /**
   * Every figure for the period, one row per value of the cut (a row for each value with any activity).
   * The days summed (rollup.ts) are read from their sums; the others (today, days changed since they
   * were summed, or all of them before the first sums) from the tables, each kind of activity by its own
   * statement on an index-friendly range of its own instant (submission, decision, dead letter, payment,
   * rating); the open parts past their deadline and the follow-ups always from the tables. The statements
   * run side by side and their counts and sums are added per value of the cut.
   */
  async figures(filter: PerformanceFilter, cut: PerformanceCut): Promise<PerformanceRow[]> {
    const { summed, live } = await this.split(filter, cut);
    const [counted, histograms] = await Promise.all([
      Promise.all([
        summed.length > 0 ? this.summedFigures(filter, cut, summed) : empty,
        live.length > 0 ? this.liveFigures(filter, cut, live) : empty,
        this.overdueOpen(filter, cut),
      ]),
      Promise.all([
        summed.length > 0 ? this.summedDays(filter, cut, summed) : empty,
        live.length > 0 ? this.liveDays(filter, cut, live) : empty,
      ]),
    ]);

    const rows = new Map<string, Measures>();
    for (const statement of counted)
      for (const r of statement) {
        const k = String(r.key);
        const into = rows.get(k) ?? {};
        for (const [name, v] of Object.entries(r))
          if (name !== 'key') into[name] = (into[name] ?? 0) + num(v);
        rows.set(k, into);
      }
    const days = new Map<string, Map<number, number>>();
    for (const statement of histograms)
      for (const r of statement) {
        const k = String(r.key);
        const h = days.get(k) ?? new Map<number, number>();
        const wd = num(r.working_days);
        h.set(wd, (h.get(wd) ?? 0) + num(r.parts));
        days.set(k, h);
      }
    for (const [k, r] of rows) if (!PRESENCE.some((m) => (r[m] ?? 0) > 0)) rows.delete(k);
    const labels = cut === 'OFFICER' ? await this.officerNames([...rows.keys()]) : new Map<string, string>();

    return [...rows.entries()]
      .map(([k, r]): PerformanceRow => {
        const m = (name: string) => r[name] ?? 0;
        const partsCompleted = m('parts_completed');
        const onTime = m('on_time');
        const opened = m('follow_ups_opened');
        const closed = m('follow_ups_closed');
        return {
          key: k,
          label: labels.get(k) ?? null,
          applicationsTakenIn: m('applications_taken_in'),
          applicationsCompleted: m('applications_completed'),
          partsTakenIn: m('parts_taken_in'),
          partsCompleted,
          onTime,
          overdue: m('overdue_completed') + m('overdue_open'),
          onTimeRate: ratio(onTime, partsCompleted),
          averageWorkingDays: ratio(m('days_sum'), m('days_count')),
          p90WorkingDays: p90Of(days.get(k) ?? new Map()),
          averagePromisedDays: ratio(m('promised_sum'), m('promised_count')),
          averageLegalDays: ratio(m('legal_sum'), m('legal_count')),
          promisedSpeedUp: m('legal_sum') > 0 ? 1 - m('promised_with_legal_sum') / m('legal_sum') : null,
          actualSpeedUp: m('promised_timed_sum') > 0 ? 1 - m('actual_sum') / m('promised_timed_sum') : null,
          instant: m('instant'),
          corrections: m('corrections'),
          refusals: m('refusals'),
          deadLetters: m('dead_letters'),
          paymentsCollectedFen: m('collected_fen'),
          ratings: m('ratings'),
          averageRating: ratio(m('rating_sum'), m('ratings')),
          badRatings: m('bad_ratings'),
          followUpsOpened: opened,
          followUpsClosed: closed,
          followUpRate: ratio(closed, opened),
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * The period's days read from their sums and those read from the tables. An application is counted
   * once per department or item by its first part there; across several departments at once (a
   * department's staff of two departments, not cut by department or item) that would count it twice,
   * so such a question reads the tables alone.
   */
  private async split(filter: PerformanceFilter, cut: PerformanceCut) {
    const acrossDepartments =
      cut !== 'DEPARTMENT' &&
      cut !== 'ITEM' &&
      !filter.itemCode &&
      !filter.department &&
      (filter.departments?.length ?? 0) > 1;
    if (acrossDepartments || this.options.readSums === false) return { summed: [], live: [filter.period] };
    return splitPeriod(filter.period, await rollupState(this.db, filter.period));
  }

  /** The counts and sums of the days summed, by the cut: one statement over performance_days. */
  private async summedFigures(filter: PerformanceFilter, cut: PerformanceCut, summed: DayRange[]) {
    const ofParts = byParts(filter, cut);
    const byItem = cut === 'ITEM' || Boolean(filter.itemCode);
    const applications = (of: 'taken_in' | 'completed') =>
      sql.raw(
        ofParts
          ? `${of}_first_of_${byItem ? 'item' : 'department'}`
          : `applications_${of === 'taken_in' ? 'taken_in' : 'completed'}`,
      );
    const byLine = paymentsByLine(filter, cut);
    const r = await sql<Record<string, unknown>>`
      select ${summedKey(cut)} as key,
        sum(${applications('taken_in')}) as applications_taken_in,
        sum(${applications('completed')}) as applications_completed,
        ${sql.join(SUMMED_AS_THEY_ARE.map((c) => sql.raw(`sum(${c}) as ${c}`)))},
        sum(${sql.raw(byLine ? 'payment_lines' : 'payments')}) as payments,
        sum(${sql.raw(byLine ? 'lines_fen' : 'payments_fen')}) as collected_fen
      from ${summedSource(summed, { byMonth: true })} d
      where ${summedRestrictions(filter)}
      group by 1`.execute(this.db);
    return r.rows;
  }

  /** The working days of the parts decided on the days summed, by the cut, as a histogram. */
  private async summedDays(filter: PerformanceFilter, cut: PerformanceCut, summed: DayRange[]) {
    const r = await sql<Record<string, unknown>>`
      select ${summedKey(cut)} as key, d.working_days, sum(d.parts) as parts
      from ${summedSource(summed, { byMonth: true, histogram: true })} d
      where ${summedRestrictions(filter)}
      group by 1, 2`.execute(this.db);
    return r.rows;
  }

  /** The counts and sums of the days not summed, from the tables, by the cut. */
  private async liveFigures(filter: PerformanceFilter, cut: PerformanceCut, live: DayRange[]) {
    const key = keyOf(cut);
    const where = restrictions(filter, sql`a.centre`);
    // The parts' statements join their applications only where the cut or the filter reads them.
    const join = needsApplications(filter, cut) ? sql`join applications a on a.id = p.application_id` : sql``;
    const statements = [
      // Taken in: the parts of the applications submitted in the period (by the submission each part keeps;
      // where the cut or the filter reads the applications, those submitted in the period beside them).
      sql<Record<string, unknown>>`
        select ${key} as key, count(*) as parts_taken_in, count(distinct p.application_id) as applications_taken_in,
          count(*) filter (where p.corrections > 0 or p.status = 'CORRECTION_REQUESTED') as corrections
        from parts p ${
          needsApplications(filter, cut)
            ? sql`join applications a on a.id = p.application_id and ${withinRanges(sql`a.submitted_at`, live)}`
            : sql``
        }
        where ${withinRanges(sql`p.submitted_at`, live)} and ${where}
        group by 1`,
      // Completed: the parts decided in the period.
      sql<Record<string, unknown>>`
        select ${key} as key,
          count(*) as parts_completed,
          count(*) filter (where p.on_time) as on_time,
          count(*) filter (where not p.on_time) as overdue_completed,
          count(p.working_days) as days_count, sum(p.working_days) as days_sum,
          count(p.promised_days) as promised_count, sum(p.promised_days) as promised_sum,
          count(p.legal_days) as legal_count, sum(p.legal_days) as legal_sum,
          sum(p.promised_days) filter (where p.legal_days is not null) as promised_with_legal_sum,
          sum(p.working_days) filter (where p.promised_days > 0 and p.working_days is not null) as actual_sum,
          sum(p.promised_days) filter (where p.promised_days > 0 and p.working_days is not null) as promised_timed_sum,
          count(*) filter (where p.status = 'APPROVED' and (p.promised_days = 0 or p.working_days = 0)) as instant,
          count(*) filter (where p.status = 'REJECTED') as refusals
        from parts p ${join}
        where ${decidedWithin(live)} and ${where}
        group by 1`,
      sql<Record<string, unknown>>`
        select ${key} as key, count(*) as dead_letters
        from parts p ${join}
        where ${withinRanges(sql`p.dead_lettered_at`, live)} and ${where}
        group by 1`,
      // Completed applications: by their parts where the cut or the filter is of parts, else alone (each
      // has its parts: one per item of its bundle, made with it).
      byParts(filter, cut)
        ? sql<Record<string, unknown>>`
          select ${key} as key, count(distinct a.id) as applications_completed
          from applications a
            cross join lateral (select p.department, p.item_code from parts p where p.application_id = a.id) p
          where ${withinRanges(sql`a.completed_at`, live)} and ${where}
          group by 1`
        : sql<Record<string, unknown>>`
          select ${key} as key, count(*) as applications_completed
          from applications a
          where ${withinRanges(sql`a.completed_at`, live)} and ${where}
          group by 1`,
      this.payments(filter, cut, live),
      this.ratings(filter, cut, live),
      this.followUps(filter, cut, live),
    ];
    const results = await Promise.all(statements.map((s) => s.execute(this.db)));
    return results.flatMap((r) => r.rows);
  }

  /** The working days of the parts decided on the days not summed, by the cut, as a histogram. */
  private async liveDays(filter: PerformanceFilter, cut: PerformanceCut, live: DayRange[]) {
    const join = needsApplications(filter, cut) ? sql`join applications a on a.id = p.application_id` : sql``;
    const r = await sql<Record<string, unknown>>`
      select ${keyOf(cut)} as key, p.working_days, count(*) as parts
      from parts p ${join}
      where ${decidedWithin(live)} and p.working_days is not null and ${restrictions(filter, sql`a.centre`)}
      group by 1, 2`.execute(this.db);
    return r.rows;
  }

  /** Overdue and still open: the open parts whose (running) deadline passed before the period's end. */
  private async overdueOpen(filter: PerformanceFilter, cut: PerformanceCut) {
    const join = needsApplications(filter, cut) ? sql`join applications a on a.id = p.application_id` : sql``;
    const r = await sql<Record<string, unknown>>`
      select ${keyOf(cut)} as key, count(*) as overdue_open
      from parts p ${join}
      where ${openOverdue(filter.period)} and ${restrictions(filter, sql`a.centre`)}
      group by 1`.execute(this.db);
    return r.rows;
  }

  /** Fees paid in the period: whole payments, or their lines where the cut is by department or item. */
  private payments(filter: PerformanceFilter, cut: PerformanceCut, live: DayRange[]) {
    const base = restrictions(
      { ...filter, department: null, itemCode: null, departments: null },
      sql`a.centre`,
    );
    // Payments are counted alone where neither the cut nor the filter reads their applications.
    const payJoin = needsApplications(filter, cut)
      ? sql`join applications a on a.id = pay.application_id`
      : sql``;
    const paid = sql`pay.status = 'PAID' and ${withinRanges(sql`pay.paid_at`, live)}`;
    if (!paymentsByLine(filter, cut))
      return sql<Record<string, unknown>>`
        select ${keyOf(cut)} as key, count(*) as payments, sum(pay.total_fen) as collected_fen
        from payments pay ${payJoin}
        where ${paid} and ${base}
        group by 1`;
    const lineKey =
      cut === 'DEPARTMENT' ? sql`l->>'department'` : cut === 'ITEM' ? sql`l->>'itemCode'` : keyOf(cut);
    const lineWhere: RawBuilder<unknown>[] = [sql`true`];
    if (filter.departments)
      lineWhere.push(sql`l->>'department' in (${sql.join(filter.departments.map((d) => sql`${d}`))})`);
    if (filter.department) lineWhere.push(sql`l->>'department' = ${filter.department}`);
    if (filter.itemCode) lineWhere.push(sql`l->>'itemCode' = ${filter.itemCode}`);
    return sql<Record<string, unknown>>`
      select ${lineKey} as key, count(*) as payments, sum((l->>'amount')::bigint) as collected_fen
      from payments pay ${payJoin}
        cross join lateral jsonb_array_elements(pay.lines) l
      where ${paid} and ${base} and ${sql.join(lineWhere, sql` and `)}
      group by 1`;
  }

  /** Ratings given in the period (一事一评): a part's by its department and item, the window's by its officer. */
  private ratings(filter: PerformanceFilter, cut: PerformanceCut, live: DayRange[]) {
    return sql<Record<string, unknown>>`
      select ${ratingKey(cut)} as key, count(*) as ratings, sum(r.level) as rating_sum,
        count(*) filter (where r.level <= 2) as bad_ratings
      from ratings r ${this.ratingJoin(filter, cut)}
      where ${withinRanges(sql`r.rated_at`, live)} and ${this.ratingRestrictions(filter)}
      group by 1`;
  }

  /** Follow-ups of bad ratings opened in the period, and how many of those are closed (回访整改率). */
  private followUps(filter: PerformanceFilter, cut: PerformanceCut, live: DayRange[]) {
    const key = cut === 'DEPARTMENT' ? sql`f.department` : ratingKey(cut);
    return sql<Record<string, unknown>>`
      select ${key} as key, count(*) as follow_ups_opened,
        count(*) filter (where f.status = 'CLOSED' and f.rectified_at is not null) as follow_ups_closed
      from rating_follow_ups f join ratings r on r.id = f.rating_id ${this.ratingJoin(filter, cut)}
      where ${withinRanges(sql`f.opened_at`, live)} and ${this.ratingRestrictions(filter)}
      group by 1`;
  }

  /** Ratings carry their centre, department, item and officer: only the bundle is read from their application. */
  private ratingJoin(filter: PerformanceFilter, cut: PerformanceCut): RawBuilder<unknown> {
    return cut === 'BUNDLE' || filter.bundleCode
      ? sql`join applications a on a.id = r.application_id`
      : sql``;
  }

  private ratingRestrictions(filter: PerformanceFilter): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`true`];
    if (filter.centre) parts.push(sql`r.centre = ${filter.centre}`);
    if (filter.department) parts.push(sql`r.department = ${filter.department}`);
    if (filter.itemCode) parts.push(sql`r.item_code = ${filter.itemCode}`);
    if (filter.bundleCode) parts.push(sql`a.bundle_code = ${filter.bundleCode}`);
    if (filter.officer) parts.push(sql`r.officer_subject = ${filter.officer}`);
    if (filter.within) parts.push(sql`(r.centre = ${filter.within} or r.centre is null)`);
    if (filter.departments)
      parts.push(sql`r.department in (${sql.join(filter.departments.map((d) => sql`${d}`))})`);
    return sql.join(parts, sql` and `);
  }

  private async officerNames(subjects: readonly string[]): Promise<Map<string, string>> {
    const named = subjects.filter((s) => s !== '');
    if (named.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('staff_seen')
      .select(['subject', 'name'])
      .where('subject', 'in', named)
      .execute();
    return new Map(rows.map((r) => [r.subject, r.name]));
  }

  /**
   * The trend of on-time completion: parts completed and on time per day, week or month of the period
   * (Beijing time), in order.
   */
  async trend(
    filter: PerformanceFilter,
    interval: 'DAY' | 'WEEK' | 'MONTH',
  ): Promise<{ start: string; completed: number; onTime: number; overdue: number }[]> {
    const unit = interval.toLowerCase();
    // Parts completed count the same from the sums of past days as from the tables (no application is counted).
    const { summed, live } = await this.split(filter, 'DEPARTMENT');
    const statements = [
      summed.length > 0
        ? sql<{ start: string; completed: string; on_time: string }>`
          select to_char(date_trunc(${unit}, d.day::timestamp), 'YYYY-MM-DD') as start,
            sum(d.parts_completed) as completed, sum(d.on_time) as on_time
          from ${summedSource(summed, { byMonth: interval === 'MONTH' })} d
          where ${summedRestrictions(filter)}
          group by 1`.execute(this.db)
        : undefined,
      live.length > 0
        ? sql<{ start: string; completed: string; on_time: string }>`
          select to_char(date_trunc(${unit}, p.finished_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as start,
            count(*) as completed, count(*) filter (where p.on_time) as on_time
          from parts p ${needsApplications(filter, 'TOTAL') ? sql`join applications a on a.id = p.application_id` : sql``}
          where ${decidedWithin(live)} and ${restrictions(filter, sql`a.centre`)}
          group by 1`.execute(this.db)
        : undefined,
    ];
    const byStart = new Map<string, { completed: number; onTime: number }>();
    for (const r of await Promise.all(statements))
      for (const x of r?.rows ?? []) {
        const into = byStart.get(x.start) ?? { completed: 0, onTime: 0 };
        into.completed += Number(x.completed);
        into.onTime += Number(x.on_time);
        byStart.set(x.start, into);
      }
    return [...byStart.entries()]
      .filter(([, x]) => x.completed > 0)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([start, x]) => ({ start, ...x, overdue: x.completed - x.onTime }));
  }

  /** The parts behind a figure (drill-down), oldest deadline first, at most `limit`. */
  async parts(
    filter: PerformanceFilter,
    figure: PartFigure,
    limit: number,
  ): Promise<{ id: string; applicationId: string }[]> {
    const where = restrictions(filter, sql`a.centre`);
    const join = needsApplications(filter, 'TOTAL')
      ? sql`join applications a on a.id = p.application_id`
      : sql``;
    const first = (condition: RawBuilder<unknown>, joined: RawBuilder<unknown>) => sql`(
      select p.id, p.application_id, p.deadline from parts p ${joined}
      where ${condition} and ${where}
      order by p.deadline nulls last, p.id
      limit ${limit})`;
    // Overdue parts are of two kinds, each found by its own index: decided late in the period, and open
    // past their deadline; the first `limit` of each, then of both.
    const r =
      figure === 'OVERDUE'
        ? await sql<{ id: string; application_id: string }>`
            select id, application_id from (
              ${first(sql`${partCondition('COMPLETED', filter.period)} and not p.on_time`, join)}
              union all
              ${first(openOverdue(filter.period), join)}) x
            order by deadline nulls last, id
            limit ${limit}`.execute(this.db)
        : await sql<{ id: string; application_id: string }>`
            select id, application_id from ${first(partCondition(figure, filter.period), join)} x
            order by deadline nulls last, id`.execute(this.db);
    return r.rows.map((x) => ({ id: x.id, applicationId: x.application_id }));
  }
}
