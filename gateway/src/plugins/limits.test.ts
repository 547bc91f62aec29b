import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimits } from './limits';

const schema = buildSchema(`type Node { id: ID! child: Node name: String } type Query { node: Node }`);
const check = (query: string) =>
  validate(schema, parse(query), [...specifiedRules, queryLimits(4, 5)]).map(
    (e) => e.extensions.code ?? e.message,
  );

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
