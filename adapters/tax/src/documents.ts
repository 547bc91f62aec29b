import type { UncheckedDocument } from '@onething/adapter-core';
import { z } from 'zod';
import { isoInstant } from './wire';

/** A document (电子证照) as `GET /api/v1/cases/{case_no}/documents` lists it. */
export const wireDocumentSchema = z.object({
  doc_no: z.string().min(1),
  material_id: z.string().min(1),
  doc_name: z.string().min(1),
  doc_name_en: z.string().min(1),
  doc_kind: z.string().min(1),
  holder_id_number: z.string().min(1),
  holder_name: z.string().min(1),
  subject: z.string().nullable(),
  issue_time: z.string(),
  issuing_authority: z.string().min(1),
  content_type: z.string().min(1),
  file_size: z.number().int().min(0),
  file_sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  sign_alg: z.literal('Ed25519'),
  sign_key_id: z.string(),
  signature: z.string().min(1),
});
export type WireDocument = z.infer<typeof wireDocumentSchema>;

export const documentsData = z.object({ documents: z.array(wireDocumentSchema) });

/**
 * The text the tax bureau signs (its PROTOCOL.md, "The signed text"), rebuilt from the wire fields: one
 * `name=value` line per field in this order, null as empty, joined by LF.
 */
export function taxSignedText(d: WireDocument): string {
  const fields = [
    ['doc_no', d.doc_no],
    ['material_id', d.material_id],
    ['doc_kind', d.doc_kind],
    ['holder_id_number', d.holder_id_number],
    ['holder_name', d.holder_name],
    ['subject', d.subject ?? ''],
    ['issue_time', d.issue_time],
    ['issuing_authority', d.issuing_authority],
    ['file_sha256', d.file_sha256],
  ];
  return fields.map(([k, v]) => `${k}=${v}`).join('\n');
}

/** A listed document with its file, in domain terms (not yet verified). */
export function uncheckedDocument(d: WireDocument, content: Buffer): UncheckedDocument {
  return {
    number: d.doc_no,
    // The wire names a document by the snake_case of its material id.
    materialId: d.material_id.replaceAll('_', '-'),
    name: { zh: d.doc_name, en: d.doc_name_en },
    kind: d.doc_kind,
    holderIdNumber: d.holder_id_number,
    holderName: d.holder_name,
    subject: d.subject,
    issuedAt: isoInstant(d.issue_time),
    issuer: d.issuing_authority,
    contentType: d.content_type,
    sha256: d.file_sha256,
    content,
    signature: { keyId: d.sign_key_id, value: d.signature },
  };
}
