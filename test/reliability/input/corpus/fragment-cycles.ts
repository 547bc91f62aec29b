import { casesOf, graphql } from '../case';

/** Fragments that spread themselves, each other, nothing that exists, or are never used. */
export const fragmentCycles = () =>
  casesOf('fragment-cycles', [
    {
      name: 'A spreads B spreads A',
      ...graphql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a fragment spreading itself',
      ...graphql('{ ...A } fragment A on Query { taxItems { code } ...A }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a cycle of three, below a field',
      ...graphql(
        '{ bundles { ...A } } fragment A on Bundle { code ...B } fragment B on Bundle { name { zh } ...C } fragment C on Bundle { ...A }',
      ),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a cycle through an inline fragment',
      ...graphql('{ ...A } fragment A on Query { ... on Query { ...A } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a spread of a fragment that does not exist',
      ...graphql('{ ...Nowhere }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a fragment never used',
      ...graphql('{ taxItems { code } } fragment A on Query { taxItems { code } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a fragment on a type that does not exist',
      ...graphql('{ ...A } fragment A on Nothing { code }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'two fragments of one name',
      ...graphql(
        '{ ...A } fragment A on Query { taxItems { code } } fragment A on Query { fundItems { code } }',
      ),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ]);
