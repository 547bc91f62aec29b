import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC as BUNDLES_DOC, figuresMarkdown } from '../scripts/bundle-figures';
import {
  END as ERRORS_END,
  START as ERRORS_START,
  errorRows,
  DOC as FRONTEND_DOC,
} from '../scripts/errors-doc';
import { DOC, productionRows, SERVICES } from '../scripts/settings-doc';

/** The integrators' guide lists every setting of every service as the services define them. */
describe('docs/integrators.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  const cellText = (s: string) =>
    s
      .trim()
      .replace(/\\\|/g, '|')
      .replace(/^`(.*)`$/, '$1');

  it.each(SERVICES.map((s) => [s.title, s.settings] as const))(
    'lists every setting of the %s',
    (title, settings) => {
      const start = doc.indexOf(`### ${title}`);
      expect(start, `no section "### ${title}"; run npx tsx scripts/settings-doc.ts --write`).toBeGreaterThan(
        0,
      );
      const section = doc.slice(
        start,
        doc.indexOf('\n### ', start + 1) === -1 ? undefined : doc.indexOf('\n### ', start + 1),
      );
      const rows = section
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) =>
          l
            .split(/(?<!\\)\|/)
            .slice(1, -1)
            .map(cellText),
        );
      const expected = settings.describe().map((r) => [r.env, r.default, r.doc.replace(/\n/g, ' ')]);
      expect(rows, 'settings changed: run npx tsx scripts/settings-doc.ts --write').toEqual(expected);
    },
  );

  it('lists everything PROFILE=production refuses, as the services declare it', () => {
    const start = doc.indexOf('<!-- production:start');
    expect(start, 'no production table; run npx tsx scripts/settings-doc.ts --write').toBeGreaterThan(0);
    const rows = doc
      .slice(start, doc.indexOf('<!-- production:end'))
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| service') && !/^\|\s*-/.test(l))
      .map((l) =>
        l
          .split(/(?<!\\)\|/)
          .slice(1, -1)
          .map(cellText),
      );
    expect(rows, 'run npx tsx scripts/settings-doc.ts --write').toEqual(
      productionRows().map((r) => r.map((c) => c.replace(/\n/g, ' '))),
    );
    // Every service that would start with a published secret or a development tool is in it.
    expect(new Set(rows.map((r) => r[0]))).toEqual(
      new Set([
        'Gateway',
        'Hall subgraph',
        'Tax subgraph',
        'Market regulation subgraph',
        'Real-estate registration subgraph',
        'Provident fund subgraph',
        'Development identity provider',
        'Tax stand-in',
        'Market regulation stand-in',
        'Real-estate registry stand-in',
        'Provident fund stand-in',
        'Payment platform subgraph',
        'Payment platform stand-in',
        'Courier platform stand-in',
        'SMS gateway stand-in',
      ]),
    );
  });
});

/** The bundles guide shows the figures the items' data give. */
describe('docs/bundles.md', () => {
  it('shows what each bundle saves, as computed from the items (run npx tsx scripts/bundle-figures.ts --write)', () => {
    const doc = readFileSync(BUNDLES_DOC, 'utf8');
    const rows = (md: string) =>
      md
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| bundle') && !l.startsWith('| ---'))
        .map((l) =>
          l
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim()),
        );
    const section = doc.slice(doc.indexOf('<!-- figures:start'), doc.indexOf('<!-- figures:end'));
    expect(rows(section)).toEqual(rows(figuresMarkdown()));
  });
});

/** The front-end guide's error table is the registry of codes (schema/src/errors.ts), row for row. */
describe('docs/frontend.md', () => {
  it('lists every error code as the registry has it (run npx tsx scripts/errors-doc.ts --write)', () => {
    const doc = readFileSync(FRONTEND_DOC, 'utf8');
    const start = doc.indexOf(ERRORS_START);
    expect(start, 'no error table; run npx tsx scripts/errors-doc.ts --write').toBeGreaterThan(0);
    const rows = doc
      .slice(start, doc.indexOf(ERRORS_END))
      .split('\n')
      .filter((l) => l.startsWith('| `') && !l.startsWith('| `extensions.code`'))
      .map((l) =>
        l
          .split(/(?<!\\)\|/)
          .slice(1, -1)
          .map((c) =>
            c
              .trim()
              .replace(/\\\|/g, '|')
              .replace(/^`(.*)`$/, '$1'),
          ),
      );
    expect(rows, 'the registry changed: run npx tsx scripts/errors-doc.ts --write').toEqual(errorRows());
  });
});
