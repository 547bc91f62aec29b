import { casesOf, type Target } from '../case';
import type { CorpusContext } from './context';

const raw = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

/**
 * Requests broken below GraphQL: URLs that do not decode, paths nothing serves, request lines and headers
 * Node's HTTP parser refuses (sent as raw bytes: Node's own client will not send them).
 */
export const http = (ctx: CorpusContext) => {
  const hall: Target = { service: 'subgraph', subgraph: 'hall' };
  return casesOf('http', [
    {
      name: 'a percent-escape that is not UTF-8',
      method: 'GET',
      path: '/materials/%E0%A4%A',
      headers: { authorization: `Bearer ${ctx.tokens.applicant}` },
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a lone percent sign',
      method: 'GET',
      path: '/materials/%',
      headers: {},
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a path nothing serves',
      method: 'POST',
      path: '/admin',
      headers: {},
      expect: { status: 404, code: 'NOT_FOUND' },
    },
    {
      name: 'a path up and out',
      method: 'GET',
      path: '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      headers: {},
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'hall: a path nothing serves',
      to: hall,
      method: 'GET',
      path: '/admin/users',
      headers: {},
      expect: { status: 404, code: 'NOT_FOUND' },
    },
    {
      name: 'hall: a percent-escape that is not UTF-8',
      to: hall,
      method: 'GET',
      path: '/materials/%C3%28',
      headers: {},
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a header holding a control character',
      method: 'GET',
      path: '/health',
      headers: {},
      raw: raw(['GET /health HTTP/1.1', 'Host: x', 'X-Bad: a\u0001b']),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a request line that is not HTTP',
      method: 'GET',
      path: '/',
      headers: {},
      raw: raw(['HELLO WORLD']),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'two content-lengths that differ (request smuggling)',
      method: 'POST',
      path: '/graphql',
      headers: {},
      raw: `${raw(['POST /graphql HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 5', 'Content-Length: 40'])}{"query":"{ taxItems { code } }"}`,
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'content-length with chunked (request smuggling)',
      method: 'POST',
      path: '/graphql',
      headers: {},
      raw: `${raw(['POST /graphql HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked'])}0\r\n\r\n`,
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'hall: a header holding a control character',
      to: hall,
      method: 'GET',
      path: '/health',
      headers: {},
      raw: raw(['GET /health HTTP/1.1', 'Host: x', 'X-Bad: a\u0007b']),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
  ]);
};
