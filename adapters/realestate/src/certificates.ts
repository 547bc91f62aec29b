import type { KeyObject } from 'node:crypto';
import { type IssuedDocument, type UncheckedDocument, verifiedDocument } from '@onething/adapter-core';
import { childOf, childrenOf, el, type XmlElement } from '@onething/runtime/xml';
import type { RegistryCalls } from './registry-client';
import { BDC_NS } from './soap';

/** A wire instant `yyyyMMddHHmmss` (Beijing) as an ISO timestamp; throws on anything else. */
function isoOf(wire: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(wire);
  const ms = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`not a registry instant (yyyyMMddHHmmss): ${JSON.stringify(wire)}`);
  return new Date(ms).toISOString();
}

/** A result key (`PropertyCertificate`) as the material id it stands for (`property-certificate`). */
const materialIdOf = (key: string) => key.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();

function text(parent: XmlElement, name: string, optional = false): string {
  const child = childOf(parent, name, BDC_NS);
  if (!child) {
    if (optional) return '';
    throw new Error(`<bdc:Certificate> lacks <bdc:${name}>`);
  }
  return child.text.trim();
}

/**
 * The text the registry signs (its PROTOCOL.md, "The signed text"), rebuilt from the wire: the values of
 * CertificateNumber, ResultKey, Category, RightHolder IdNumber and Name, UnitCode (empty when absent),
 * RegisteredTime, Authority and the file's sha256, in this order, joined by `|`.
 */
export function registrySignedText(c: XmlElement): string {
  const holder = childOf(c, 'RightHolder', BDC_NS);
  if (!holder) throw new Error('<bdc:Certificate> lacks <bdc:RightHolder>');
  return [
    text(c, 'CertificateNumber'),
    text(c, 'ResultKey'),
    text(c, 'Category'),
    text(holder, 'IdNumber'),
    text(holder, 'Name'),
    text(c, 'UnitCode', true),
    text(c, 'RegisteredTime'),
    text(c, 'Authority'),
    childOf(c, 'File', BDC_NS)?.attrs.sha256 ?? '',
  ].join('|');
}

/**
 * The certificates a case's approval issued (GetCertificates), verified: null when the registry has no
 * such case (BDC-3003), none while it is not approved (BDC-3005).
 */
export async function certificatesOf(
  calls: RegistryCalls,
  key: KeyObject,
  caseNumber: string,
): Promise<IssuedDocument[] | null> {
  const op = 'GetCertificates';
  let read: { doc: UncheckedDocument; signedText: string }[];
  try {
    // A malformed certificate throws a plain error inside the call: MALFORMED_RESPONSE.
    read = await calls.call(op, 'read', [el('bdc:CaseNumber', caseNumber)], (answer) =>
      childrenOf(answer, 'Certificate', BDC_NS).map((c) => ({
        doc: uncheckedCertificate(c),
        signedText: registrySignedText(c),
      })),
    );
  } catch (e) {
    const code = (e as { details?: { departmentCode?: string } }).details?.departmentCode;
    if (code === 'BDC-3003') return null;
    if (code === 'BDC-3005') return [];
    throw e;
  }
  return read.map(({ doc, signedText }) => verifiedDocument('realestate', op, key, doc, signedText));
}

function uncheckedCertificate(c: XmlElement): UncheckedDocument {
  const holder = childOf(c, 'RightHolder', BDC_NS);
  const file = childOf(c, 'File', BDC_NS);
  const signature = childOf(c, 'Signature', BDC_NS);
  if (!holder || !file || !signature) throw new Error('a certificate lacks its holder, file or signature');
  const unitCode = text(c, 'UnitCode', true);
  return {
    number: text(c, 'CertificateNumber'),
    materialId: materialIdOf(text(c, 'ResultKey')),
    name: { zh: text(c, 'Title'), en: text(c, 'TitleEn') },
    kind: text(c, 'Category').toLowerCase(),
    holderIdNumber: text(holder, 'IdNumber'),
    holderName: text(holder, 'Name'),
    subject: unitCode || null,
    issuedAt: isoOf(text(c, 'RegisteredTime')),
    issuer: text(c, 'Authority'),
    contentType: file.attrs.mediaType ?? 'application/octet-stream',
    sha256: file.attrs.sha256 ?? '',
    content: Buffer.from(file.text.trim(), 'base64'),
    signature: { keyId: signature.attrs.keyId ?? '', value: signature.text.trim() },
  };
}
