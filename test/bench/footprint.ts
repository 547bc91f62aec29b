import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { environment } from './environment';
import { type BenchResults, report } from './report';
import { builtFootprint } from './scenarios/built-footprint';

/**
 * `npm run bench:footprint`: section 6's production build figures alone — the stack started from its build
 * and through tsx, to ready and idle, and the built one under scenario 1's load — written into
 * benchmarks.json (its `footprint`, with the commit and machine it was measured on) and BENCHMARKS.md,
 * keeping every other figure of the last full run as it is. `--quick` measures once, briefly, into
 * bench-quick.*; a full `npm run bench` measures the same.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const quick = values.quick!;

const [md, json] = quick ? ['bench-quick.md', 'bench-quick.json'] : ['BENCHMARKS.md', 'benchmarks.json'];
const kept: BenchResults =
  !quick && existsSync(`${ROOT}/benchmarks.json`)
    ? (JSON.parse(readFileSync(`${ROOT}/benchmarks.json`, 'utf8')) as BenchResults)
    : { environment: environment(), quick, parameters: {}, failed: {} };

// What was measured: the commit and machine as the measurement starts.
const measuredOn = environment();
const figures = await builtFootprint({
  runs: quick ? 1 : 3,
  loadSeconds: quick ? 3 : 10,
  connections: 32,
  say,
});
kept.footprint = { environment: measuredOn, ...figures };

/** Writes a result file formatted as the linter formats it (Markdown tables aligned), so it passes `biome ci`. */
function writeReport(file: string, text: string): void {
  writeFileSync(file, text);
  try {
    execFileSync(`${ROOT}/node_modules/.bin/biome`, ['format', '--write', file], { stdio: 'ignore' });
  } catch {
    // an ignored file (bench-quick.md) is not formatted, and needs not be
  }
}
writeReport(`${ROOT}/${json}`, `${JSON.stringify(kept, null, 2)}\n`);
writeReport(`${ROOT}/${md}`, report(kept));
say(`wrote ${md} and ${json}`);
