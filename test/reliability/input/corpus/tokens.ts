import { generateKeyPairSync } from 'node:crypto';
import { casesOf, graphql } from '../case';
import { epoch, rs256, unsigned } from '../forge';
import type { CorpusContext } from './context';

const ME = '{ me { idNumber } }';
const unauthenticated = { status: 401, code: 'UNAUTHENTICATED' };

/**
 * Tokens that must not get in: malformed, unsigned, signed by another key, tampered with, expired or not
 * yet valid, for another issuer or audience, without an expiry, claiming a role that does not exist or an
 * applicant without a valid ID number, acting for someone without being a service — at /graphql and at
 * /materials. The well-formed ones are signed with the identity provider's own key: only the claim is wrong.
 */
export const tokens = (ctx: CorpusContext) => {
  const { privateKey, kid } = ctx.providerKey;
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const claims = (over: Record<string, unknown> = {}) => ({
    sub: 'attacker',
    role: 'window-staff',
    name: '攻击者',
    iss: ctx.issuer,
    aud: ctx.audience,
    iat: epoch(),
    exp: epoch(3600),
    ...over,
  });
  const signed = (over: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
    rs256(privateKey, { kid, ...header }, claims(over));
  const [h, p] = ctx.tokens.citizen.split('.');
  const bearer = (token: string) => ({ ...graphql(ME, {}, token) });
  const withAuthorization = (authorization: string) => ({
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: ME }),
  });
  const material = (token: string) => ({
    path: '/materials',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: '%PDF-1.4 corpus',
  });
  const tamperedRole = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'window-staff' })).toString('base64url')}.${ctx.tokens.citizen.split('.')[2]}`;
  return casesOf('tokens', [
    { name: 'Basic credentials', ...withAuthorization('Basic YWRtaW46YWRtaW4='), expect: unauthenticated },
    { name: '"Bearer" and nothing', ...withAuthorization('Bearer '), expect: unauthenticated },
    {
      name: 'two tokens',
      ...withAuthorization(`Bearer ${ctx.tokens.citizen} ${ctx.tokens['window-staff']}`),
      expect: unauthenticated,
    },
    { name: 'not a JWT', ...bearer('not-a-token'), expect: unauthenticated },
    { name: 'a JWT of 6 000 characters', ...bearer(`${h}.${'A'.repeat(6000)}.x`), expect: unauthenticated },
    { name: 'alg none, unsigned', ...bearer(unsigned(claims())), expect: unauthenticated },
    { name: 'the signature cut off', ...bearer(`${h}.${p}.`), expect: unauthenticated },
    {
      name: 'a payload changed under its signature (role)',
      ...bearer(tamperedRole),
      expect: unauthenticated,
    },
    {
      name: 'signed by another key, with the provider’s kid',
      ...bearer(rs256(other, { kid }, claims())),
      expect: unauthenticated,
    },
    {
      name: 'signed by another key, with a kid of its own',
      ...bearer(rs256(other, { kid: 'attacker-key' }, claims())),
      expect: unauthenticated,
    },
    {
      name: 'signed by another key, pointing jku at it',
      ...bearer(rs256(other, { kid: 'k', jku: 'http://attacker.example/jwks.json' }, claims())),
      expect: unauthenticated,
    },
    {
      name: 'HS256 (key confusion)',
      ...bearer(
        `${Buffer.from(JSON.stringify({ alg: 'HS256', kid })).toString('base64url')}.${p}.${'x'.repeat(43)}`,
      ),
      expect: unauthenticated,
    },
    {
      name: 'a critical header it cannot understand',
      ...bearer(signed({}, { crit: ['urn:x'], 'urn:x': 1 })),
      expect: unauthenticated,
    },
    {
      name: 'expired an hour ago',
      ...bearer(signed({ iat: epoch(-7200), exp: epoch(-3600) })),
      expect: unauthenticated,
    },
    { name: 'not valid for an hour yet', ...bearer(signed({ nbf: epoch(3600) })), expect: unauthenticated },
    { name: 'without an expiry', ...bearer(signed({ exp: undefined })), expect: unauthenticated },
    {
      name: 'from another issuer',
      ...bearer(signed({ iss: 'https://idp.attacker.example' })),
      expect: unauthenticated,
    },
    { name: 'for another audience', ...bearer(signed({ aud: 'another-service' })), expect: unauthenticated },
    { name: 'a role that does not exist', ...bearer(signed({ role: 'admin' })), expect: unauthenticated },
    {
      name: 'an applicant without an ID number',
      ...bearer(signed({ role: 'applicant' })),
      expect: unauthenticated,
    },
    {
      name: 'an applicant whose ID number is not one',
      ...bearer(signed({ role: 'applicant', id_number: "' OR '1'='1" })),
      expect: unauthenticated,
    },
    {
      name: 'an applicant acting for someone else',
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ctx.tokens.citizen}`,
        'x-onething-acting-for': '11010519491231002X',
      },
      body: JSON.stringify({ query: ME }),
      expect: unauthenticated,
    },
    {
      name: 'materials: an expired token',
      ...material(signed({ role: 'applicant', id_number: '11010519491231002X', exp: epoch(-60) })),
      expect: unauthenticated,
    },
    { name: 'materials: a tampered token', ...material(tamperedRole), expect: unauthenticated },
    {
      name: 'a token in the URL is not read: the request is anonymous',
      path: `/graphql?access_token=${ctx.tokens.citizen}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ myApplications { id } }' }),
      expect: { status: 200, code: 'FORBIDDEN' },
    },
  ]);
};
