import { createHash } from 'node:crypto';
import { documentPublicKey, verifyDocumentText } from '@onething/runtime/documents';
import { describe, expect, it } from 'vitest';
import type { DepartmentAdapter } from '../domain';
import { codeOf } from './common';
import type { AdapterContractSpec, DepartmentSystemUnderTest } from './types';

/**
 * The contract of the documents a department issues on approving a case (电子证照): the sample
 * submission's item must issue at least one. The kit approves the case through the system's control,
 * numbering each document itself, and checks what the adapter gives against what it knows.
 */
export function describeDocumentContract<A extends DepartmentAdapter, R>(
  spec: AdapterContractSpec<A, R>,
  h: { system(): DepartmentSystemUnderTest; adapter(): A; newKey(): string },
): void {
  let seq = 0;
  const approved = async () => {
    const sample = spec.submission.sample(h.newKey());
    const made = await h.adapter().submitCase(sample);
    const item = (await h.adapter().listItems()).find((i) => i.code === sample.itemCode);
    const materials = item?.result.materials ?? [];
    const numbers = Object.fromEntries(
      materials.map((m) => [m, `${spec.department.toUpperCase()}-CONTRACT-${process.pid}-${++seq}`]),
    );
    await h.system().control.decide(made.caseNumber, { outcome: 'approved', result: numbers });
    return { sample, made, numbers };
  };

  describe('issued documents (电子证照)', () => {
    it('issues none for a case not yet approved, and null for a case the system does not know', async () => {
      const made = await h.adapter().submitCase(spec.submission.sample(h.newKey()));
      expect(await h.adapter().getDocuments(made.caseNumber)).toEqual([]);
      expect(await h.adapter().getDocuments(`${made.caseNumber}9`)).toBeNull();
    });

    it('gives an approved case’s documents: signed by the department, the file the one signed, a PDF', async () => {
      const { sample, made, numbers } = await approved();
      expect(Object.keys(numbers).length).toBeGreaterThan(0);
      const docs = await h.adapter().getDocuments(made.caseNumber);
      expect(docs?.map((d) => [d.materialId, d.number]).sort()).toEqual(Object.entries(numbers).sort());
      const key = documentPublicKey(spec.department);
      for (const d of docs ?? []) {
        expect(d.content.subarray(0, 5).toString()).toBe('%PDF-');
        expect(d.contentType).toBe('application/pdf');
        expect(d.sha256).toBe(createHash('sha256').update(d.content).digest('hex'));
        expect(d.signature.algorithm).toBe('Ed25519');
        expect(verifyDocumentText(key, d.signature.signedText, d.signature.value)).toBe(true);
        // The signed text covers the document's number and its file.
        expect(d.signature.signedText).toContain(d.number);
        expect(d.signature.signedText).toContain(d.sha256);
        expect(d.holderIdNumber).toBe(sample.applicant.idNumber);
        expect(d.name.zh.length).toBeGreaterThan(0);
        expect(Number.isNaN(Date.parse(d.issuedAt))).toBe(false);
        expect(d.issuer.length).toBeGreaterThan(0);
      }
    });

    it('refuses a document whose signature does not verify: DOCUMENT_UNVERIFIED, not retried', async () => {
      const { made, numbers } = await approved();
      await h.system().control.forgeDocumentSignatures(true);
      try {
        expect(await codeOf(h.adapter().getDocuments(made.caseNumber))).toBe('DOCUMENT_UNVERIFIED');
      } finally {
        await h.system().control.forgeDocumentSignatures(false);
      }
      expect(await h.adapter().getDocuments(made.caseNumber)).toHaveLength(Object.keys(numbers).length);
    });
  });
}
