import { parseArgs } from 'node:util';
import { environment } from './environment';
import { keptResults, writeResults } from './results-files';
import { builtFootprint } from './scenarios/built-footprint';

/**
 * `npm run bench:footprint`: section 6's production build figures alone — the stack started from its build
 * and through tsx, to ready and idle, and the built one under scenario 1's load — written into
 * benchmarks.json (its `footprint`, with the commit and machine it was measured on) and BENCHMARKS.md,
 * keeping every other figure of the last full run as it is. `--quick` measures once, briefly, into
 * bench-quick.*; a full `npm run bench` measures the same.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const quick = values.quick!;

const kept = keptResults(quick);

// What was measured: the commit and machine as the measurement starts.
const measuredOn = environment();
const figures = await builtFootprint({
  runs: quick ? 1 : 3,
  loadSeconds: quick ? 3 : 10,
  connections: 32,
  say,
});
kept.footprint = { environment: measuredOn, ...figures };

const { md, json } = writeResults(kept, quick);
say(`wrote ${md} and ${json}`);
