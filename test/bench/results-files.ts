import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { environment } from './environment';
import { type BenchResults, report } from './report';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Writes a result file formatted as the linter formats it (Markdown tables aligned), so it passes `biome ci`. */
export function writeReport(file: string, text: string): void {
  writeFileSync(file, text);
  try {
    execFileSync(`${ROOT}/node_modules/.bin/biome`, ['format', '--write', file], { stdio: 'ignore' });
  } catch {
    // an ignored file (bench-quick.md) is not formatted, and needs not be
  }
}

/** The files a measure is written to: the kept results, or beside them (ignored by git) for a quick one. */
export const resultFiles = (quick: boolean): { md: string; json: string } =>
  quick
    ? { md: 'bench-quick.md', json: 'bench-quick.json' }
    : { md: 'BENCHMARKS.md', json: 'benchmarks.json' };

/**
 * The results a command measuring one section adds it to: every figure of the last full run as it is,
 * or, for a quick measure, nothing else.
 */
export function keptResults(quick: boolean): BenchResults {
  return !quick && existsSync(`${ROOT}/benchmarks.json`)
    ? (JSON.parse(readFileSync(`${ROOT}/benchmarks.json`, 'utf8')) as BenchResults)
    : { environment: environment(), quick, parameters: {}, failed: {} };
}

/** Writes the results and the report made from them; answers the files' names. */
export function writeResults(results: BenchResults, quick: boolean): { md: string; json: string } {
  const files = resultFiles(quick);
  writeReport(`${ROOT}/${files.json}`, `${JSON.stringify(results, null, 2)}\n`);
  writeReport(`${ROOT}/${files.md}`, report(results));
  return files;
}
