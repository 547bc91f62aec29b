import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Provenance, provenance } from './provenance';

/**
 * The reliability suite's figures. Each test file records the figures of its section; `npm run
 * test:reliability` then writes RELIABILITY.md from them (scripts/reliability-report.ts).
 *
 * Two modes, from RELIABILITY: `full` (`npm run test:reliability`: every figure RELIABILITY.md shows,
 * kept in test/reliability/results/) and `short` (CI: the same checks on fewer rounds, figures to a
 * temporary directory so a CI run changes no tracked file).
 */
export type ReliabilityMode = 'full' | 'short';

export const MODE: ReliabilityMode = process.env.RELIABILITY === 'full' ? 'full' : 'short';

/** `full` in the full suite, `short` in CI's short form: how many rounds, kills, requests… to run. */
export const rounds = (full: number, short: number): number => (MODE === 'full' ? full : short);

export const RESULTS_DIR =
  MODE === 'full'
    ? fileURLToPath(new URL('./results', import.meta.url))
    : join(tmpdir(), 'onething-reliability-results');

/** One row of a section's table: what was done and what came of it. */
export type FigureRow = Record<string, string | number | boolean | null>;

export interface Section {
  /** File name and order key, e.g. `10-faults` (sections are shown in the order of their keys). */
  readonly key: string;
  readonly title: string;
  /** What the section checks and how to read its table, in a sentence or two. */
  readonly about: string;
  /** The command that reproduces just this section. */
  readonly command: string;
  readonly rows: readonly FigureRow[];
  /** Anything worth saying about the figures: defects found and fixed, limits of the method. */
  readonly notes?: readonly string[];
}

/** A section as recorded: its figures, the mode it ran in, when, and from which commit and run. */
export type RecordedSection = Section &
  Provenance & { readonly mode: ReliabilityMode; readonly recordedAt: string };

/** Writes a section's figures, with where they came from, to be gathered into RELIABILITY.md. */
export function recordSection(section: Section): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const recorded: RecordedSection = {
    ...section,
    mode: MODE,
    recordedAt: new Date().toISOString(),
    ...provenance(),
  };
  writeFileSync(join(RESULTS_DIR, `${section.key}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
}
