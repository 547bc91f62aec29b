import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmSale, houseTransferValues as formValues } from '../../scripts/house-transfer-form';
import {
  application,
  buyerToken,
  completeHouseTransfers,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  population,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * 统一出件 and 我的证照 on the whole stack: a house transfer ends with the documents its departments issued
 * (the new property certificate among them) kept by the hall, listed in the buyer's documents and
 * downloadable as the PDF each department signed, by its holder and the application's readers only; when
 * the buyer later sells the home, the second transfer's cases are sent the certificate by its number
 * (免提交) instead of the registry's say-so.
 */

const DOCUMENT = `id number materialId name { zh en } kind department issuer issuedAt holderIdNumber holderName
  subject applicationId itemCode caseNumber contentType size sha256 downloadPath signature { algorithm keyId signedText value }`;

interface DocumentView {
  id: string;
  number: string;
  materialId: string;
  name: { zh: string; en: string };
  kind: string;
  department: string;
  holderIdNumber: string;
  subject: string | null;
  applicationId: string;
  itemCode: string;
  contentType: string;
  size: number;
  sha256: string;
  downloadPath: string;
  signature: { algorithm: string; keyId: string; signedText: string; value: string };
}

describe('documents departments issue (我的证照)', () => {
  let s: TestStack;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
  });
  afterAll(async () => {
    await s?.stop();
  });

  const myDocuments = async (token: string) => {
    const r = await s.gql<{ myDocuments: DocumentView[] }>(
      `query { myDocuments { ${DOCUMENT} } }`,
      {},
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.myDocuments;
  };
  const download = (path: string, token?: string) =>
    fetch(`${s.gatewayUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  /** A house transfer handed in and taken through to every part approved. */
  async function completedTransfer(token: string, values: { key: string; value: string }[]) {
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values,
      materials: await houseTransferMaterials(s, token),
    });
    const [done] = await completeHouseTransfers(s, [{ token, id: submitted.id }]);
    return done!;
  }

  it('keeps the property certificate a transfer issued, downloadable as signed, and counts it as held when the home is sold on', async () => {
    const first = parties(150);
    const buyer = await buyerToken(s, first);
    const done = await completedTransfer(
      buyer,
      houseTransferValues(first.buyer.idNumber, first.seller.idNumber),
    );
    const transfer = done.parts.find((p) => p.itemCode === 'RE-TRANSFER')!;
    const certificateNumber = transfer.result.find((r) => r.key === 'property-certificate')!.value;
    const unitCode = houseTransferValues(first.buyer.idNumber, first.seller.idNumber).find(
      (v) => v.key === 'property.unitCode',
    )!.value;

    // The documents job runs after the approval: the buyer's documents fill in.
    const documents = await eventually(
      () => myDocuments(buyer),
      (ds) => ds.some((d) => d.materialId === 'property-certificate'),
      'the property certificate kept',
    );
    const certificate = documents.find((d) => d.materialId === 'property-certificate')!;
    expect(certificate).toMatchObject({
      number: certificateNumber,
      kind: 'certificate',
      department: 'REALESTATE',
      holderIdNumber: first.buyer.idNumber,
      subject: unitCode,
      applicationId: done.id,
      itemCode: 'RE-TRANSFER',
      contentType: 'application/pdf',
      downloadPath: `/papers/documents/${certificate.id}.pdf`,
    });
    expect(certificate.name.zh).toBe('不动产权证书');
    expect(certificate.signature.algorithm).toBe('Ed25519');
    expect(certificate.signature.signedText).toContain(certificateNumber);
    // The deed tax receipt is the buyer's too; every document of the application is on its page.
    expect(documents.map((d) => d.materialId)).toContain('deed-tax-receipt');
    const onPage = await s.gql<{ application: { documents: { number: string }[] } }>(
      'query A($id: ID!) { application(id: $id) { documents { number } } }',
      { id: done.id },
      buyer,
    );
    expect(onPage.data!.application.documents.map((d) => d.number)).toEqual(
      expect.arrayContaining(documents.filter((d) => d.applicationId === done.id).map((d) => d.number)),
    );

    // The file is the one the registry signed for, and says what the metadata says.
    const res = await download(certificate.downloadPath, buyer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(certificate.sha256);
    expect(res.headers.get('x-document-sha256')).toBe(certificate.sha256);
    const text = execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString();
    expect(text.replace(/\s+/g, '')).toContain(certificateNumber.replace(/\s+/g, ''));

    // Its holder and the application's readers may download it; the seller, anyone else and no token not.
    expect((await download(certificate.downloadPath, await s.token('staff-realestate'))).status).toBe(200);
    const seller = await s.customToken({
      role: 'applicant',
      id_number: first.seller.idNumber,
      name: first.seller.name,
    });
    expect((await download(certificate.downloadPath, seller)).status).toBe(404);
    expect((await download(certificate.downloadPath, await s.token('staff-market'))).status).toBe(404);
    // A department's staff hold their own department's documents only: the tax office reads the
    // application, not the registry's certificate.
    const taxStaff = await s.token('staff-tax');
    expect((await download(certificate.downloadPath, taxStaff)).status).toBe(404);
    const asTax = await s.gql<{ application: { documents: { department: string }[] } }>(
      'query A($id: ID!) { application(id: $id) { documents { department } } }',
      { id: done.id },
      taxStaff,
    );
    expect(asTax.errors, JSON.stringify(asTax.errors)).toBeUndefined();
    expect(asTax.data!.application.documents.map((d) => d.department)).toEqual(['TAX']);
    expect((await download(certificate.downloadPath)).status).toBe(401);
    expect(await myDocuments(seller)).not.toContainEqual(expect.objectContaining({ id: certificate.id }));

    // The buyer sells the home on: the second transfer's deed tax case is sent the certificate by number.
    const next = parties(151);
    const buyerPerson = population.persons.find((p) => p.idNumber === first.buyer.idNumber)!;
    const confirmation = await confirmSale(s.gatewayUrl, buyer, unitCode, next.buyer.idNumber);
    const secondBuyer = await s.customToken({
      role: 'applicant',
      id_number: next.buyer.idNumber,
      name: next.buyer.name,
    });
    const firstValues = new Map(
      houseTransferValues(first.buyer.idNumber, first.seller.idNumber).map((v) => [v.key, v.value]),
    );
    const second = await submit(s, secondBuyer, {
      bundleCode: 'HOUSE-TRANSFER',
      values: formValues(population, next.buyer.idNumber, next.seller.idNumber, {
        'seller.idNumber': first.buyer.idNumber,
        'seller.name': buyerPerson.name,
        'seller.confirmation': confirmation,
        'property.unitCode': unitCode,
        'property.address': firstValues.get('property.address')!,
        'property.area': firstValues.get('property.area')!,
        'property.use': firstValues.get('property.use')!,
        'property.certificateNumber': certificateNumber,
      }),
      materials: await houseTransferMaterials(s, secondBuyer),
    });
    const deedTax = await eventually(
      () => application(s, secondBuyer, second.id),
      (a) => a.parts.some((p) => p.itemCode === 'TAX-DEED-TAX' && p.caseNumber),
      'the second deed tax case made',
      60_000,
    );
    const caseNumber = deedTax.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.caseNumber!;
    const atTax = await s.admin('tax').case(caseNumber);
    expect(atTax.materialRefs['property-certificate']).toBe(`document:${certificateNumber}`);
    // The first transfer's deed tax case, before any certificate was issued in the hall, named the registry.
    const firstDeedTax = done.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.caseNumber!;
    expect((await s.admin('tax').case(firstDeedTax)).materialRefs['property-certificate']).toBe(
      'held-by:realestate',
    );
  });
});
