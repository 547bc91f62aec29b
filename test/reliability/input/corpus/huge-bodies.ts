import { casesOf, graphql } from '../case';
import type { CorpusContext } from './context';

const KIB = 1024;

/** Bodies over the gateway's limit (128 KiB for GraphQL), URLs and headers over theirs. */
export const hugeBodies = (ctx: CorpusContext) =>
  casesOf('huge-body', [
    {
      name: 'a 200 KiB comment in a query',
      ...graphql(`{ taxItems { code } } # ${'x'.repeat(200 * KIB)}`),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: '1 MiB of variables',
      ...graphql('{ taxItems { code } }', { pad: 'y'.repeat(1024 * KIB) }),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'a 300 KiB form value',
      ...graphql(
        'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { problems { field code } } }',
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: [{ key: 'applicant.address', value: '路'.repeat(100 * KIB) }],
          },
        },
        ctx.tokens.applicant,
      ),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'a stated length of 10 GB with a small body',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) },
      body: '{"query":"{ taxItems { code } }"}',
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'a chunked body of 2 MiB',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: `{"query":"{ taxItems { code } }","variables":{"pad":"${'z'.repeat(2048 * KIB)}"}}`,
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'a form value far over its field’s length (within the body limit)',
      ...graphql(
        'query C($v: String!) { checkForm(bundleCode: "HOUSE-TRANSFER", values: [{ key: "property.address", value: $v }]) { problems { field code message { zh en } } } }',
        { v: '路'.repeat(20_000) },
        ctx.tokens.applicant,
      ),
      expect: { status: 200, rule: 'field.tooLong', field: 'property.address' },
    },
    {
      name: 'a URL parameter of 300 characters',
      method: 'GET',
      path: `/materials/${'a'.repeat(300)}`,
      headers: { authorization: `Bearer ${ctx.tokens.applicant}` },
      expect: { status: 414, code: 'URI_TOO_LONG' },
    },
    {
      name: '20 KB of headers (a token of 20 000 characters)',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(20_000)}` },
      body: '{"query":"{ taxItems { code } }"}',
      expect: { status: 431, code: 'HEADERS_TOO_LARGE' },
    },
    {
      name: '40 KiB of cookies',
      path: '/graphql',
      headers: { 'content-type': 'application/json', cookie: `session=${'c'.repeat(40 * KIB)}` },
      body: '{"query":"{ taxItems { code } }"}',
      expect: { status: 431, code: 'HEADERS_TOO_LARGE' },
    },
  ]);
