import { casesOf, type Target } from '../case';

const HALL: Target = { service: 'subgraph', subgraph: 'hall' };
const PATH = '/callbacks/case-status';
const post = (body: string, type = 'application/json') => ({
  to: HALL,
  path: PATH,
  headers: { 'content-type': type },
  body,
});

/**
 * The hall's callback for departments' systems takes only callbacks signed with a department's secret
 * (see docs/departments.md): whatever a stranger sends it — broken JSON, hostile case numbers — is
 * refused unread as unsigned, and it never fails. (Signed malformed bodies are refused by name: see
 * test/stack/applications.test.ts.)
 */
export const callbacks = () =>
  casesOf('callbacks', [
    { name: 'truncated JSON', ...post('{"department":'), expect: { status: 401, code: 'CALLBACK_UNSIGNED' } },
    {
      name: 'a __proto__ key',
      ...post('{"__proto__":{"x":1},"department":"tax","caseNumber":"SW1"}'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    { name: 'an array', ...post('[]'), expect: { status: 401, code: 'CALLBACK_UNSIGNED' } },
    {
      name: 'plain text',
      ...post('tax SW1', 'text/plain'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a department that does not exist',
      ...post('{"department":"police","caseNumber":"SW1"}'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a case number that is a number',
      ...post('{"department":"tax","caseNumber":12345}'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a case number with a NUL byte',
      ...post('{"department":"tax","caseNumber":"SW\\u0000"}'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a case number with a line break',
      ...post('{"department":"tax","caseNumber":"SW1\\nSW2"}'),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a case number of 1 000 characters',
      ...post(JSON.stringify({ department: 'tax', caseNumber: 'S'.repeat(1000) })),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a case number with SQL',
      ...post(JSON.stringify({ department: 'tax', caseNumber: "x'OR'1'='1'--" })),
      expect: { status: 401, code: 'CALLBACK_UNSIGNED' },
    },
    {
      name: 'a body of 64 KiB',
      ...post(JSON.stringify({ department: 'tax', caseNumber: 'SW1', pad: 'p'.repeat(65_536) })),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'GET instead of POST',
      to: HALL,
      method: 'GET',
      path: PATH,
      headers: {},
      expect: { status: 404, code: 'NOT_FOUND' },
    },
  ]);
