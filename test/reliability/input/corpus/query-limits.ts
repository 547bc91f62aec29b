import { casesOf, graphql } from '../case';
import type { CorpusContext } from './context';

/** `n` levels of a self-nesting selection: properties → owners → properties → … */
const nested = (levels: number) => {
  let inner = 'idNumber';
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `owners { ${inner} }` : `properties { ${inner} }`;
  return `{ me { properties { ${inner} } } }`;
};
const aliases = (n: number, field = 'taxItems { code }') =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** Queries over the limits (depth 12, 30 aliases, 3 000 tokens), however they hide it. */
export const queryLimits = (ctx: CorpusContext) =>
  casesOf('query-limits', [
    {
      name: 'depth 13',
      ...graphql(nested(11), {}, ctx.tokens.citizen),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: 'depth 30',
      ...graphql(nested(28), {}, ctx.tokens.citizen),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: 'depth 200',
      ...graphql(nested(198), {}, ctx.tokens.citizen),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: 'depth hidden in nested fragments',
      ...graphql(
        `{ me { ...A } }
         fragment A on Person { properties { owners { ...B } } }
         fragment B on Person { properties { owners { ...C } } }
         fragment C on Person { properties { owners { ...D } } }
         fragment D on Person { properties { owners { ...E } } }
         fragment E on Person { properties { owners { ...F } } }
         fragment F on Person { properties { owners { ...G } } }
         fragment G on Person { properties { owners { idNumber } } }`,
        {},
        ctx.tokens.citizen,
      ),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    {
      name: 'depth hidden in inline fragments',
      ...graphql(
        `{ me { ... on Person { properties { ... on Property { owners { ${'... on Person { properties { ... on Property { owners { '.repeat(6)}idNumber${' } } } }'.repeat(6)} } } } } } }`,
        {},
        ctx.tokens.citizen,
      ),
      expect: { status: 400, code: 'QUERY_TOO_DEEP' },
    },
    { name: '31 aliases', ...graphql(aliases(31)), expect: { status: 400, code: 'TOO_MANY_ALIASES' } },
    { name: '300 aliases', ...graphql(aliases(300)), expect: { status: 400, code: 'TOO_MANY_ALIASES' } },
    {
      name: '31 aliases of a department read',
      ...graphql(aliases(31, 'me { taxpayer { name } }'), {}, ctx.tokens.citizen),
      expect: { status: 400, code: 'TOO_MANY_ALIASES' },
    },
    {
      name: 'aliases multiplied by a fragment spread 10 times',
      ...graphql(
        `{ ${Array.from({ length: 10 }, (_, i) => `f${i}: bundles { ...B }`).join(' ')} } fragment B on Bundle { a: code b: code c: code }`,
      ),
      expect: { status: 400, code: 'TOO_MANY_ALIASES' },
    },
    {
      name: 'aliased mutations (a batch of 40 consents in one request)',
      ...graphql(
        `mutation { ${Array.from({ length: 40 }, (_, i) => `c${i}: grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax"]) { id }`).join(' ')} }`,
        {},
        ctx.tokens.applicant,
      ),
      expect: { status: 400, code: 'TOO_MANY_ALIASES' },
    },
    {
      name: '4 000 repeated fields',
      ...graphql(`{ taxItems { ${'code '.repeat(4000)} } }`),
      expect: { status: 400, code: 'TOO_MANY_TOKENS' },
    },
    {
      name: '3 000 directives',
      ...graphql(`{ taxItems { code ${'@include(if: true) '.repeat(600)} } }`),
      expect: { status: 400, code: 'TOO_MANY_TOKENS' },
    },
    {
      name: '10 000 __typename',
      ...graphql(`{ ${'__typename '.repeat(10_000)} }`),
      expect: { status: 400, code: 'TOO_MANY_TOKENS' },
    },
    {
      name: 'a list argument of 3 500 unit codes',
      ...graphql(
        `{ properties(unitCodes: [${Array.from({ length: 3500 }, () => '"330502001002GB00012F00030012"').join(',')}]) { address } }`,
        {},
        ctx.tokens['staff-realestate'],
      ),
      expect: { status: 400, code: 'TOO_MANY_TOKENS' },
    },
  ]);
