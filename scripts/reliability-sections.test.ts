import { describe, expect, it } from 'vitest';
import { keysRecordedBy, problemsOf, type ReadSection, refusal } from './reliability-sections';

const FAULTS = 'test/reliability/faults/hall-kills.test.ts';
const INPUT = 'test/reliability/input/hostile-input.test.ts';
const expected = [
  { key: '11-hall-kills', file: FAULTS },
  { key: '20-hostile-input', file: INPUT },
];

const section = (over: Partial<ReadSection> & { key: string }): ReadSection => ({
  file: `${over.key}.json`,
  title: over.key,
  about: '',
  rows: [],
  command: `RELIABILITY=full npx vitest run --project reliability ${over.key === '11-hall-kills' ? FAULTS : 'test/reliability/input'}`,
  mode: 'full',
  recordedAt: '2026-12-04T08:00:00.000Z',
  commit: 'a'.repeat(40),
  dirty: false,
  runId: 'run-1',
  ...over,
});

const check = (mixed = false) => ({
  mixed,
  head: 'a'.repeat(40),
  isAncestor: (c: string) => c !== 'f'.repeat(40),
  exists: () => true,
  expected,
});

describe('which recorded reliability sections RELIABILITY.md may publish', () => {
  it('publishes one full run of every section at one commit', () => {
    expect(
      problemsOf([section({ key: '11-hall-kills' }), section({ key: '20-hostile-input' })], check()),
    ).toEqual([]);
  });

  it('refuses a short run, naming the section and the command to record it in full', () => {
    const problems = problemsOf(
      [section({ key: '11-hall-kills', mode: 'short' }), section({ key: '20-hostile-input' })],
      check(),
    );
    expect(problems).toEqual([
      {
        file: '11-hall-kills.json',
        why: 'a short run, not a full one',
        rerun: `RELIABILITY=full npx vitest run --project reliability ${FAULTS}`,
      },
    ]);
    expect(refusal(problems)).toContain(`11-hall-kills.json: a short run`);
  });

  it('refuses a run that did not record every section', () => {
    expect(problemsOf([section({ key: '11-hall-kills' })], check())).toEqual([
      expect.objectContaining({ file: '20-hostile-input.json', why: expect.stringMatching(/^missing/) }),
    ]);
  });

  it('refuses a stale section no test records any more', () => {
    const problems = problemsOf(
      [section({ key: '11-hall-kills' }), section({ key: '20-hostile-input' }), section({ key: '19-gone' })],
      check(),
    );
    expect(problems.map((p) => [p.file, p.rerun])).toEqual([
      ['19-gone.json', 'rm test/reliability/results/19-gone.json'],
    ]);
  });

  it('refuses sections recorded without provenance, on a changed tree, or off this history', () => {
    const problems = problemsOf(
      [
        section({ key: '11-hall-kills', commit: undefined }),
        section({ key: '20-hostile-input', dirty: true }),
      ],
      check(),
    );
    expect(problems.map((p) => p.why)).toEqual([
      expect.stringMatching(/without its commit and run/),
      expect.stringMatching(/uncommitted changes/),
    ]);
    expect(
      problemsOf(
        [section({ key: '11-hall-kills' }), section({ key: '20-hostile-input', commit: 'f'.repeat(40) })],
        check(true),
      ).map((p) => p.why),
    ).toEqual([expect.stringMatching(/not in this history/)]);
  });

  it('refuses a mix of runs unless asked for one, and then tells how to join the newest run', () => {
    const mix = [
      section({ key: '11-hall-kills', runId: 'run-0', recordedAt: '2026-12-03T08:00:00.000Z' }),
      section({ key: '20-hostile-input' }),
    ];
    expect(problemsOf(mix, check())).toEqual([
      expect.objectContaining({
        file: '11-hall-kills.json',
        rerun: `RELIABILITY_RUN_ID=run-1 RELIABILITY=full npx vitest run --project reliability ${FAULTS}`,
      }),
    ]);
    expect(problemsOf(mix, check(true))).toEqual([]);
  });

  it('refuses a mix of commits, and past the newest commit asks for the whole suite', () => {
    const mix = [
      section({ key: '11-hall-kills', commit: 'b'.repeat(40), recordedAt: '2026-12-05T08:00:00.000Z' }),
      section({ key: '20-hostile-input' }),
    ];
    expect(problemsOf(mix, check())).toEqual([
      expect.objectContaining({ file: '20-hostile-input.json', rerun: 'npm run test:reliability' }),
    ]);
  });

  it('finds the sections a test file records', () => {
    expect(
      keysRecordedBy("recordSection({\n  key: '13-graceful-shutdown',\n  rows: [{ key: 'x' }] })"),
    ).toEqual(['13-graceful-shutdown']);
    expect(keysRecordedBy("const x = { key: '13-not-a-section' };")).toEqual([]);
  });
});
