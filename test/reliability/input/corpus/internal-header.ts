import { randomBytes } from 'node:crypto';
import { casesOf, type Target } from '../case';
import { epoch, hs256, unsigned } from '../forge';
import type { CorpusContext } from './context';

const SUBGRAPHS = ['tax', 'market', 'realestate', 'fund', 'hall'] as const;
const QUERY: Record<(typeof SUBGRAPHS)[number], string> = {
  tax: '{ taxItems { code } }',
  market: '{ marketItems { code } }',
  realestate: '{ realEstateItems { code } }',
  fund: '{ fundItems { code } }',
  hall: '{ auditRecords { id subjectIdNumber } }',
};
const unauthenticated = { status: 401, code: 'UNAUTHENTICATED' };

/**
 * Calls straight to the subgraphs, around the gateway: without the internal identity header, with one
 * forged (garbage, another secret, the user's own JWT, alg none), and — signed with the real secret, as
 * only a leaked secret would allow — expired, for another issuer or audience, or carrying no identity.
 * Each claims window staff, who may read every audit record.
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
        name: `${sg}: signed with another secret`,
        ...call(sg, hs256(wrongSecret, valid)),
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
      name: 'hall: the real secret, expired',
      ...call('hall', hs256(ctx.identitySecret, { ...valid, iat: epoch(-120), exp: epoch(-60) })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real secret, another issuer',
      ...call('hall', hs256(ctx.identitySecret, { ...valid, iss: 'attacker' })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real secret, another audience',
      ...call('hall', hs256(ctx.identitySecret, { ...valid, aud: 'onething-gateway' })),
      expect: unauthenticated,
    },
    {
      name: 'hall: the real secret, no identity in it',
      ...call('hall', hs256(ctx.identitySecret, { ...valid, idt: undefined })),
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
