import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentDocumentKey, verifyDocumentText } from '@onething/runtime/documents';
import { describe, expect, it } from 'vitest';
import { type CaseRules, CaseStore } from './cases';
import { SimClock } from './clock';
import { DocumentOffice, issuingAuthority } from './documents';
import type { PublishedItem } from './items';

const HOUR = 3_600_000;
const item = (code: string, materials: string[]): PublishedItem =>
  ({
    department: 'realestate',
    code,
    name: { zh: '转移登记', en: 'Transfer' },
    materials: [],
    fields: [],
    result: {
      name: { zh: '不动产权证书', en: 'Real-estate ownership certificate' },
      kind: 'certificate',
      materials,
      values: [],
    },
  }) as unknown as PublishedItem;

const rules: CaseRules = {
  decide: (s) =>
    s.itemCode === 'RE-TRANSFER'
      ? { outcome: 'approved', result: { 'property-certificate': '浙(2026)湖州市不动产权第0000001号' } }
      : { outcome: 'approved' },
  schedule: () => ({ reviewAfterMs: HOUR, decideAfterMs: 4 * HOUR }),
  caseNumber: (seq) => `C${seq}`,
};

function office() {
  const clock = new SimClock(Date.parse('2026-07-01T02:00:00Z'), 0);
  const cases = new CaseStore(clock, rules);
  const documents = new DocumentOffice({
    department: 'realestate',
    cases,
    items: [item('RE-TRANSFER', ['property-certificate']), item('RE-RECORD-QUERY', [])],
  });
  const submit = (itemCode: string) =>
    cases.submit({
      itemCode,
      requestRef: `r-${itemCode}`,
      applicantId: '330502199001011237',
      fields: { 'applicant.name': '王伟', 'property.unitCode': '330502001001GB00001F00010001' },
      materials: [],
    });
  return { clock, cases, documents, submit };
}

describe('issued documents (电子证照)', () => {
  it('finds a document by its number drawing no other, and a number nobody issued drawing none', async () => {
    const { clock, documents, submit } = office();
    const first = submit('RE-TRANSFER');
    submit('RE-RECORD-QUERY');
    clock.advance(5 * HOUR);
    expect(await documents.byNumber('浙(2026)湖州市不动产权第9999999号')).toBeUndefined();
    expect(documents.drawn).toBe(0);
    const found = await documents.byNumber('浙(2026)湖州市不动产权第0000001号');
    expect(found?.caseNumber).toBe(first.caseNumber);
    expect(documents.drawn).toBe(1);
  });

  it('are issued exactly when the case is approved, one per result material', async () => {
    const { clock, documents, submit } = office();
    const c = submit('RE-TRANSFER');
    expect(await documents.ofCase('C404')).toBe('no-case');
    expect(await documents.ofCase(c.caseNumber)).toBe('not-issued');
    clock.advance(4 * HOUR);
    const docs = await documents.ofCase(c.caseNumber);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      number: '浙(2026)湖州市不动产权第0000001号',
      materialId: 'property-certificate',
      name: { zh: '不动产权证书' },
      kind: 'certificate',
      holderIdNumber: '330502199001011237',
      holderName: '王伟',
      subject: '330502001001GB00001F00010001',
      issuer: '湖州市自然资源和规划局',
      issuedAt: Date.parse('2026-07-01T06:00:00Z'),
      contentType: 'application/pdf',
    });
  });

  it('answers an approved case whose item issues no document with none', async () => {
    const { clock, documents, submit } = office();
    const c = submit('RE-RECORD-QUERY');
    clock.advance(4 * HOUR);
    expect(await documents.ofCase(c.caseNumber)).toEqual([]);
  });

  it('draws a PDF once, with the number in its text, the same bytes each time', async () => {
    const { clock, documents, submit } = office();
    const c = submit('RE-TRANSFER');
    clock.advance(4 * HOUR);
    const [doc] = (await documents.ofCase(c.caseNumber)) as Exclude<
      Awaited<ReturnType<typeof documents.ofCase>>,
      string
    >;
    expect(doc!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await documents.byNumber(doc!.number))?.content).toBe(doc!.content);
    const other = office();
    const again = other.submit('RE-TRANSFER');
    other.clock.advance(4 * HOUR);
    const [same] = (await other.documents.ofCase(again.caseNumber)) as (typeof doc)[];
    expect(same!.sha256).toBe(doc!.sha256);
    const file = join(mkdtempSync(join(tmpdir(), 'doc-')), 'doc.pdf');
    writeFileSync(file, doc!.content);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain(doc!.number);
    expect(text).toContain('湖州市自然资源和规划局');
    expect(text).toContain('2026-07-01');
  });

  it('signs with the department key, or a forger’s when told to', () => {
    const { documents } = office();
    const pub = createPublicKey(developmentDocumentKey('realestate'));
    const good = documents.sign('text');
    expect(good.algorithm).toBe('Ed25519');
    expect(verifyDocumentText(pub, 'text', good.value)).toBe(true);
    expect(verifyDocumentText(pub, 'other text', good.value)).toBe(false);
    documents.forgeSignatures = true;
    const forged = documents.sign('text');
    expect(forged.keyId).toBe(good.keyId);
    expect(verifyDocumentText(pub, 'text', forged.value)).toBe(false);
  });

  it('names each department’s authority at the place of the case', () => {
    expect(issuingAuthority('tax', '330502')).toBe('国家税务总局湖州市吴兴区税务局');
    expect(issuingAuthority('fund', '510104')).toBe('成都市住房公积金管理中心');
    expect(issuingAuthority('market', '999999')).toBe('湖州市吴兴区市场监督管理局');
  });
});
