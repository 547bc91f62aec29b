import type { DocumentOffice, IssuedDocumentRecord } from '@onething/legacy-kit';
import { resultCode } from './codes';
import { wireTime } from './time';

/** A document (电子证照) as `GET /api/v1/cases/{case_no}/documents` lists it. */
export interface WireDocument {
  readonly doc_no: string;
  readonly material_id: string;
  readonly doc_name: string;
  readonly doc_name_en: string;
  readonly doc_kind: string;
  readonly holder_id_number: string;
  readonly holder_name: string;
  readonly subject: string | null;
  readonly issue_time: string;
  readonly issuing_authority: string;
  readonly content_type: string;
  readonly file_size: number;
  readonly file_sha256: string;
  readonly sign_alg: 'Ed25519';
  readonly sign_key_id: string;
  readonly signature: string;
}

/** The fields signed, in this order (see PROTOCOL.md, "The signed text"). */
const SIGNED_FIELDS = [
  'doc_no',
  'material_id',
  'doc_kind',
  'holder_id_number',
  'holder_name',
  'subject',
  'issue_time',
  'issuing_authority',
  'file_sha256',
] as const;

/** The signed text: one `name=value` line per signed field, in order, null as empty, joined by LF. */
export function taxSignedText(doc: Pick<WireDocument, (typeof SIGNED_FIELDS)[number]>): string {
  return SIGNED_FIELDS.map((f) => `${f}=${doc[f] ?? ''}`).join('\n');
}

/** A document on the tax wire, signed. */
export function documentToWire(doc: IssuedDocumentRecord, office: DocumentOffice): WireDocument {
  const fields = {
    doc_no: doc.number,
    material_id: resultCode(doc.materialId),
    doc_name: doc.name.zh,
    doc_name_en: doc.name.en,
    doc_kind: doc.kind,
    holder_id_number: doc.holderIdNumber,
    holder_name: doc.holderName,
    subject: doc.subject,
    issue_time: wireTime(doc.issuedAt),
    issuing_authority: doc.issuer,
    content_type: doc.contentType,
    file_size: doc.content.length,
    file_sha256: doc.sha256,
  };
  const signature = office.sign(taxSignedText(fields));
  return { ...fields, sign_alg: 'Ed25519', sign_key_id: signature.keyId, signature: signature.value };
}
