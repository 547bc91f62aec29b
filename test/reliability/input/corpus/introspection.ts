import { casesOf, graphql } from '../case';

const OF_TYPE = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;

/**
 * Introspection used as a weapon: nested past the depth limit beside a field of the schema, lists nested
 * to multiply the schema, aliased, repeated to exhaust the token limit. Introspection alone is judged by
 * ALLOW_INTROSPECTION, not by the depth and cost limits (GraphiQL's own query is 15 deep): a chain of
 * `ofType` alone is answered, its size bounded by the schema (test/reliability/security/cost.test.ts).
 */
export const introspection = () =>
  casesOf('introspection', [
    {
      name: '__schema nested 14 deep beside a field of the schema (introspection lifts no limit there)',
      ...graphql(`{ bundles { code } __schema { types { fields { type { ${OF_TYPE(10)} } } } } }`),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: '__type with ofType 20 deep beside __typename and a field',
      ...graphql(
        `{ __typename bundles { code } __type(name: "Person") { fields { type { ${OF_TYPE(20)} } } } }`,
      ),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: 'the whole schema aliased 40 times',
      ...graphql(
        `{ ${Array.from({ length: 40 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`,
      ),
      expect: { status: 400, code: 'TOO_MANY_ALIASES' },
    },
    {
      name: 'interfaces’ possible types cycling',
      ...graphql(
        `{ __schema { types { possibleTypes { interfaces { possibleTypes { interfaces { possibleTypes { interfaces { possibleTypes { interfaces { possibleTypes { interfaces { possibleTypes { interfaces { name } } } } } } } } } } } } } } }`,
      ),
      // graphql's MaxIntrospectionDepthRule: lists of the meta-schema nested past 3.
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: '__schema repeated 1 000 times',
      ...graphql(`{ ${'__schema { queryType { name } } '.repeat(1000)} }`),
      expect: { status: 400, code: 'TOO_MANY_TOKENS' },
    },
    {
      name: '__type asked for by a number',
      ...graphql('{ __type(name: 1) { name } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'introspection of a field the meta-schema lacks',
      ...graphql('{ __schema { secrets } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ]);
