import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FigureRow, RecordedSection } from '../test/reliability/figures';
import { keysRecordedBy, problemsOf, type ReadSection, refusal } from './reliability-sections';

/**
 * Writes RELIABILITY.md from the figures the reliability suite recorded in test/reliability/results/
 * (`npm run test:reliability` runs the suite in full, then this). Refuses, naming each offending section
 * and the command to record it anew, to publish a short run, a stale section, a section recorded on a
 * changed tree, or a mix of runs or commits — unless `--mixed` is given, when sections of several runs
 * are published each named with its commit and run (scripts/reliability-sections.ts).
 */
const { values } = parseArgs({ options: { mixed: { type: 'boolean', default: false } } });
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'test', 'reliability', 'results');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const head = git('rev-parse', 'HEAD');

const read: ReadSection[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Partial<RecordedSection>), file: f }));

const problems = problemsOf(read, {
  mixed: values.mixed!,
  head,
  isAncestor: (commit) => {
    try {
      execFileSync('git', ['merge-base', '--is-ancestor', commit, head], { cwd: root, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  },
  exists: (path) => existsSync(join(root, path)),
  expected: (readdirSync(join(root, 'test', 'reliability'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .flatMap((f) => {
      const file = `test/reliability/${f}`;
      return keysRecordedBy(readFileSync(join(root, file), 'utf8')).map((key) => ({ key, file }));
    }),
});
if (problems.length > 0) {
  process.stderr.write(`${refusal(problems)}\n`);
  process.exit(1);
}
const sections = read as (RecordedSection & { file: string })[];
const runs = [...new Set(sections.map((s) => `${s.runId} at ${s.commit.slice(0, 7)}`))];

const cell = (v: FigureRow[string]) =>
  v === null || v === undefined ? '—' : String(v).replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(rows: readonly FigureRow[]): string {
  if (rows.length === 0) return '_no rows_';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => cell(r[c] ?? null)).join(' | ')} |`),
  ].join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;

const out = [
  '# Reliability and security',
  '',
  'Faults injected into the whole stack, the hall and its database killed and restarted, a corpus of hostile',
  'and broken requests, and who may do what. Every figure below was produced by',
  '',
  '```sh',
  'npm run test:reliability   # the suite in full, then this file (scripts/reliability-report.ts)',
  '```',
  '',
  `on ${machine}. CI runs the same checks in a short form on every change (\`npm run test:reliability:short\`).`,
  runs.length === 1
    ? `Every section below comes from one run of the suite in full (${runs[0]}).`
    : `The sections below come from ${runs.length} runs of the suite in full (published with \`--mixed\`): each names its commit and run.`,
  'A figure that must be 0 is asserted by the suite: the file is only written when every check passed.',
  '',
  ...sections.flatMap((s) => [
    `## ${s.title}`,
    '',
    s.about,
    '',
    table(s.rows),
    '',
    ...(s.notes?.length ? [...s.notes.map((n) => `- ${n}`), ''] : []),
    `Reproduce: \`${s.command}\` (recorded ${s.recordedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${s.commit.slice(0, 7)}, run ${s.runId}, ${s.mode}).`,
    '',
  ]),
];
writeFileSync(join(root, 'RELIABILITY.md'), `${out.join('\n')}`);
// Formatted as the linter formats Markdown (tables aligned), so the written file passes `biome ci`.
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', 'RELIABILITY.md'], {
  cwd: root,
  stdio: 'ignore',
});
process.stdout.write(`RELIABILITY.md: ${sections.length} sections from ${dir}\n`);
