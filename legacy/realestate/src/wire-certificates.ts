import type { DocumentOffice, IssuedDocumentRecord } from '@onething/legacy-kit';
import { el, optionalEl } from '@onething/runtime/xml';
import { wireCodeOf } from './catalogue';
import { wireInstant } from './wire-format';

/** The signed fields of a certificate, as the wire carries them. */
export interface SignedCertificate {
  readonly certificateNumber: string;
  readonly resultKey: string;
  readonly category: string;
  readonly holderIdNumber: string;
  readonly holderName: string;
  readonly unitCode: string;
  readonly registeredTime: string;
  readonly authority: string;
  readonly sha256: string;
}

/** The signed text: the signed fields' values in this order, joined by `|` (an absent unit code as empty). */
export function registrySignedText(c: SignedCertificate): string {
  return [
    c.certificateNumber,
    c.resultKey,
    c.category,
    c.holderIdNumber,
    c.holderName,
    c.unitCode,
    c.registeredTime,
    c.authority,
    c.sha256,
  ].join('|');
}

/** A certificate (电子证照) as GetCertificates answers it: metadata, the file in base64, the signature. */
export function certificateXml(doc: IssuedDocumentRecord, office: DocumentOffice): string {
  const registeredTime = wireInstant(doc.issuedAt);
  const signed: SignedCertificate = {
    certificateNumber: doc.number,
    resultKey: wireCodeOf(doc.materialId),
    category: doc.kind.toUpperCase(),
    holderIdNumber: doc.holderIdNumber,
    holderName: doc.holderName,
    unitCode: doc.subject ?? '',
    registeredTime,
    authority: doc.issuer,
    sha256: doc.sha256,
  };
  const signature = office.sign(registrySignedText(signed));
  return el('bdc:Certificate', [
    el('bdc:CertificateNumber', signed.certificateNumber),
    el('bdc:ResultKey', signed.resultKey),
    el('bdc:Title', doc.name.zh),
    el('bdc:TitleEn', doc.name.en),
    el('bdc:Category', signed.category),
    el('bdc:RightHolder', [el('bdc:Name', doc.holderName), el('bdc:IdNumber', doc.holderIdNumber)]),
    optionalEl('bdc:UnitCode', doc.subject ?? undefined),
    el('bdc:RegisteredDate', registeredTime.slice(0, 8)),
    el('bdc:RegisteredTime', registeredTime),
    el('bdc:Authority', doc.issuer),
    el('bdc:File', doc.content.toString('base64'), { mediaType: doc.contentType, sha256: doc.sha256 }),
    el('bdc:Signature', signature.value, { algorithm: signature.algorithm, keyId: signature.keyId }),
  ]);
}
