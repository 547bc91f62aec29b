import { fileURLToPath } from 'node:url';
import { createLogger } from '@onething/runtime';
import {
  generateIdentityKey,
  IDENTITY_HEADER,
  type Identity,
  identityKeySet,
  jwksOf,
  signIdentity,
} from '@onething/runtime/identity';
import { hallSubgraphSdl } from '@onething/schema';
import { createSubgraphServer, type Subgraph, subgraphMetrics } from '@onething/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../scripts/bundle-figures';
import { readBundleFiles } from '../src/catalogue/definition';
import { deriveOneForm } from '../src/catalogue/one-form';
import { auditNamesOf } from '../src/consent/audit-names';
import { auditResolvers } from '../src/consent/audit-resolvers';
import { AuditTrail, type NewAuditRecord } from '../src/consent/audit-trail';
import { type Database, openDatabase } from '../src/platform/database';

const { key } = generateIdentityKey();
const log = createLogger('audit-test', process.env.TEST_LOG ?? 'silent');
const catalogue = catalogueFromItemFiles();
const { bundles } = readBundleFiles(fileURLToPath(new URL('../bundles', import.meta.url)));
const names = auditNamesOf({
  bundle: (code) => bundles.find((b) => b.code === code),
  form: (bundle, options = []) => deriveOneForm(bundle, catalogue, options),
});

const owner = '11010519491231002X';
const stranger = '440524188001010014';
const applicant = (idNumber: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  idNumber,
  enterprises: [],
  departments: [],
});
const windowStaff: Identity = { subject: 'w-001', role: 'window-staff', enterprises: [], departments: [] };
const fundStaff: Identity = {
  subject: 'fund-001',
  role: 'department-staff',
  enterprises: [],
  departments: ['fund'],
};
const UNIT = '330502001001GB00001F00010001';

/** The owner's own prefill (3 departments) and a stranger's checks naming the owner's unit, interleaved. */
const OWN = 6;
const STRANGERS = 244;
const prefill = (department: string): NewAuditRecord => ({
  actorSubject: owner,
  actorRole: 'applicant',
  subjectIdNumber: owner,
  subjectUscc: null,
  department,
  fields: ['applicant.name'],
  bundleCode: 'HOUSE-TRANSFER',
  applicationId: null,
  purpose: { kind: 'prefill', about: null },
});
const check: NewAuditRecord = {
  actorSubject: stranger,
  actorRole: 'applicant',
  subjectIdNumber: owner,
  subjectUscc: null,
  department: 'realestate',
  fields: ['property.owners', 'property.certificateNumber', 'property.seized'],
  bundleCode: 'HOUSE-TRANSFER',
  applicationId: null,
  purpose: { kind: 'owners-check', about: UNIT },
};

interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions: { code: string; problems?: { path: string; rule: string }[] } }[];
}

describe('the audit trail, paged and filtered, with reads counted per reader', () => {
  let db: Database;
  let subgraph: Subgraph;
  let base: string;
  const gql = async <T = any>(identity: Identity, query: string, variables: object = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(identity, key) },
      body: JSON.stringify({ query, variables }),
    });
    return { text: '', ...((await res.json()) as Answer<T>) };
  };
  const PAGE = `query P($first: Int, $after: String, $filter: AuditFilter) {
    readsOfMyData(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id at actor actorRole department fields fieldLabels { zh en } purpose
        why { kind bundleCode bundleName { zh en } about text { zh en } }
        reader { id kind name { zh en } } } }
      readers { reader { id kind name { zh en } } count lastReadAt }
    }
  }`;

  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    const audit = new AuditTrail(db);
    // The owner prefills first, then the stranger's checks bury it, then the owner prefills again.
    await audit.record(['tax', 'realestate', 'fund'].map(prefill));
    for (let i = 0; i < STRANGERS; i += 61)
      await audit.record(Array(Math.min(61, STRANGERS - i)).fill(check));
    await audit.record(['tax', 'realestate', 'fund'].map(prefill));
    subgraph = createSubgraphServer({
      department: 'hall',
      sdl: hallSubgraphSdl(),
      resolvers: [auditResolvers({ audit, names })],
      identityKeys: identityKeySet(jwksOf([key])),
      loaders: () => ({}),
      log,
      host: '127.0.0.1',
      port: 0,
      metrics: subgraphMetrics('hall'),
      identityPaths: ['/graphql'],
    });
    base = await subgraph.listen();
  });
  afterAll(async () => {
    await subgraph?.close();
    await db?.destroy();
  });

  it('pages the whole trail by cursor, newest first, each record once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: any = await gql(applicant(owner), PAGE, { first: 100, after });
      expect(r.errors).toBeUndefined();
      const c = r.data.readsOfMyData;
      expect(c.totalCount).toBe(OWN + STRANGERS);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...c.edges.map((e: any) => e.node.id));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1).cursor);
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(OWN + STRANGERS);
    const first = (await gql(applicant(owner), PAGE, { first: 3 })).data.readsOfMyData;
    expect(first.edges.map((e: any) => e.node.reader.kind)).toEqual(['YOU', 'YOU', 'YOU']);
    const cursors = first.edges.map((e: any) => Number(e.cursor.replace('c1:', '')));
    expect([...cursors].sort((a, b) => b - a)).toEqual(cursors);
  });

  it('counts reads per reader and filters by reader and by purpose, never showing another applicant’s ID number', async () => {
    const r = await gql(applicant(owner), PAGE, { first: 5 });
    expect(JSON.stringify(r)).not.toContain(stranger);
    const readers = r.data.readsOfMyData.readers;
    expect(readers.map((x: any) => [x.reader.kind, x.reader.name.zh, x.count])).toEqual([
      ['APPLICANT', '其他申请人 1', STRANGERS],
      ['YOU', '您本人', OWN],
    ]);
    const you = readers.find((x: any) => x.reader.kind === 'YOU').reader.id;
    const mine = (await gql(applicant(owner), PAGE, { first: 100, filter: { reader: you } })).data
      .readsOfMyData;
    expect(mine.totalCount).toBe(OWN);
    expect(mine.edges.map((e: any) => e.node.department)).toEqual([
      'FUND',
      'REALESTATE',
      'TAX',
      'FUND',
      'REALESTATE',
      'TAX',
    ]);
    const checks = (await gql(applicant(owner), PAGE, { first: 1, filter: { purpose: 'OWNERS_CHECK' } })).data
      .readsOfMyData;
    expect(checks.totalCount).toBe(STRANGERS);
    expect(checks.edges[0].node).toMatchObject({
      actor: readers[0].reader.id,
      reader: readers[0].reader,
      why: { kind: 'OWNERS_CHECK', about: UNIT },
    });
  });

  it('says a purpose in each language with the bundle’s name, never its code', async () => {
    const node = (await gql(applicant(owner), PAGE, { first: 1 })).data.readsOfMyData.edges[0].node;
    expect(node.why).toEqual({
      kind: 'PREFILL',
      bundleCode: 'HOUSE-TRANSFER',
      bundleName: { zh: '二手房转移登记', en: expect.any(String) },
      about: null,
      text: { zh: '预填「二手房转移登记」申请表', en: `prefilling the form of “${node.why.bundleName.en}”` },
    });
    expect(JSON.stringify(node.why.text)).not.toContain('HOUSE-TRANSFER');
    expect(node.fieldLabels[0].zh).not.toBe('applicant.name');
  });

  it.each([
    ['first: 0', '{ readsOfMyData(first: 0) { totalCount } }', 'first', 100],
    ['first: 101', '{ readsOfMyData(first: 101) { totalCount } }', 'first', 100],
    ['whoReadMyData(limit: -1)', '{ whoReadMyData(limit: -1) { id } }', 'limit', 1000],
    ['whoReadMyData(limit: 1001)', '{ whoReadMyData(limit: 1001) { id } }', 'limit', 1000],
  ])(
    'refuses %s with one LIMIT_OUT_OF_RANGE naming the argument and its range',
    async (_, query, argument, max) => {
      const r = await gql(applicant(owner), query);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'LIMIT_OUT_OF_RANGE', argument, min: 1, max });
    },
  );

  it.each([
    ['a made-up cursor', '{ readsOfMyData(after: "c1:x") { totalCount } }', 'after', 'cursor.malformed'],
    [
      'an unknown reader',
      '{ readsOfMyData(filter: { reader: "r:99999" }) { totalCount } }',
      'filter.reader',
      'reader.unknown',
    ],
  ])('refuses %s with one INVALID_INPUT naming the argument', async (_, query, path, rule) => {
    const r = await gql(applicant(owner), query);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path, rule }] });
  });

  it('does not name a reader of someone else’s trail to an applicant', async () => {
    const theirs = (await gql(windowStaff, '{ auditTrail(first: 1) { edges { node { reader { id } } } } }'))
      .data.auditTrail.edges[0].node.reader.id;
    // The stranger's own trail is empty: the owner's reader id means nothing there.
    const r = await gql(
      applicant(stranger),
      `{ readsOfMyData(filter: { reader: "${theirs}" }) { totalCount } }`,
    );
    expect(r.errors?.[0]?.extensions.problems?.[0]?.rule).toBe('reader.unknown');
  });

  it('keeps the deprecated list and hides another applicant’s ID number there too', async () => {
    const r = await gql(applicant(owner), '{ whoReadMyData(limit: 1000) { actor reader { kind } purpose } }');
    expect(r.data.whoReadMyData).toHaveLength(OWN + STRANGERS);
    expect(JSON.stringify(r)).not.toContain(stranger);
    expect(r.data.whoReadMyData[0].purpose).toMatch(
      /^预填「二手房转移登记」申请表 \/ prefilling the form of/,
    );
  });

  it('pages the staff’s trail: window staff see every actor, department staff their department’s reads', async () => {
    const q = `query T($filter: AuditFilter) { auditTrail(first: 100, filter: $filter) {
      totalCount edges { node { actor department } } readers { reader { kind name { zh } } count } } }`;
    const all = (await gql(windowStaff, q, { filter: { subjectIdNumber: owner } })).data.auditTrail;
    expect(all.totalCount).toBe(OWN + STRANGERS);
    expect(all.readers[0]).toMatchObject({
      reader: { kind: 'APPLICANT', name: { zh: `申请人 ${stranger}` } },
    });
    const fund = (await gql(fundStaff, q)).data.auditTrail;
    expect(fund.totalCount).toBe(2);
    expect(fund.edges.map((e: any) => e.node.department)).toEqual(['FUND', 'FUND']);
    const refused = await gql(applicant(owner), q);
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('the migration of purposes to kinds', () => {
  it('turns the sentences the hall wrote into kinds, and keeps any other sentence', async () => {
    const { db } = await openDatabase({
      dataDir: 'memory://',
      migrateTo: '2026-11-22-002-applications-dispatch-uploads',
    });
    try {
      const row = (id: string, purpose: string) => ({
        id,
        at: new Date(),
        actor_subject: owner,
        actor_role: 'applicant',
        subject_id_number: owner,
        subject_uscc: null,
        department: 'realestate',
        fields: '[]',
        bundle_code: 'HOUSE-TRANSFER',
        application_id: null,
        purpose,
      });
      await (db as any)
        .insertInto('audit_records')
        .values([
          row('a', '预填「二手房转移登记」申请表 / prefill of the HOUSE-TRANSFER form'),
          row('b', `核验不动产 ${UNIT} 的权利人 / checking the owners of unit ${UNIT}`),
          row(
            'c',
            '核验企业 91330100716105852F 的法定代表人 / checking who represents enterprise 91330100716105852F',
          ),
          row('d', '人工核对 / checked by hand'),
        ])
        .execute();
      const { migrate } = await import('../src/platform/migrations');
      await migrate(db as any);
      const records = await new AuditTrail(db).about(owner, []);
      expect(records.map((r) => [r.id, r.purpose])).toEqual([
        ['d', { kind: 'other', about: null, text: '人工核对 / checked by hand' }],
        ['c', { kind: 'representative-check', about: '91330100716105852F', text: null }],
        ['b', { kind: 'owners-check', about: UNIT, text: null }],
        ['a', { kind: 'prefill', about: null, text: null }],
      ]);
    } finally {
      await db.destroy();
    }
  });
});
