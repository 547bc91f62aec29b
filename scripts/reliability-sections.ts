import type { RecordedSection } from '../test/reliability/figures';

/**
 * Which recorded sections of test/reliability/results/ RELIABILITY.md may publish, and why not the others.
 *
 * Published together, the sections must be one run of the suite in full: mode `full`, recorded by the
 * same run (RELIABILITY_RUN_ID) at the same commit, on a tree with no changes besides the results, by a
 * test file that still records that section. Sections of different runs or commits are refused unless
 * the report is asked for a mix (`--mixed`); RELIABILITY.md then names each section's commit and run
 * beside its figures (they always do), and says that the sections come from several runs.
 */

/** A file of results/ as read: a recorded section, or fields missing where it predates provenance. */
export type ReadSection = Partial<RecordedSection> & { readonly file: string };

export interface Problem {
  readonly file: string;
  readonly why: string;
  readonly rerun: string;
}

export interface Check {
  /** Sections from several runs or commits may be published, each named with its commit. */
  readonly mixed: boolean;
  /** `git rev-parse HEAD` now. */
  readonly head: string;
  /** Whether a commit is HEAD or one of its ancestors (figures of another branch are not this code's). */
  readonly isAncestor: (commit: string) => boolean;
  /** Whether a path (file or folder) exists in the repository. */
  readonly exists: (path: string) => boolean;
  /** The sections the suite's test files record (a full run records each of them). */
  readonly expected: readonly { readonly key: string; readonly file: string }[];
}

/** The keys of the sections a test file records (`recordSection({ key: '10-…', … })`). */
export const keysRecordedBy = (source: string): string[] =>
  source.includes('recordSection(') ? [...source.matchAll(/\bkey: '(\d{2}-[\w-]+)'/g)].map((m) => m[1]!) : [];

const commandFor = (file: string) => `RELIABILITY=full npx vitest run --project reliability ${file}`;

const FULL_SUITE = 'npm run test:reliability';

/** The test file, or folder of them, a section's reproduce command runs. */
export const testPathOf = (command: string | undefined): string | undefined =>
  command?.match(/\s(test\/reliability\/\S*)/)?.[1];

/** The run the others are held to: the newest section's (the one most likely to be current). */
function reference(sections: readonly ReadSection[]): ReadSection | undefined {
  return [...sections]
    .filter((s) => s.runId && s.commit)
    .sort((a, b) => (b.recordedAt ?? '').localeCompare(a.recordedAt ?? ''))[0];
}

/** Every reason to refuse, one per offending section (the first reason found for it). */
export function problemsOf(sections: readonly ReadSection[], check: Check): Problem[] {
  const ref = reference(sections);
  const problems: Problem[] = [];
  for (const s of sections) {
    const path = testPathOf(s.command);
    const recorder = check.expected.find((e) => e.key === s.key);
    const rerun = s.command ?? FULL_SUITE;
    const refuse = (why: string, command = rerun) => problems.push({ file: s.file, why, rerun: command });
    if (!s.key || !s.title || !s.rows) refuse('not a recorded section (no key, title or rows)', FULL_SUITE);
    else if (!recorder)
      refuse(
        `stale: no test records ${s.key} any more; delete the file`,
        `rm test/reliability/results/${s.file}`,
      );
    else if (!path || !check.exists(path) || !recorder.file.startsWith(path))
      refuse(`its command does not run ${recorder.file}, which records it`, commandFor(recorder.file));
    else if (s.mode !== 'full') refuse(`a ${s.mode ?? 'unknown'} run, not a full one`);
    else if (!s.commit || !s.runId || s.dirty === undefined)
      refuse('recorded without its commit and run (before sections recorded them)');
    else if (s.dirty) refuse(`recorded on a tree with uncommitted changes at ${s.commit.slice(0, 7)}`);
    else if (!check.isAncestor(s.commit))
      refuse(`recorded at ${s.commit.slice(0, 7)}, which is not in this history`);
    else if (!check.mixed && ref && s.commit !== ref.commit)
      refuse(
        `recorded at ${s.commit.slice(0, 7)}, the newest section at ${ref.commit!.slice(0, 7)} (a mix of commits: pass --mixed to publish it named with its commit)`,
        // Joining the newest run is only possible on its commit; past it, the suite is run anew.
        ref.commit === check.head ? `RELIABILITY_RUN_ID=${ref.runId} ${rerun}` : FULL_SUITE,
      );
    else if (!check.mixed && ref && s.runId !== ref.runId)
      refuse(
        `of run ${s.runId}, the newest section of run ${ref.runId} (a mix of runs: pass --mixed to publish it named with its run)`,
        `RELIABILITY_RUN_ID=${ref.runId} ${rerun}`,
      );
  }
  // A run that did not record every section is not the suite in full.
  const present = new Set(sections.map((s) => s.key));
  for (const e of check.expected)
    if (!present.has(e.key))
      problems.push({
        file: `${e.key}.json`,
        why: `missing: ${e.file} records it, and no run did`,
        rerun:
          check.mixed || !ref ? commandFor(e.file) : `RELIABILITY_RUN_ID=${ref.runId} ${commandFor(e.file)}`,
      });
  if (sections.length === 0 && check.expected.length === 0)
    problems.push({ file: '(none)', why: 'no sections recorded', rerun: FULL_SUITE });
  return problems;
}

/** The error the report stops with: every offending section, why, and the command that records it anew. */
export function refusal(problems: readonly Problem[]): string {
  return [
    `RELIABILITY.md not written: ${problems.length} section(s) of test/reliability/results/ cannot be published.`,
    ...problems.map((p) => `- ${p.file}: ${p.why}\n    rerun: ${p.rerun}`),
    `Or run the whole suite again: ${FULL_SUITE}`,
  ].join('\n');
}
