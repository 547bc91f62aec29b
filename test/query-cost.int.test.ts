import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryLimits } from '../gateway/src/plugins/limits';
import { gatewaySettings } from '../gateway/src/settings';
import { ITEMS_QUERY } from '../subgraphs/hall/src/catalogue/items';

/**
 * Every query the project itself sends — the web app's, the hall's through the supergraph, the docs'
 * examples, the example clients', the tests' and the benchmarks' — stays within the gateway's default limits, the cost limit
 * (MAX_COST) above all: a limit that refused our own front end would be raised by the first integrator.
 * The hostile corpus of the reliability suite is left out: it is over the limits on purpose.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const api = Supergraph.build(readFileSync(join(ROOT, 'schema/supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const byEnv = new Map(gatewaySettings.describe().map((s) => [s.env, Number(s.default.replace(/[_,]/g, ''))]));
const defaults = {
  maxDepth: byEnv.get('MAX_DEPTH')!,
  maxAliases: byEnv.get('MAX_ALIASES')!,
  maxCost: byEnv.get('MAX_COST')!,
};

const sources = (dir: string, ext: RegExp): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const path = join(dir, f);
    if (f === 'node_modules' || f === 'dist' || path.startsWith('test/reliability/input')) return [];
    return statSync(join(ROOT, path)).isDirectory() ? sources(path, ext) : ext.test(f) ? [path] : [];
  });

/** The GraphQL documents in a file: template literals that read as one, and ```graphql blocks of docs. */
const isOperation = (d: { kind: string }): d is OperationDefinitionNode =>
  d.kind === Kind.OPERATION_DEFINITION;

function documentsIn(path: string): { where: string; doc: DocumentNode }[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const candidates = path.endsWith('.md')
    ? [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!)
    : [...text.matchAll(/`([^`]*)`/g)]
        .map((m) => m[1]!.replace(/\$\{LOCALIZED\}/g, 'zh en').replace(/\$\{[^}]*\}/g, ''))
        .filter((q) => /^\s*(query|mutation)\b|^\s*\{\s*\w+[\s({]/.test(q));
  return candidates.flatMap((q) => {
    try {
      const doc = parse(q);
      // Only what the supergraph knows (the docs show department subgraphs' own SDL too).
      return validate(api, doc).length
        ? []
        : [{ where: `${path}: ${q.replace(/\s+/g, ' ').slice(0, 60)}`, doc }];
    } catch {
      return [];
    }
  });
}

describe('the project’s own queries within the gateway’s default limits', () => {
  const documents = [
    ...sources('web/src', /\.tsx?$/),
    ...sources('subgraphs', /\.ts$/),
    ...sources('test', /\.ts$/),
    ...sources('scripts', /\.ts$/),
    ...sources('gateway/src', /\.ts$/),
    ...sources('examples', /\.ts$/),
    'README.md',
    ...sources('docs', /\.md$/),
  ].flatMap(documentsIn);
  // Queries built from parts at run time, which no scan of the text sees whole: the web app's typed
  // documents (each with the fragments it spreads) and the hall's catalogue query (one field per department).
  beforeAll(async () => {
    const web: Record<string, unknown> = await import('../web/src/api/documents');
    for (const d of Object.values(web)) {
      const doc = d as DocumentNode;
      const op = doc?.kind === Kind.DOCUMENT ? doc.definitions.find(isOperation) : undefined;
      if (op) documents.push({ where: `web/src/api/documents.ts: ${op.operation} ${op.name?.value}`, doc });
    }
    documents.push({
      where: 'subgraphs/hall/src/catalogue/items.ts: query HallCatalogue',
      doc: parse(ITEMS_QUERY),
    });
  });

  it('finds them (the web app’s, the hall’s catalogue, the docs’, the tests’)', () => {
    const where = documents.map((d) => d.where).join('\n');
    for (const name of [
      'query Queue',
      'query ReadsOfMyData',
      'query BundleForm',
      'query HallCatalogue',
      'query MyRecords',
    ])
      expect(where).toContain(name);
    expect(documents.length).toBeGreaterThan(25);
  });

  it('refuses none of them', () => {
    const refused = documents.flatMap(({ where, doc }) =>
      validate(api, doc, [queryLimits(defaults)]).map((e) => `${where} → ${e.extensions.code} ${e.message}`),
    );
    expect(refused).toEqual([]);
  });
});
