import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { FigureRow, Section } from '../test/reliability/figures';

/**
 * Writes RELIABILITY.md from the figures the reliability suite recorded in test/reliability/results/
 * (`npm run test:reliability` runs the suite in full, then this).
 */
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'test', 'reliability', 'results');

type Recorded = Section & { mode: string; recordedAt: string };

const sections = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Recorded);

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
    `Reproduce: \`${s.command}\` (recorded ${s.recordedAt.slice(0, 16).replace('T', ' ')} UTC, ${s.mode}).`,
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
