import { casesOf } from '../case';
import type { CorpusContext } from './context';

const BODY = JSON.stringify({ query: '{ taxItems { code } }' });
const typed = (type: string | undefined, body: string = BODY) => ({
  path: '/graphql',
  headers: (type === undefined ? {} : { 'content-type': type }) as Record<string, string>,
  body,
});

/**
 * Requests that are not JSON POSTs: other media types (a browser's simple requests among them, which CSRF
 * protection must refuse), GET without the preflight header, methods /graphql does not take.
 */
export const contentTypes = (ctx: CorpusContext) =>
  casesOf('content-type', [
    {
      name: 'text/plain (a CSRF simple request)',
      ...typed('text/plain'),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'form-urlencoded',
      ...typed('application/x-www-form-urlencoded', 'query=%7BtaxItems%7Bcode%7D%7D'),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'multipart/form-data',
      ...typed(
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ taxItems { code } }\r\n--x--',
      ),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'application/xml',
      ...typed('application/xml', '<query/>'),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'application/graphql',
      ...typed('application/graphql', '{ taxItems { code } }'),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'no content-type at all',
      ...typed(undefined),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'a content-type that is not a media type',
      ...typed(';;;'),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'JSON claimed as text/html',
      ...typed('text/html'),
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      name: 'GET without the preflight header',
      method: 'GET',
      path: '/graphql?query=%7BtaxItems%7Bcode%7D%7D',
      headers: {},
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      name: 'a mutation over GET',
      method: 'GET',
      path: '/graphql?query=mutation%7BrevokeConsent(consentId%3A%22x%22)%7Bid%7D%7D',
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${ctx.tokens.citizen}` },
      expect: { status: 405, code: 'BAD_REQUEST' },
    },
    {
      name: 'PUT /graphql',
      method: 'PUT',
      ...typed('application/json'),
      expect: { status: 404, code: 'NOT_FOUND' },
    },
    {
      name: 'DELETE /graphql',
      method: 'DELETE',
      path: '/graphql',
      headers: {},
      expect: { status: 404, code: 'NOT_FOUND' },
    },
    {
      name: 'the materials endpoint sent GraphQL',
      path: '/materials',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.tokens.applicant}` },
      body: BODY,
      expect: { status: 415, code: 'MATERIAL_TYPE_NOT_ALLOWED' },
    },
  ]);
