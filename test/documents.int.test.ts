import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFundStandIn, fundSettings } from '@onething/legacy-fund';
import type { StandIn } from '@onething/legacy-kit';
import { createMarketStandIn, marketSettings } from '@onething/legacy-market';
import { createRealestateStandIn, realestateSettings } from '@onething/legacy-realestate';
import { createTaxStandIn, taxSettings } from '@onething/legacy-tax';
import { createLogger } from '@onething/runtime';
import { documentPublicKey, verifyDocumentText } from '@onething/runtime/documents';
import { developmentIdentityKeys, signIdentity } from '@onething/runtime/identity';
import { DEPARTMENT, type DepartmentKey } from '@onething/schema';
import { createFundSubgraph, fundSubgraphSettings } from '@onething/subgraph-fund';
import { createMarketSubgraph, marketSubgraphSettings } from '@onething/subgraph-market';
import { createRealestateSubgraph, realestateSubgraphSettings } from '@onething/subgraph-realestate';
import { createTaxSubgraph, taxSubgraphSettings } from '@onething/subgraph-tax';
import { afterAll, describe, expect, it } from 'vitest';

const log = createLogger('documents-test', 'silent');
const identity = developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'documents-identity-')));
const SYSTEM_ENV = { HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: '0', SEED_PERSONS: '500', CLOCK_SPEED: '0' };

/** Each department: its stand-in and subgraph, and an item whose approval issues a document. */
const DEPARTMENTS = {
  tax: {
    standIn: () => createTaxStandIn(taxSettings.load(SYSTEM_ENV), log),
    subgraph: (env: Record<string, string>) => createTaxSubgraph(taxSubgraphSettings.load(env), log),
    item: 'TAX-CLEARANCE',
    material: 'tax-clearance-certificate',
  },
  market: {
    standIn: () => createMarketStandIn(marketSettings.load(SYSTEM_ENV), log),
    subgraph: (env: Record<string, string>) => createMarketSubgraph(marketSubgraphSettings.load(env), log),
    item: 'MKT-CHANGE',
    material: 'change-notice',
  },
  realestate: {
    standIn: () => createRealestateStandIn(realestateSettings.load(SYSTEM_ENV), log),
    subgraph: (env: Record<string, string>) =>
      createRealestateSubgraph(realestateSubgraphSettings.load(env), log),
    item: 'RE-MORTGAGE',
    material: 'registration-certificate',
  },
  fund: {
    standIn: () => createFundStandIn(fundSettings.load(SYSTEM_ENV), log),
    subgraph: (env: Record<string, string>) => createFundSubgraph(fundSubgraphSettings.load(env), log),
    item: 'FUND-EMPLOYER-CLOSE',
    material: 'fund-closure-certificate',
  },
} as const;

describe.each(Object.keys(DEPARTMENTS) as DepartmentKey[])('%s subgraph: a case’s documents', (dept) => {
  const d = DEPARTMENTS[dept as keyof typeof DEPARTMENTS];
  let standIn: StandIn;
  let subgraph: ReturnType<typeof d.subgraph>;
  afterAll(async () => {
    await subgraph?.close();
    await standIn?.close();
  });

  const ask = async (query: string) => {
    const header = await signIdentity(
      { subject: `staff-${dept}`, role: 'department-staff', enterprises: [], departments: [dept] },
      identity.key,
    );
    const res = await subgraph.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', 'x-onething-identity': header },
      payload: JSON.stringify({ query }),
    });
    return res.json() as { data?: Record<string, any>; errors?: unknown[] };
  };
  const field = `${DEPARTMENT[dept].fieldPrefix}Case`;

  it('gives an approved case’s documents, verified, and reads no file for a case in review', async () => {
    standIn = d.standIn();
    await standIn.listen();
    subgraph = d.subgraph({
      INTERNAL_IDENTITY_JWKS_FILE: identity.jwksFile,
      SYSTEM_URL: standIn.url,
      PORT: '0',
    });
    const person = standIn.ctx.population.persons[3]!;
    const submit = () =>
      standIn.ctx.cases.submit({
        itemCode: d.item,
        requestRef: `documents-${dept}-${Math.random()}`,
        applicantId: person.idNumber,
        fields: { 'applicant.name': person.name },
        materials: [],
      });
    const pending = submit();
    const approved = submit();
    const number = `${dept.toUpperCase()}-SUBGRAPH-TEST-1`;
    standIn.ctx.cases.force(approved.caseNumber, { outcome: 'approved', result: { [d.material]: number } });
    standIn.ctx.requests.reset();

    const inReview = await ask(`{ ${field}(caseNumber: "${pending.caseNumber}") { status } }`);
    expect(inReview.errors).toBeUndefined();
    const none = await ask(`{ ${field}(caseNumber: "${pending.caseNumber}") { documents { number } } }`);
    expect(none.data?.[field].documents).toEqual([]);
    // Neither a status read nor the documents of a case not approved asked the system for documents.
    const ops = Object.keys(standIn.ctx.requests.snapshot().byOp);
    expect(ops.filter((op) => /doc|licence|certificate|zzcx/i.test(op))).toEqual([]);

    const answer = await ask(
      `{ ${field}(caseNumber: "${approved.caseNumber}") { documents { number materialId holderIdNumber sha256 content signature { algorithm signedText value } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const [doc] = answer.data![field].documents;
    expect(doc).toMatchObject({ number, materialId: d.material, holderIdNumber: person.idNumber });
    const bytes = Buffer.from(doc.content, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    expect(verifyDocumentText(documentPublicKey(dept), doc.signature.signedText, doc.signature.value)).toBe(
      true,
    );
  });
});
