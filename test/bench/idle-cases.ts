import { parseArgs } from 'node:util';
import { freshPostgres } from '../../subgraphs/hall/test/databases';
import { startBenchStack } from './bench-stack';
import { environment } from './environment';
import { keptResults, writeResults } from './results-files';
import { IDLE_PERSONS, idleCases } from './scenarios/idle-cases';

/**
 * `npm run bench:idle-cases`: scenario 9 alone — 10,000 open cases and the department reads they cost,
 * with the hall's backoff and without (the reference), and how soon a decision is seen after its callback
 * — written into benchmarks.json (its `idle`) and BENCHMARKS.md, keeping every other figure as it is.
 * Its own command because handing in 10,000 applications takes minutes; `--cases 300 --window 10` (say)
 * is a quick check, written to bench-quick.* instead.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    window: { type: 'string', default: '60' },
    decisions: { type: 'string', default: '10' },
  },
});
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const cases = Number(values.cases);
const quick = cases !== 10_000;
const kept = keptResults(quick);

const measuredOn = environment();
const database = await freshPostgres();
const s = await startBenchStack({
  persons: IDLE_PERSONS,
  hallDatabaseUrl: database.url,
  // The hall as it runs: quiet cases' reads back off to 6 hours; the sweep is not part of the measure.
  hallEnv: { POLL_MAX_INTERVAL_MS: '21600000', SUPERVISION_INTERVAL_MS: '0' },
});
try {
  const figures = await idleCases(s, database.url, {
    cases,
    windowSeconds: Number(values.window),
    decisions: Number(values.decisions),
    say,
  });
  kept.idle = { environment: measuredOn, ...figures };
} finally {
  await s.stop();
  await database.drop();
}

const { md, json } = writeResults(kept, quick);
say(`wrote ${md} and ${json}`);
