import { casesOf, graphql, jsonBody } from '../case';
import type { CorpusContext } from './context';

const ITEMS = '{ taxItems { code } }';

/** Bodies that are not JSON, JSON that is not a GraphQL request, and documents that are not GraphQL. */
export const malformedJson = (ctx: CorpusContext) =>
  casesOf('malformed-json', [
    { name: 'truncated JSON', ...jsonBody('{"query":'), expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'empty body', ...jsonBody(''), expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'whitespace only', ...jsonBody('  \n '), expect: { status: 400, code: 'BAD_REQUEST' } },
    {
      name: 'trailing garbage',
      ...jsonBody(`{"query":"${ITEMS}"} }`),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'single quotes',
      ...jsonBody(`{'query':'${ITEMS}'}`),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    { name: 'a JSON string', ...jsonBody('"hello"'), expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'JSON null', ...jsonBody('null'), expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'a JSON number', ...jsonBody('42'), expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'an empty object', ...jsonBody('{}'), expect: { status: 400, code: 'BAD_REQUEST' } },
    {
      name: 'a batch (array) of operations',
      ...jsonBody(JSON.stringify([{ query: ITEMS }, { query: ITEMS }])),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    { name: 'query is a number', ...jsonBody('{"query":1}'), expect: { status: 400, code: 'BAD_REQUEST' } },
    {
      name: 'query is an object',
      ...jsonBody('{"query":{"a":1}}'),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'variables as a JSON-encoded string',
      ...jsonBody(JSON.stringify({ query: ITEMS, variables: '{"a":1}' })),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'variables as an array',
      ...jsonBody(JSON.stringify({ query: ITEMS, variables: [1, 2] })),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a __proto__ key',
      ...jsonBody(`{"query":"${ITEMS}","__proto__":{"polluted":true}}`),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a __proto__ key inside variables',
      ...jsonBody(`{"query":"${ITEMS}","variables":{"__proto__":{"role":"window-staff"}}}`),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'bytes that are not UTF-8',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"query":"{ taxItems { code } }'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]),
      expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    },
    {
      name: 'GraphQL syntax error',
      ...graphql('{ taxItems { code '),
      expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    },
    { name: 'an empty document', ...graphql(''), expect: { status: 400, code: 'BAD_REQUEST' } },
    {
      name: 'a field the schema lacks',
      ...graphql('{ nope }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'an argument the field lacks',
      ...graphql('{ taxItems(first: 1) { code } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a required variable left out',
      ...graphql('query P($id: IdNumber!) { person(idNumber: $id) { idNumber } }', {}, ctx.tokens.citizen),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    {
      name: 'two operations and no operationName',
      ...graphql('query A { taxItems { code } } query B { fundItems { code } }'),
      expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    },
    {
      name: 'an operationName the document lacks',
      ...graphql('query A { taxItems { code } }', undefined, undefined, { operationName: 'Z' }),
      expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    },
    {
      name: 'a subscription',
      ...graphql('subscription { taxItems { code } }'),
      expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    },
  ]);
