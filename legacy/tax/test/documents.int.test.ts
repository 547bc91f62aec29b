import { createHash, createPublicKey, verify } from 'node:crypto';
import { developmentDocumentKey } from '@onething/runtime/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxSignedText } from '../src/wire-documents';
import { deedTaxBody, enterpriseBody, KEY, personsByArrears, rid, startTax } from './support';

let t: Awaited<ReturnType<typeof startTax>>;
beforeAll(async () => {
  t = await startTax();
});
afterAll(() => t.s.close());

const submit = async (body: unknown) => {
  const a = await t.api('POST', '/cases', { body, headers: { 'x-request-id': rid('doc') } });
  expect(a.code).toBe('0000');
  return a.data.case_no as string;
};

describe('issued documents (电子证照)', () => {
  it('lists none for an unknown case (3003) or one not approved (3006), and counts the reads', async () => {
    const { clear } = personsByArrears(t.population);
    const caseNo = await submit(deedTaxBody(clear[0]!, t.population.properties[0]!));
    expect((await t.api('GET', '/cases/SW00000000000000/documents')).code).toBe('3003');
    expect((await t.api('GET', `/cases/${caseNo}/documents`)).code).toBe('3006');
    expect((await t.admin.counts()).byOp['documents.list']).toBeGreaterThanOrEqual(2);
  });

  it('lists an approved case’s receipt, signed over the protocol’s text, its file matching', async () => {
    const { clear } = personsByArrears(t.population);
    const buyer = clear[1]!;
    const property = t.population.properties[1]!;
    const caseNo = await submit(deedTaxBody(buyer, property));
    await t.admin.decide(caseNo, { outcome: 'approved', result: { 'deed-tax-receipt': 'SWPZ-TEST-0001' } });
    const listed = await t.api('GET', `/cases/${caseNo}/documents`);
    expect(listed.code).toBe('0000');
    const [doc] = listed.data.documents;
    expect(doc).toMatchObject({
      doc_no: 'SWPZ-TEST-0001',
      material_id: 'deed_tax_receipt',
      doc_name: '契税完税凭证',
      doc_kind: 'receipt',
      holder_id_number: buyer.idNumber,
      holder_name: buyer.name,
      subject: property.unitCode,
      content_type: 'application/pdf',
      sign_alg: 'Ed25519',
    });
    expect(doc.issuing_authority).toMatch(/^国家税务总局.+税务局$/);
    const pub = createPublicKey(developmentDocumentKey('tax'));
    expect(verify(null, Buffer.from(taxSignedText(doc)), pub, Buffer.from(doc.signature, 'base64'))).toBe(
      true,
    );

    const file = await fetch(`${t.s.url}/api/v1/documents/SWPZ-TEST-0001/file`, {
      headers: { 'x-api-key': KEY },
    });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.file_sha256);
    expect((await t.admin.counts()).byOp['documents.file']).toBeGreaterThanOrEqual(1);
  });

  it('answers an approved case whose item issues no document with an empty list', async () => {
    const e = t.population.enterprises.find((x) => x.status === 'active')!;
    const rep = t.population.persons.find((p) => p.idNumber === e.legalRepIdNumber)!;
    const caseNo = await submit(
      enterpriseBody('TAX-INVOICE', rep, e.uscc, e.name, {
        tax_invoice_type: 'digital',
        tax_invoice_monthly_quantity: 25,
      }),
    );
    await t.admin.decide(caseNo, { outcome: 'approved' });
    expect((await t.api('GET', `/cases/${caseNo}/documents`)).data).toEqual({ documents: [] });
  });

  it('answers 3006 for a file never issued, and its own server error under a fault', async () => {
    expect((await t.api('GET', '/documents/NO-SUCH-DOC/file')).code).toBe('3006');
    await t.admin.setFaults({ failNext: 1, onlyOps: ['documents.file'] });
    const failed = await t.api('GET', '/documents/NO-SUCH-DOC/file');
    expect([failed.status, failed.code]).toEqual([500, '9999']);
    await t.admin.clearFaults();
  });
});
