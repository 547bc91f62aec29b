import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  apiSchema,
  type BreakingChangeAllowance,
  checkedInSupergraph,
  checkSchema,
  docExamples,
  formatReport,
  parseAllowances,
  teamOperations,
  validateOperations,
  webOperations,
} from '../src/check';
import { composeSupergraph } from '../src/compose';
import { readSupergraph } from '../src/supergraph';

// Fixtures: two subgraphs (base/), a storefront's registered operations (operations/), and one folder per
// change holding only the subgraph files it changes.
const FIXTURES = new URL('./schema-check/', import.meta.url);

const subgraphsOf = (change?: string) =>
  readdirSync(new URL('base/', FIXTURES)).map((file) => {
    const changed = change && readdirSync(new URL(`${change}/`, FIXTURES)).includes(file);
    return {
      name: file.replace('.graphql', ''),
      url: `http://${file.replace('.graphql', '')}.test/graphql`,
      typeDefs: readFileSync(new URL(`${changed ? change : 'base'}/${file}`, FIXTURES), 'utf8'),
    };
  });

const BASE = composeSupergraph(subgraphsOf()).supergraphSdl;

const check = (change: string, allowances: BreakingChangeAllowance[] = []) =>
  checkSchema({
    base: { sdl: BASE, from: 'the fixture base' },
    compose: () => composeSupergraph(subgraphsOf(change)).supergraphSdl,
    operations: teamOperations(new URL('operations/', FIXTURES), 'schema/test/schema-check/operations'),
    allowances,
  });

describe('the schema check', () => {
  it('passes an added optional field, listing it as safe', async () => {
    const result = await check('safe');
    expect(result.passed).toBe(true);
    expect(result.changes?.safe.map((c) => [c.type, c.path])).toContainEqual([
      'FIELD_ADDED',
      'Product.colour',
    ]);
    expect(result.operationsChecked).toBe(3);
    expect(formatReport(result)).toMatch(/PASSED/);
  });

  it('fails a removed field a registered operation reads, naming the change, the operation and the fix', async () => {
    const result = await check('removed-field');
    expect(result.passed).toBe(false);
    expect(result.changes?.breaking.map((c) => [c.type, c.path])).toEqual([['FIELD_REMOVED', 'Review.text']]);
    expect(result.invalidOperations).toEqual([
      {
        owner: 'team storefront',
        file: 'schema/test/schema-check/operations/storefront/product-page.graphql',
        operation: 'query ProductPage',
        errors: ['Cannot query field "text" on type "Review".'],
      },
    ]);
    const report = formatReport(result);
    expect(report).toMatch(/FAILED: 2 problems/);
    expect(report).toContain('"path": "Review.text", "change": "FIELD_REMOVED"');
    expect(report).toMatch(/query ProductPage of team storefront .* no longer validates/);
  });

  it('keeps failing a removed field an operation reads even when the change is allowed', async () => {
    const result = await check('removed-field', [{ path: 'Review.text', reason: 'nobody reads it' }]);
    expect(result.changes?.breaking).toEqual([]);
    expect(result.changes?.allowed.map((c) => c.path)).toEqual(['Review.text']);
    expect(result.passed).toBe(false);
  });

  it('fails a narrowed argument type no operation trips on, unless a reviewed allowance names it', async () => {
    const refused = await check('narrowed-type');
    expect(refused.passed).toBe(false);
    expect(refused.invalidOperations).toEqual([]);
    expect(refused.changes?.breaking.map((c) => [c.type, c.path])).toEqual([
      ['FIELD_ARGUMENT_TYPE_CHANGED', 'Query.products.first'],
    ]);

    const allowed = await check('narrowed-type', [
      {
        path: 'Query.products.first',
        change: 'FIELD_ARGUMENT_TYPE_CHANGED',
        reason: 'every client sends it',
      },
    ]);
    expect(allowed.passed).toBe(true);
    expect(formatReport(allowed)).toMatch(
      /allowed by schema\/allowed-breaking-changes.json:\n.*every client sends it/,
    );

    const otherChange = await check('narrowed-type', [
      { path: 'Query.products.first', change: 'FIELD_ARGUMENT_REMOVED', reason: 'not this change' },
    ]);
    expect(otherChange.passed).toBe(false);
  });

  it('passes a deprecated field, naming the registered operations that still read it', async () => {
    const result = await check('deprecated-field');
    expect(result.passed).toBe(true);
    expect(result.deprecatedUses.map((op) => [op.operation, op.errors])).toEqual([
      ['query ProductPage', ['The field Review.text is deprecated. Read `body`.']],
    ]);
    expect(formatReport(result)).toMatch(
      /deprecated fields or values .*\n.*query ProductPage of team storefront/,
    );
  });

  it('passes a new enum value as dangerous, saying so', async () => {
    const result = await check('new-enum-value');
    expect(result.passed).toBe(true);
    expect(result.changes?.dangerous.map((c) => [c.type, c.path])).toEqual([
      ['ENUM_VALUE_ADDED', 'Size.EXTRA_LARGE'],
    ]);
    expect(formatReport(result)).toMatch(/Dangerous changes.*\n.*EXTRA_LARGE/);
  });

  it('fails subgraphs that do not compose, with composition’s reason', async () => {
    const result = await check('not-composing');
    expect(result.passed).toBe(false);
    expect(result.compositionErrors.join('\n')).toMatch(/Product\.sku/);
    expect(formatReport(result)).toMatch(/1\. The subgraphs do not compose: .*Product\.sku/);
  });

  it('fails a change whose supergraph file was not recomposed', async () => {
    const result = await checkSchema({
      base: { sdl: BASE, from: 'the fixture base' },
      compose: () => composeSupergraph(subgraphsOf('safe')).supergraphSdl,
      supergraphFile: BASE,
      operations: [],
      allowances: [],
    });
    expect(result.passed).toBe(false);
    expect(formatReport(result)).toContain('run `npm run compose --workspace schema`');
  });

  it('refuses an allowance without a reason', () => {
    expect(() => parseAllowances('{ "allowances": [{ "path": "Query.bundle" }] }')).toThrow(/needs "reason"/);
    expect(parseAllowances('{ "allowances": [] }')).toEqual([]);
  });
});

describe('the schema check on this repository', () => {
  it('validates the web app’s operations and the guides’ examples against the checked-in supergraph', async () => {
    const web = await webOperations();
    const guides = docExamples();
    const { checked, invalid } = validateOperations(apiSchema(readSupergraph()), [
      web,
      ...teamOperations(),
      ...guides,
    ]);
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    expect(guides.flatMap((g) => g.definitions.map((d) => d.file))).toContain('docs/frontend.md');
    expect(
      web.definitions.some(
        ({ definition }) => 'name' in definition && definition.name?.value === 'BundleForm',
      ),
    ).toBe(true);
  });

  it('compares against the commit SCHEMA_CHECK_BASE names, and refuses one that does not exist', () => {
    expect(checkedInSupergraph({ SCHEMA_CHECK_BASE: 'HEAD' }).from).toMatch(/at HEAD \(SCHEMA_CHECK_BASE\)/);
    expect(() => checkedInSupergraph({ SCHEMA_CHECK_BASE: 'no-such-branch' })).toThrow(/names no commit/);
  });
});
