import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimits } from './limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node name: String children(first: Int): [Node!]! tags: [String!]! }
  type Query { node: Node nodes(limit: Int = 20): [Node!]! all: [Node!]! }
`);
const check = (query: string, limits = { maxDepth: 4, maxAliases: 5, maxCost: 100 }) =>
  validate(schema, parse(query), [...specifiedRules, queryLimits(limits)]).map(
    (e) => e.extensions.code ?? e.message,
  );
const costOf = (query: string) => {
  const [error] = validate(schema, parse(query), [queryLimits({ maxDepth: 99, maxAliases: 99, maxCost: 0 })]);
  return error ? Number(error.extensions.cost) : 0;
};

describe('query limits', () => {
  it('lets a query within the limits through', () => {
    expect(check('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('refuses a deep query, also when the depth hides in fragments', () => {
    expect(check('{ node { child { child { child { child { id } } } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(
      check(
        '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { child { id } } } }',
      ),
    ).toEqual(['QUERY_TOO_DEEP']);
  });

  it('counts aliases as often as their fragment is spread', () => {
    expect(check('{ a: node { id } b: node { id } }')).toEqual([]);
    expect(check('{ node { ...F x: child { ...F } } } fragment F on Node { a: id b: id c: name }')).toEqual([
      'TOO_MANY_ALIASES',
    ]);
  });

  it('survives fragment cycles (graphql refuses them; the limit check does not loop)', () => {
    const errors = check(
      '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }',
    );
    expect(errors.some((e) => String(e).includes('Cannot spread fragment'))).toBe(true);
  });
});

describe('the cost of an operation (security finding 2)', () => {
  it('counts each field once, and the fields under a list once per row it may return', () => {
    expect(costOf('{ __typename node { id name } }')).toBe(3);
    expect(costOf('{ nodes(limit: 3) { id name } }')).toBe(1 + 3 * 2);
    expect(costOf('{ nodes { id } }')).toBe(1 + 20 * 1); // the argument's default
    expect(costOf('{ all { id } }')).toBe(1 + 10 * 1); // a list without first/limit: 10
    expect(costOf('{ nodes(limit: 2) { children(first: 4) { id tags } } }')).toBe(1 + 2 * (1 + 4 * 2));
    expect(costOf('query Q($n: Int) { nodes(limit: $n) { id } }')).toBe(1 + 20); // a variable: the default
  });

  it('counts fragments and aliases as often as they are spread', () => {
    expect(costOf('{ a: nodes(limit: 2) { ...F } b: node { ...F } } fragment F on Node { id name }')).toBe(
      1 + 2 * 2 + 1 + 2,
    );
  });

  it('refuses an operation over the limit with QUERY_TOO_COSTLY, naming its cost and the limit', () => {
    const query = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: nodes(limit: 10) { id name }`).join(' ')} }`;
    expect(check(query)).toEqual(['QUERY_TOO_COSTLY']);
    const [error] = validate(schema, parse(query), [
      queryLimits({ maxDepth: 9, maxAliases: 9, maxCost: 100 }),
    ]);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 105, maxCost: 100 });
    expect(error?.message).toMatch(/costs 105; at most 100/);
  });
});

describe('introspection (GraphiQL’s schema)', () => {
  const limits = { maxDepth: 12, maxAliases: 30, maxCost: 5_000 };

  it('lets GraphiQL’s introspection query through: introspection alone is judged by its own rule', () => {
    expect(check(getIntrospectionQuery(), limits)).toEqual([]);
    expect(check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), limits)).toEqual(
      [],
    );
  });

  it('lifts nothing for an introspection field in a query that asks for anything else', () => {
    const deep = `__schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`;
    expect(check(`{ ${deep} }`, limits)).toEqual([]);
    expect(check(`{ node { id } ${deep} }`, limits)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('still counts aliases, and graphql refuses the cycling nesting of lists', () => {
    expect(
      check(
        `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`,
        limits,
      ),
    ).toEqual(['TOO_MANY_ALIASES']);
    expect(
      check('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }', limits),
    ).toEqual(['Maximum introspection depth exceeded']);
  });
});
