import type { DocumentOffice, IssuedDocumentRecord } from '@onething/legacy-kit';
import { beijingInstant } from './time';

/** A licence or notice (电子证照) as `GET /api/applications/{applicationNo}/licences` lists it. */
export interface WireLicence {
  readonly licenceNo: string;
  readonly documentType: string;
  readonly name: string;
  readonly nameEn: string;
  readonly category: string;
  readonly holderIdNumber: string;
  readonly holderName: string;
  readonly uscc: string | null;
  readonly issuedAt: string;
  readonly issuingAuthority: string;
  readonly mediaType: string;
  readonly fileSize: number;
  readonly fileSha256: string;
  readonly signature: { readonly alg: 'Ed25519'; readonly keyId: string; readonly value: string };
}

/** The signed fields (see PROTOCOL.md, "The signed text"). */
type Signed = Pick<
  WireLicence,
  | 'licenceNo'
  | 'documentType'
  | 'category'
  | 'holderIdNumber'
  | 'holderName'
  | 'uscc'
  | 'issuedAt'
  | 'issuingAuthority'
  | 'fileSha256'
>;

/** The signed text: `name=value` of the signed fields sorted by name, a null one left out, joined by `&`. */
export function marketSignedText(l: Signed): string {
  const fields: Record<string, string | null> = {
    licenceNo: l.licenceNo,
    documentType: l.documentType,
    category: l.category,
    holderIdNumber: l.holderIdNumber,
    holderName: l.holderName,
    uscc: l.uscc,
    issuedAt: l.issuedAt,
    issuingAuthority: l.issuingAuthority,
    fileSha256: l.fileSha256,
  };
  return Object.keys(fields)
    .sort()
    .filter((k) => fields[k] !== null)
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

/** A document on the market wire, signed. */
export function licenceToWire(doc: IssuedDocumentRecord, office: DocumentOffice): WireLicence {
  const fields = {
    licenceNo: doc.number,
    documentType: doc.materialId,
    name: doc.name.zh,
    nameEn: doc.name.en,
    category: doc.kind.toUpperCase(),
    holderIdNumber: doc.holderIdNumber,
    holderName: doc.holderName,
    uscc: doc.subject,
    issuedAt: beijingInstant(doc.issuedAt),
    issuingAuthority: doc.issuer,
    mediaType: doc.contentType,
    fileSize: doc.content.length,
    fileSha256: doc.sha256,
  };
  const signature = office.sign(marketSignedText(fields));
  return { ...fields, signature: { alg: 'Ed25519', keyId: signature.keyId, value: signature.value } };
}
