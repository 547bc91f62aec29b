import { composeSupergraph } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import { joinGraphUrls, materialsUrl, uploadFor } from './materials-proxy';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

describe('joinGraphUrls', () => {
  it('reads each subgraph’s URL from the supergraph’s @join__graph', () => {
    const sdl = composeSupergraph([
      { name: 'hall', typeDefs: `${link} type Query { ok: Boolean }`, url: 'http://10.0.0.4:4001/graphql' },
      { name: 'tax', typeDefs: `${link} type Query { tax: Int }`, url: 'https://tax.example.gov.cn/graphql' },
    ]).supergraphSdl;
    expect(joinGraphUrls(sdl)).toEqual(
      new Map([
        ['hall', 'http://10.0.0.4:4001/graphql'],
        ['tax', 'https://tax.example.gov.cn/graphql'],
      ]),
    );
  });
});

describe('materialsUrl', () => {
  it('puts the materials path where /graphql was, keeping a prefix a reverse proxy adds', () => {
    expect(materialsUrl('http://10.0.0.4:4001/graphql', '/materials')).toBe('http://10.0.0.4:4001/materials');
    expect(materialsUrl('https://gw.example.gov.cn/hall/graphql?x=1', '/materials/abc')).toBe(
      'https://gw.example.gov.cn/hall/materials/abc',
    );
    expect(materialsUrl('http://hall:4001', '/materials')).toBe('http://hall:4001/materials');
  });

  it('passes on, of an upload’s query, only whom it is for (a window visit or a delegation)', () => {
    const query = uploadFor('/materials?visitId=v-1&x=2&delegationId=d-1');
    expect(materialsUrl('http://hall:4001/graphql', '/materials', query)).toBe(
      'http://hall:4001/materials?visitId=v-1&delegationId=d-1',
    );
    expect(materialsUrl('http://hall:4001/graphql', '/materials', uploadFor('/materials?x=1'))).toBe(
      'http://hall:4001/materials',
    );
  });
});
