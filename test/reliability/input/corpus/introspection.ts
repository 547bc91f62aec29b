import { casesOf, graphql } from '../case';

const OF_TYPE = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;

/**
 * Introspection used as a weapon: nested past the depth limit, aliased to multiply the schema, repeated
 * to exhaust the token limit. Plain introspection stays allowed (GraphiQL needs it; ALLOW_INTROSPECTION).
 */
export const introspection = () =>
  casesOf('introspection', [
    {
      name: '__schema nested 14 deep',
      ...graphql(`{ __schema { types { fields { type { ${OF_TYPE(10)} } } } } }`),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: '__type with ofType 20 deep',
      ...graphql(`{ __type(name: "Person") { fields { type { ${OF_TYPE(20)} } } } }`),
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
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
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
