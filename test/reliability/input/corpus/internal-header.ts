import { randomBytes } from 'node:crypto';
import { generateIdentityKey } from '@onething/runtime/identity';
import { DEPARTMENT_KEYS, perDepartment } from '@onething/schema/departments';
import { casesOf, type Target } from '../case';
import { eddsa, epoch, hs256, unsigned } from '../forge';
import type { CorpusContext } from './context';

const SUBGRAPHS = [...DEPARTMENT_KEYS, 'hall'] as const;
const QUERY: Record<(typeof SUBGRAPHS)[number], string> = {
  ...perDepartment((d) => `{ ${d.fieldPrefix}Items { code } }`),
  hall: '{ auditRecords { id subjectIdNumber } }',
};
const unauthenticated = { status: 401, code: 'UNAUTHENTICATED' };

/**
 * Calls straight to the subgraphs, around the gateway: without the internal identity header, with one
 * forged (garbage, a shared secret naming the gateway's key id, another private key, the user's own JWT,
 * alg none), and — signed with the gateway's real key, as only a stolen key would allow — expired, for
 * another issuer or audience, carrying no identity or a malformed one. Each claims window staff, who may
 * read every audit record.
 */
export const internalHeader = (ctx: CorpusContext) => {
  const staff = { subject: 'attacker', role: 'window-staff', enterprises: [], departments: [] };
  const valid = {
    iss: 'onething-gateway',
    aud: 'onething-subgraphs',
    iat: epoch(),
    exp: epoch(60),
    idt: staff,
  };
  const wrongSecret = randomBytes(32).toString('base64url');
  const kid = ctx.identityKey.kid;
  const otherKey = generateIdentityKey().key.privateKey;
  const real = (claims: Record<string, unknown>) => eddsa(ctx.identityKey.privateKey, claims, { kid });
  const call = (subgraph: (typeof SUBGRAPHS)[number], header?: string, path = '/graphql') => ({
    to: { service: 'subgraph', subgraph } as Target,
    path,
    headers: {
      'content-type': 'application/json',
      ...(header === undefined ? {} : { 'x-onething-identity': header }),
    },
    body: JSON.stringify({ query: QUERY[subgraph] }),
  });
  return casesOf('internal-header', [
    ...SUBGRAPHS.flatMap((sg) => [
      { name: `${sg}: no header`, ...call(sg), expect: unauthenticated },
      { name: `${sg}: a garbage header`, ...call(sg, 'forged.header.value'), expect: unauthenticated },
      {
        name: `${sg}: signed with a shared secret (HS256), naming the gateway's key id`,
        ...call(sg, hs256(wrongSecret, valid, { kid })),
        expect: unauthenticated,
      },
      {
        name: `${sg}: signed with another private key, naming the gateway's key id`,
        ...call(sg, eddsa(otherKey, valid, { kid })),
        expect: unauthenticated,
      },
    ]),
    {
      name: 'hall: the user’s own JWT as the header',
      ...call('hall', ctx.tokens['window-staff']),
      expect: unauthenticated,
    },
    { name: 'hall: alg none', ...call('hall', unsigned(valid)), expect: unauthenticated },
    {
      name: 'hall: the real key, expired',
      ...call('hall', real({ ...valid, iat: epoch(-120), exp: epoch(-60) })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real key, another issuer',
      ...call('hall', real({ ...valid, iss: 'attacker' })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real key, another audience',
      ...call('hall', real({ ...valid, aud: 'onething-gateway' })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real key, no identity in it',
      ...call('hall', real({ ...valid, idt: undefined })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real key, a malformed identity (enterprises not a list)',
      ...call('hall', real({ ...valid, idt: { ...staff, enterprises: 'notalist' } })),
      expect: unauthenticated,
    },
    {
      name: 'tax: /graphql spelled %67raphql, no header',
      ...call('tax', undefined, '/%67raphql'),
      expect: unauthenticated,
    },
    {
      name: 'hall: /graphql spelled %67raphql, garbage header',
      ...call('hall', 'x', '/%67raphql'),
      expect: unauthenticated,
    },
    {
      name: 'hall: a material read without a header',
      to: { service: 'subgraph', subgraph: 'hall' },
      method: 'GET',
      path: `/materials/${ctx.otherUploadId}`,
      headers: {},
      expect: unauthenticated,
    },
    {
      name: 'hall: a material read spelled %6Daterials, without a header',
      to: { service: 'subgraph', subgraph: 'hall' },
      method: 'GET',
      path: `/%6Daterials/${ctx.otherUploadId}`,
      headers: {},
      expect: unauthenticated,
    },
    {
      name: 'hall: an upload without a header',
      to: { service: 'subgraph', subgraph: 'hall' },
      path: '/materials',
      headers: { 'content-type': 'application/pdf' },
      body: '%PDF-1.4 corpus',
      expect: unauthenticated,
    },
  ]);
};
