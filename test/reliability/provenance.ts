import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Where a section's figures came from: the commit checked out, whether the tree had changes besides the
 * results themselves, and the run (one `vitest run`) that produced them. scripts/reliability-report.ts
 * refuses to publish sections of different runs or commits, of a short run, or of a changed tree.
 */
export interface Provenance {
  /** `git rev-parse HEAD` when the section was recorded. */
  readonly commit: string;
  /** Whether tracked or new files differed from that commit (the results and RELIABILITY.md aside). */
  readonly dirty: boolean;
  /** One id per `vitest run` of the reliability project (RELIABILITY_RUN_ID, set in vitest.config.ts). */
  readonly runId: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the suite writes itself, and so does not make the tree "changed" for the figures. */
export const OWN_OUTPUTS = ['test/reliability/results', 'RELIABILITY.md'] as const;

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

export function provenance(env: NodeJS.ProcessEnv = process.env): Provenance {
  const changes = git(['status', '--porcelain', '--', '.', ...OWN_OUTPUTS.map((p) => `:(exclude)${p}`)]);
  return {
    commit: git(['rev-parse', 'HEAD']),
    dirty: changes.length > 0,
    // Outside vitest's reliability project (a script recording by hand) every process is a run of its own.
    runId: env.RELIABILITY_RUN_ID ?? `process-${process.pid}-${Date.now()}`,
  };
}
