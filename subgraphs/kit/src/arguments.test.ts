import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { INSTANT_RANGE, instantArgument, listLimit } from './arguments';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    return { message: (e as GraphQLError).message, extensions: (e as GraphQLError).extensions };
  }
  throw new Error('not refused');
};

describe('list limits', () => {
  it('takes a whole number in range', () => {
    expect(listLimit('hall', 'limit', 1, { max: 500 })).toBe(1);
    expect(listLimit('hall', 'limit', 500, { max: 500 })).toBe(500);
  });

  it.each([-1, 0, 501, 2 ** 31 - 1, 1.5])('refuses %s, naming the argument and its range', (value) => {
    const r = refusal(() => listLimit('hall', 'limit', value, { max: 500 }));
    expect(r.extensions).toMatchObject({
      code: 'LIMIT_OUT_OF_RANGE',
      department: 'hall',
      argument: 'limit',
      min: 1,
      max: 500,
    });
    expect(r.message).toContain('from 1 to 500');
  });
});

describe('date arguments', () => {
  it('takes an instant in range, and now when absent', () => {
    expect(instantArgument('hall', 'asOf', '2026-11-20T08:00:00Z').toISOString()).toBe(
      '2026-11-20T08:00:00.000Z',
    );
    expect(instantArgument('hall', 'asOf', undefined, () => new Date(0)).getTime()).toBe(0);
  });

  it.each([
    '9999-12-31T00:00:00Z',
    '1900-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2100-01-01T00:00:00Z',
  ])('refuses %s, naming the argument and the allowed range', (value) => {
    const r = refusal(() => instantArgument('hall', 'asOf', value));
    expect(r.extensions).toMatchObject({ code: 'DATE_OUT_OF_RANGE', argument: 'asOf', ...INSTANT_RANGE });
    expect(r.message).toContain('asOf');
  });
});
