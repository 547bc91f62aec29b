import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CityYearResult, cityDatabaseUrl, cityYear, createDatabase } from '../../../scripts/city-year';
import {
  Performance,
  type PerformanceCut,
  type PerformanceFilter,
} from '../../../subgraphs/hall/src/performance/figures';
import { PerformanceRollup } from '../../../subgraphs/hall/src/performance/rollup';
import type { HallDatabase } from '../../../subgraphs/hall/src/platform/schema';
import { median, percentile, round } from '../stats';

/** The targets of issue 20: every figure of a month for all departments, and of a year. */
export const DASHBOARD_TARGETS = { monthP50Ms: 200, yearP50Ms: 1_000 } as const;

export interface DashboardQueryFigures {
  /** What the dashboard asks, e.g. `figures DEPARTMENT`, `trend DAY`, `parts OVERDUE (100)`. */
  readonly query: string;
  readonly span: 'month' | 'year';
  readonly period: { from: string; to: string };
  readonly rows: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly runsMs: number[];
  /** The indexes its statements' plans use (from EXPLAIN ANALYZE). */
  readonly indexes: string[];
  /** The same query read from the tables alone (no sums of past days): the reference, fewer runs. */
  readonly tables?: { readonly p50Ms: number; readonly p99Ms: number; readonly runsMs: number[] };
}

export interface DashboardFigures {
  readonly seed: number;
  readonly applications: number;
  readonly counts: Record<string, number>;
  /** How the year was made: generated in this run, or kept from an earlier one (with how long it took then). */
  readonly generated: { inThisRun: boolean; seconds: CityYearResult['seconds'] };
  /** The database's size on disk, and the server's settings that matter. */
  readonly databaseMiB: number;
  readonly server: Record<string, string>;
  readonly warmups: number;
  readonly runs: number;
  readonly yearWarmups?: number;
  readonly yearRuns?: number;
  readonly queries: DashboardQueryFigures[];
  /** Summing the year's days into performance_days (performance/rollup.ts), as the hall's sweep would. */
  readonly summed?: {
    readonly days: number;
    readonly seconds: number;
    readonly rows: number;
    readonly histogramRows: number;
  };
  /** Runs of each query read from the tables alone (the reference). */
  readonly tableRuns?: { readonly month: number; readonly year: number };
  /** Where the plans were written (relative to the repository). */
  readonly plansFile: string;
}

/**
 * The kept database of a seed and size, named with a digest of the generator and the migrations: a change
 * to either makes a new one (the old ones of that seed and size are dropped).
 */
function keptDatabase(seed: number, applications: number): { name: string; url: string; prefix: string } {
  const digest = createHash('sha256');
  for (const f of ['../../../scripts/city-year.ts', '../../../subgraphs/hall/src/platform/migrations.ts'])
    digest.update(readFileSync(new URL(f, import.meta.url)));
  const base = cityDatabaseUrl(seed, applications);
  const suffix = digest.digest('hex').slice(0, 8);
  const url = new URL(base.url);
  url.pathname = `/${base.name}_${suffix}`;
  return { name: `${base.name}_${suffix}`, url: url.toString(), prefix: base.name };
}

/** The year a kept database holds, written as its comment once the generator finished. */
async function keptYear(adminUrl: string, name: string): Promise<CityYearResult | undefined> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    const comment = r.rows[0]?.comment;
    return comment?.startsWith('city-year ') ? (JSON.parse(comment.slice(10)) as CityYearResult) : undefined;
  } finally {
    await c.end();
  }
}

/** The indexes a plan uses. */
function indexesOf(plan: string): string[] {
  const found = new Set<string>();
  for (const m of plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g))
    found.add(m[1]!);
  return [...found].sort();
}

/**
 * Scenario 8: the supervisors' dashboard at a city's scale. A year of a city centre generated into
 * PostgreSQL (scripts/city-year.ts; kept between runs by seed and size), then every dashboard query timed
 * through `Performance` against it — the figures of each cut for a month and for the year, the trend
 * (the month by day, the year by month), the overdue parts of the month — `runs` times each after
 * `warmups`; and each query's statements explained (EXPLAIN (ANALYZE, BUFFERS)) into `plansFile`.
 */
export async function dashboardAtScale(options: {
  adminUrl: string;
  seed: number;
  applications: number;
  year: number;
  month: string;
  warmups: number;
  runs: number;
  /** Runs of a year's queries (each takes seconds where a month's take milliseconds). */
  yearWarmups: number;
  yearRuns: number;
  /** Runs of each query read from the tables alone, the reference (a year's take seconds each). */
  tableRuns: { month: number; year: number };
  plansFile: string;
  say: (line: string) => void;
}): Promise<{ figures: DashboardFigures; plans: string }> {
  const { say } = options;
  const kept = keptDatabase(options.seed, options.applications);
  let year = await keptYear(options.adminUrl, kept.name);
  const inThisRun = year === undefined;
  if (!year) {
    // Earlier versions of this seed and size go: each is gigabytes.
    const admin = new pg.Client({ connectionString: options.adminUrl });
    await admin.connect();
    const old = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 || '\\_%'`,
      [kept.prefix],
    );
    for (const { datname } of old.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    say(`generating ${options.applications} applications (seed ${options.seed}) into ${kept.name}`);
    await createDatabase(kept.name);
    year = await cityYear({
      url: kept.url,
      applications: options.applications,
      seed: options.seed,
      year: options.year,
      say,
    });
    const admin2 = new pg.Client({ connectionString: options.adminUrl });
    await admin2.connect();
    await admin2.query(
      `comment on database ${kept.name} is 'city-year ${JSON.stringify(year).replaceAll("'", "''")}'`,
    );
    await admin2.end();
  } else say(`reusing ${kept.name} (${JSON.stringify(year.counts)})`);

  const pool = new pg.Pool({ connectionString: kept.url, max: 2 });
  let captured: CompiledQuery[] = [];
  const db = new Kysely<HallDatabase>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  try {
    const last = new Date(Date.UTC(options.year, Number(options.month.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const month = { from: `${options.month}-01`, to: last };
    const whole = { from: `${options.year}-01-01`, to: `${options.year}-12-31` };
    // The year summed as the hall's sweep sums it, on the first day after it (every day of it past).
    const t0 = performance_now();
    const days = await new PerformanceRollup(db, { settleMs: 0, monthsPerTick: 24 }).tick(
      new Date(`${options.year + 1}-01-01T12:00:00+08:00`),
    );
    const sumSeconds = round((performance_now() - t0) / 1000, 1);
    const sizes = await pool.query<{ rows: string; histogram: string }>(
      'select (select count(*) from performance_days) as rows, (select count(*) from performance_day_days) as histogram',
    );
    say(`summed ${days} days in ${sumSeconds} s (${sizes.rows[0]!.rows} rows)`);
    const performance = new Performance(db);
    const tables = new Performance(db, { readSums: false });
    const lastDay = month.to;
    const dirty = {
      before: async () => {
        await pool.query(`insert into performance_dirty_days (day) values ($1) on conflict do nothing`, [
          lastDay,
        ]);
      },
      after: async () => {
        await pool.query('delete from performance_dirty_days where day = $1', [lastDay]);
      },
    };
    const cuts: PerformanceCut[] = ['TOTAL', 'CENTRE', 'DEPARTMENT', 'ITEM', 'BUNDLE', 'OFFICER'];
    const queries: {
      query: string;
      span: 'month' | 'year';
      period: typeof month;
      run: (p: Performance) => Promise<number>;
      before?: () => Promise<void>;
      after?: () => Promise<void>;
    }[] = [];
    for (const [span, period] of [
      ['month', month],
      ['year', whole],
    ] as const) {
      const filter: PerformanceFilter = { period };
      for (const cut of cuts)
        queries.push({
          query: `figures ${cut}`,
          span,
          period,
          run: async (p) => (await p.figures(filter, cut)).length,
        });
      // A month whose last day changed since it was summed (as today is, or a day a late decision
      // touched): that day read from the tables, the rest from the sums.
      if (span === 'month')
        for (const cut of ['TOTAL', 'DEPARTMENT'] as const)
          queries.push({
            query: `figures ${cut}, a day from the tables`,
            span,
            period,
            run: async (p) => (await p.figures(filter, cut)).length,
            ...dirty,
          });
      const interval = span === 'month' ? 'DAY' : 'MONTH';
      queries.push({
        query: `trend ${interval}`,
        span,
        period,
        run: async (p) => (await p.trend(filter, interval)).length,
      });
      queries.push({
        query: 'parts OVERDUE (100)',
        span,
        period,
        run: async (p) => (await p.parts(filter, 'OVERDUE', 100)).length,
      });
    }

    const out: DashboardQueryFigures[] = [];
    const plans: string[] = [];
    for (const q of queries) {
      const [warmups, runs] =
        q.span === 'month' ? [options.warmups, options.runs] : [options.yearWarmups, options.yearRuns];
      say(`  ${q.query}, ${q.span}: ${warmups} warm-ups, ${runs} runs`);
      await q.before?.();
      const timed = async (p: Performance, warm: number, n: number) => {
        for (let k = 0; k < warm; k++) await q.run(p);
        const ms: number[] = [];
        let rows = 0;
        for (let k = 0; k < n; k++) {
          const t0 = performance_now();
          rows = await q.run(p);
          ms.push(round(performance_now() - t0, 2));
        }
        return { ms, rows };
      };
      const { ms: runsMs, rows } = await timed(performance, warmups, runs);
      const tableRuns = q.span === 'month' ? options.tableRuns.month : options.tableRuns.year;
      const reference = await timed(tables, 0, tableRuns);
      if (reference.rows !== rows)
        throw new Error(`${q.query}: ${rows} rows from the sums, ${reference.rows} from the tables`);
      // Its statements, as Kysely sent them, explained with their parameters.
      captured = [];
      await q.run(performance);
      await q.after?.();
      const statements = captured;
      captured = [];
      const texts: string[] = [];
      for (const s of statements) {
        const r = await pool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${s.sql}`,
          s.parameters as unknown[],
        );
        texts.push(
          `-- ${s.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}…\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`,
        );
      }
      const plan = texts.join('\n\n');
      plans.push(
        `=== ${q.query}, ${q.span} ${q.period.from}…${q.period.to}: p50 ${round(median(runsMs), 1)} ms ===\n\n${plan}\n`,
      );
      out.push({
        query: q.query,
        span: q.span,
        period: q.period,
        rows,
        p50Ms: round(median(runsMs), 1),
        p99Ms: round(percentile(runsMs, 99), 1),
        runsMs,
        indexes: indexesOf(plan),
        tables: {
          p50Ms: round(median(reference.ms), 1),
          p99Ms: round(percentile(reference.ms, 99), 1),
          runsMs: reference.ms,
        },
      });
      say(
        `    p50 ${out.at(-1)!.p50Ms} ms, p99 ${out.at(-1)!.p99Ms} ms; ${out.at(-1)!.indexes.join(', ') || 'no index'}`,
      );
    }
    const size = await pool.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
    const settings = await pool.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from pg_settings where name in
        ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost')`,
    );
    const version = await pool.query<{ v: string }>(`select current_setting('server_version') as v`);
    return {
      figures: {
        seed: options.seed,
        applications: options.applications,
        counts: { ...year.counts },
        generated: { inThisRun, seconds: year.seconds },
        databaseMiB: round(Number(size.rows[0]!.bytes) / 2 ** 20, 0),
        server: {
          version: version.rows[0]!.v,
          ...Object.fromEntries(settings.rows.map((s) => [s.name, s.setting])),
        },
        warmups: options.warmups,
        runs: options.runs,
        yearWarmups: options.yearWarmups,
        yearRuns: options.yearRuns,
        queries: out,
        summed: {
          days,
          seconds: sumSeconds,
          rows: Number(sizes.rows[0]!.rows),
          histogramRows: Number(sizes.rows[0]!.histogram),
        },
        tableRuns: options.tableRuns,
        plansFile: options.plansFile,
      },
      plans: plans.join('\n'),
    };
  } finally {
    await db.destroy();
  }
}

const performance_now = () => performance.now();
