import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { environment } from './environment';
import { keptResults, resultFiles, writeResults } from './results-files';
import { dashboardAtScale } from './scenarios/dashboard';

/**
 * `npm run bench:dashboard`: scenario 8 alone — a year of a city centre (1 000 000 applications by default)
 * generated into PostgreSQL, or reused from an earlier run, and every dashboard query timed on it — written
 * into benchmarks.json (its `dashboard`, with the commit and machine it was measured on), BENCHMARKS.md and
 * the plans into test/bench/results/dashboard-plans.txt, keeping every other figure of the last full run as
 * it is. Its own command because generating the year takes minutes; `--applications 2000 --runs 3` (say) is
 * a quick check, written to bench-quick.* and bench-quick-plans.txt instead.
 */
const { values } = parseArgs({
  options: {
    applications: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    warmups: { type: 'string', default: '2' },
    'year-runs': { type: 'string', default: '5' },
    'year-warmups': { type: 'string', default: '1' },
    'table-runs': { type: 'string', default: '3' },
    'table-year-runs': { type: 'string', default: '1' },
  },
});
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const applications = Number(values.applications);
const runs = Number(values.runs);
// Only the full measure is kept: anything smaller writes beside it (ignored by git).
const quick = applications !== 1_000_000;

const { md, json } = resultFiles(quick);
const plansFile = quick ? 'bench-quick-plans.txt' : 'test/bench/results/dashboard-plans.txt';
const kept = keptResults(quick);

const measuredOn = environment();
const { figures, plans } = await dashboardAtScale({
  adminUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  seed: Number(values.seed),
  applications,
  year: 2026,
  month: '2026-06',
  warmups: Number(values.warmups),
  runs,
  yearWarmups: Number(values['year-warmups']),
  yearRuns: Number(values['year-runs']),
  tableRuns: { month: Number(values['table-runs']), year: Number(values['table-year-runs']) },
  plansFile,
  say,
});
kept.dashboard = { environment: measuredOn, ...figures };

mkdirSync(`${ROOT}/test/bench/results`, { recursive: true });
writeFileSync(`${ROOT}/${plansFile}`, plans);
writeResults(kept, quick);
say(`wrote ${md}, ${json} and ${plansFile}`);
