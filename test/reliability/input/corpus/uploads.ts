import { casesOf } from '../case';
import type { CorpusContext } from './context';

const PDF = Buffer.from('%PDF-1.4\n% corpus\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('corpus'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('corpus')]);
const MIB = 1024 * 1024;

/**
 * Uploads that lie about their type (by content-type, by name), are of a type not taken, empty, too large
 * (stated, sent, chunked), sent by someone who may not upload; reads of someone else's file.
 */
export const uploads = (ctx: CorpusContext) => {
  const as = (token: string | undefined, body: Buffer | string, headers: Record<string, string> = {}) => ({
    path: '/materials',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
  const me = ctx.tokens.applicant!;
  const notAllowed = { status: 415, code: 'MATERIAL_TYPE_NOT_ALLOWED' };
  const mismatch = { status: 415, code: 'MATERIAL_TYPE_MISMATCH' };
  const tooLarge = { status: 413, code: 'MATERIAL_TOO_LARGE' };
  return casesOf('uploads', [
    {
      name: 'HTML sent as a PDF',
      ...as(me, '<html><script>alert(1)</script></html>', { 'content-type': 'application/pdf' }),
      expect: notAllowed,
    },
    {
      name: 'an SVG with a script',
      ...as(me, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', {
        'content-type': 'image/svg+xml',
      }),
      expect: notAllowed,
    },
    {
      name: 'a Windows executable named .pdf',
      ...as(me, Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), { 'x-material-name': 'scan.pdf' }),
      expect: notAllowed,
    },
    {
      name: 'a ZIP named .jpg',
      ...as(me, Buffer.from('PK\x03\x04corpus'), {
        'content-type': 'image/jpeg',
        'x-material-name': 'photo.jpg',
      }),
      expect: notAllowed,
    },
    { name: 'a PDF said to be a PNG', ...as(me, PDF, { 'content-type': 'image/png' }), expect: mismatch },
    { name: 'a PNG said to be a JPEG', ...as(me, PNG, { 'content-type': 'image/jpeg' }), expect: mismatch },
    {
      name: 'a JPEG said to be a PDF',
      ...as(me, JPEG, { 'content-type': 'application/pdf' }),
      expect: mismatch,
    },
    {
      name: 'a PDF header after a BOM',
      ...as(me, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), PDF])),
      expect: notAllowed,
    },
    {
      name: 'an empty body',
      ...as(me, '', { 'content-type': 'application/pdf' }),
      expect: { status: 400, code: 'MATERIAL_EMPTY' },
    },
    {
      name: 'a content-type that is not a media type',
      ...as(me, PDF, { 'content-type': ';;;' }),
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    { name: '11 MiB of PDF', ...as(me, Buffer.concat([PDF, Buffer.alloc(11 * MIB)])), expect: tooLarge },
    {
      name: 'a stated length of 1 GiB',
      ...as(me, PDF, { 'content-length': String(1024 * MIB) }),
      expect: tooLarge,
    },
    {
      name: '11 MiB, chunked',
      ...as(me, Buffer.concat([PDF, Buffer.alloc(11 * MIB)]), { 'transfer-encoding': 'chunked' }),
      expect: tooLarge,
    },
    { name: 'without a token', ...as(undefined, PDF), expect: { status: 401, code: 'UNAUTHENTICATED' } },
    {
      name: 'by window staff',
      ...as(ctx.tokens['window-staff'], PDF),
      expect: { status: 403, code: 'FORBIDDEN' },
    },
    {
      name: 'by department staff',
      ...as(ctx.tokens['staff-tax'], PDF),
      expect: { status: 403, code: 'FORBIDDEN' },
    },
    {
      name: 'reading someone else’s upload',
      method: 'GET',
      path: `/materials/${ctx.otherUploadId}`,
      headers: { authorization: `Bearer ${me}` },
      expect: { status: 404, code: 'MATERIAL_NOT_FOUND' },
    },
    {
      name: 'reading an upload by a path',
      method: 'GET',
      path: '/materials/..%2F..%2Fetc%2Fpasswd',
      headers: { authorization: `Bearer ${me}` },
      expect: { status: 404, code: 'MATERIAL_NOT_FOUND' },
    },
    {
      name: 'reading an upload by SQL',
      method: 'GET',
      path: `/materials/${encodeURIComponent("x' OR '1'='1")}`,
      headers: { authorization: `Bearer ${me}` },
      expect: { status: 404, code: 'MATERIAL_NOT_FOUND' },
    },
    {
      name: 'reading an upload by a NUL byte',
      method: 'GET',
      path: '/materials/%00',
      headers: { authorization: `Bearer ${me}` },
      expect: { status: 404, code: 'MATERIAL_NOT_FOUND' },
    },
  ]);
};
