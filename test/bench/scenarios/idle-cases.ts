import { generatePopulation } from '@onething/legacy-kit';
import pg from 'pg';
import { prepareApplication, submitPrepared } from '../../stack/bundle-applications';
import type { TestStack } from '../../stack/support';
import { median, percentile, round } from '../stats';

/** The market system's read of one application's status (legacy/market: GET /api/applications/{no}). */
const MARKET_READ = 'applications.get';

export interface IdleCasesFigures {
  /** Open cases at the market system, each a sole trader's registration handed in through the hall. */
  readonly cases: number;
  readonly windowSeconds: number;
  /** Reads of the market system per second, the hall reading every case every POLL_INTERVAL_MS (the reference). */
  readonly readsPerSecondWithoutBackoff: number;
  /** The same cases as a day of quiet leaves them, the hall backing off (POLL_MAX_INTERVAL_MS). */
  readonly readsPerSecondWithBackoff: number;
  /** From a decision at the market system to the hall's part showing it (its signed callback, then one read), in ms. */
  readonly callbackToStatusMs: number[];
  readonly callbackToStatusP50Ms: number;
  readonly callbackToStatusMaxMs: number;
  readonly settings: Record<string, string>;
}

export const IDLE_TARGETS = { readsPerSecond: 1, callbackToStatusMs: 2_000 } as const;
export const IDLE_PERSONS = 20_000;
export const idlePopulation = () => generatePopulation({ seed: 20261122, persons: IDLE_PERSONS });

/**
 * Scenario 9: dispatch at scale. `cases` sole traders' registrations handed in through the hall (one
 * part each, at the market system, whose clock stands still: every case stays open and unchanged). The
 * hall's poll jobs are then set as a day of quiet leaves them (each case read unchanged 14 times, its
 * next read due at a moment spread over the 6 hours of POLL_MAX_INTERVAL_MS), and the market system's
 * reads counted over `windowSeconds`. Then `decisions` cases are decided at the market system one after
 * another, and the time from each decision to the hall's part showing it measured (the department's
 * signed callback brings its read forward). Last, the reference: the hall restarted as it polled before
 * this backoff (POLL_MAX_INTERVAL_MS = POLL_INTERVAL_MS: every case every 2 s), its reads counted the same
 * way.
 */
export async function idleCases(
  s: TestStack,
  hallDatabaseUrl: string,
  options: { cases: number; windowSeconds: number; decisions: number; say: (line: string) => void },
): Promise<IdleCasesFigures> {
  const { say } = options;
  const population = idlePopulation();
  const db = new pg.Pool({ connectionString: hallDatabaseUrl, max: 2 });
  try {
    const open = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            `select count(*) as n from parts where department = 'market' and status in ('ACCEPTED', 'IN_REVIEW')`,
          )
        ).rows[0]!.n,
      );
    say(`handing in ${options.cases} sole traders' registrations`);
    let next = 0;
    const worker = async () => {
      for (let n = next++; n < options.cases; n = next++) {
        const prepared = await prepareApplication(s, population, 'SOLE-TRADER', n);
        await submitPrepared(s, prepared);
        if ((n + 1) % 1000 === 0) say(`  ${n + 1} handed in`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    // Every case accepted: given up only when none more was for five minutes (a submission the market
    // system did not answer waits DISPATCH_UNCERTAIN_WAIT_MS, then its retries back off to a minute, and
    // the market adapter's breaker may stay open a while under the hand-in's load).
    let seen = await open();
    let progressed = Date.now();
    while (seen < options.cases) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await open();
      if (now > seen) progressed = Date.now();
      else if (Date.now() - progressed > 300_000) {
        const states = await db.query<{ status: string; n: string; error: string | null }>(
          `select status, count(*) as n, max(last_error) as error from parts where department = 'market' group by status`,
        );
        throw new Error(
          `only ${now} of ${options.cases} cases open, none more for 5 min: ${JSON.stringify(states.rows)}`,
        );
      }
      seen = now;
    }
    say(`${options.cases} cases open at the market system`);

    const market = s.admin('market');
    const hall = s.stack.services.get('subgraph-hall')!;
    const readsPerSecond = async () => {
      await market.resetCounts();
      await new Promise((r) => setTimeout(r, options.windowSeconds * 1000));
      return round(((await market.counts()).byOp[MARKET_READ] ?? 0) / options.windowSeconds, 2);
    };
    // As a day of quiet leaves them: each case read unchanged 14 times, its next read due within 6 hours.
    // Twice, 30 s apart: the jobs a worker held the first time (it writes their own schedule back) are
    // caught the second.
    const quietDay = `update dispatch_jobs set payload = '{"quiet": 14}', run_at = now() + random() * interval '6 hours'
       where kind = 'poll' and done_at is null and lease_owner is null and (payload->>'quiet') is distinct from '14'`;
    await db.query(quietDay);
    await new Promise((r) => setTimeout(r, 30_000));
    await db.query(quietDay);
    const withBackoff = await readsPerSecond();
    say(`with backoff: ${withBackoff} reads/s`);

    const caseNumbers = (
      await db.query<{ case_number: string }>(
        `select case_number from parts where department = 'market' and status in ('ACCEPTED', 'IN_REVIEW')
         order by case_number limit $1`,
        [options.decisions],
      )
    ).rows.map((r) => r.case_number);
    const latencies: number[] = [];
    for (const caseNumber of caseNumbers) {
      const t0 = performance.now();
      await market.decide(caseNumber, { outcome: 'approved' });
      for (;;) {
        const r = await db.query<{ status: string }>('select status from parts where case_number = $1', [
          caseNumber,
        ]);
        if (r.rows[0]?.status === 'APPROVED') break;
        if (performance.now() - t0 > 60_000) throw new Error(`${caseNumber}: not seen approved within 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(round(performance.now() - t0, 1));
    }
    say(`decisions seen in ${latencies.join(', ')} ms`);
    const settings = {
      POLL_INTERVAL_MS: hall.spec.env.POLL_INTERVAL_MS ?? '2000 (default)',
      POLL_MAX_INTERVAL_MS: hall.spec.env.POLL_MAX_INTERVAL_MS ?? '21600000 (default)',
      CALLBACK_COALESCE_MS: hall.spec.env.CALLBACK_COALESCE_MS ?? 'default',
    };

    // The reference: the hall as it polled before, every case every POLL_INTERVAL_MS (its settings are
    // its process's environment, read at start).
    (hall.spec.env as Record<string, string>).POLL_MAX_INTERVAL_MS = hall.spec.env.POLL_INTERVAL_MS ?? '2000';
    await hall.restart();
    await db.query(
      `update dispatch_jobs set payload = '{}', lease_owner = null, lease_until = null,
         run_at = now() + random() * interval '2 seconds'
       where kind = 'poll' and done_at is null`,
    );
    await new Promise((r) => setTimeout(r, 5_000));
    const without = await readsPerSecond();
    say(`without backoff: ${without} reads/s`);

    return {
      cases: options.cases,
      windowSeconds: options.windowSeconds,
      readsPerSecondWithoutBackoff: without,
      readsPerSecondWithBackoff: withBackoff,
      callbackToStatusMs: latencies,
      callbackToStatusP50Ms: round(median(latencies), 1),
      callbackToStatusMaxMs: round(percentile(latencies, 100), 1),
      settings,
    };
  } finally {
    await db.end();
  }
}
