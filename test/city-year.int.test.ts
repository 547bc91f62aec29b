import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type CityYearResult, cityYear } from '../scripts/city-year';
import { Performance } from '../subgraphs/hall/src/performance/figures';
import { type Database, openDatabase } from '../subgraphs/hall/src/platform/database';
import { freshPostgres, POSTGRES_REACHABLE, POSTGRES_SKIPPED } from '../subgraphs/hall/test/databases';

/**
 * The city's year (scripts/city-year.ts) in its small form: 2 000 applications into fresh PostgreSQL
 * databases, twice with one seed and once with another. The counts are what it reports and what the
 * tables hold; one seed gives the same figures (`Performance.figures`) both times, another seed others.
 */
const SIZE = 2_000;
const PERIODS = [
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-01-01', to: '2026-12-31' },
];

describe.skipIf(!POSTGRES_REACHABLE)(
  `a city's year, small${POSTGRES_REACHABLE ? '' : ` — ${POSTGRES_SKIPPED}`}`,
  () => {
    const drops: (() => Promise<void>)[] = [];
    const dbs: Database[] = [];
    afterAll(async () => {
      for (const db of dbs) await db.destroy();
      for (const drop of drops) await drop();
    });

    async function generated(seed: number): Promise<{ result: CityYearResult; db: Database }> {
      const pg = await freshPostgres();
      drops.push(pg.drop);
      const result = await cityYear({ url: pg.url, applications: SIZE, seed, year: 2026 });
      const { db } = await openDatabase({ url: pg.url, dataDir: '' });
      dbs.push(db);
      return { result, db };
    }

    async function figures(db: Database) {
      const performance = new Performance(db);
      const out = [];
      for (const period of PERIODS)
        for (const cut of ['TOTAL', 'DEPARTMENT', 'OFFICER'] as const)
          out.push(await performance.figures({ period }, cut));
      out.push(await performance.trend({ period: PERIODS[1]! }, 'MONTH'));
      out.push(await performance.parts({ period: PERIODS[0]! }, 'OVERDUE', 100));
      return out;
    }

    it('fills every table the figures read, as counted, with a realistic year, the same for the same seed', async () => {
      const a = await generated(11);
      const counts = async (db: Database) => {
        const n = async (table: string) =>
          Number(
            (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n,
          );
        return {
          applications: await n('applications'),
          parts: await n('parts'),
          payments: await n('payments'),
          ratings: await n('ratings'),
          follow_ups: await n('rating_follow_ups'),
        };
      };
      expect(await counts(a.db)).toEqual(a.result.counts);
      expect(a.result.counts.applications).toBe(SIZE);
      // About three parts an application, six in ten decided parts rated, a few in a hundred of those bad.
      expect(a.result.counts.parts).toBeGreaterThan(2.7 * SIZE);
      expect(a.result.counts.parts).toBeLessThan(3.3 * SIZE);
      expect(a.result.counts.payments).toBeGreaterThan(0.25 * SIZE);
      expect(a.result.counts.follow_ups).toBeGreaterThan(0);
      expect(a.result.counts.follow_ups).toBeLessThan(0.05 * a.result.counts.ratings);

      const [year] = await new Performance(a.db).figures({ period: PERIODS[1]! }, 'TOTAL');
      expect(year!.applicationsTakenIn).toBe(SIZE);
      expect(year!.onTimeRate!).toBeGreaterThan(0.97);
      expect(year!.onTimeRate!).toBeLessThan(1);
      expect(year!.averageWorkingDays!).toBeLessThan(year!.averagePromisedDays!);
      for (const k of [
        'corrections',
        'refusals',
        'overdue',
        'instant',
        'badRatings',
        'followUpsOpened',
      ] as const)
        expect(year![k], k).toBeGreaterThan(0);
      expect(year!.paymentsCollectedFen).toBeGreaterThan(0);
      expect(year!.followUpsClosed).toBeLessThan(year!.followUpsOpened);
      const officers = await new Performance(a.db).figures({ period: PERIODS[1]! }, 'OFFICER');
      expect(officers.filter((o) => o.label !== null).length).toBeGreaterThanOrEqual(30);

      const again = await generated(11);
      expect(again.result.counts).toEqual(a.result.counts);
      expect(await figures(again.db)).toEqual(await figures(a.db));
      const other = await generated(12);
      expect(await figures(other.db)).not.toEqual(await figures(a.db));
    }, 120_000);
  },
);
