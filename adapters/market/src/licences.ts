import type { KeyObject } from 'node:crypto';
import {
  type DepartmentClient,
  documentPublicKey,
  type IssuedDocument,
  verifiedDocument,
} from '@onething/adapter-core';
import { z } from 'zod';
import { failure, parseBody, refusalBody } from './answers';
import { toIsoInstant } from './codec';

const wireLicenceSchema = z.object({
  licenceNo: z.string().min(1),
  documentType: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  category: z.string().min(1),
  holderIdNumber: z.string().min(1),
  holderName: z.string().min(1),
  uscc: z.string().nullable(),
  issuedAt: z.string(),
  issuingAuthority: z.string().min(1),
  mediaType: z.string().min(1),
  fileSize: z.number().int().min(0),
  fileSha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  signature: z.object({ alg: z.literal('Ed25519'), keyId: z.string(), value: z.string().min(1) }),
});
type WireLicence = z.infer<typeof wireLicenceSchema>;
const licenceListSchema = z.object({ items: z.array(wireLicenceSchema) });

/**
 * The text the registry signs (its PROTOCOL.md, "The signed text"), rebuilt from the wire fields:
 * `name=value` of the signed fields sorted by name, a null one left out, joined by `&`.
 */
export function marketSignedText(l: WireLicence): string {
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

/** The register's own 404 codes (its wire's, not ours): no such application, or nothing issued yet. */
const ABSENT: Readonly<Record<string, 'no-case' | 'none-yet'>> = {
  NOT_FOUND: 'no-case',
  LICENCE_NOT_ISSUED: 'none-yet',
};

/** The licences and notices the registry issued on approving applications, verified. */
export class MarketLicences {
  private readonly key: KeyObject;

  constructor(
    private readonly client: DepartmentClient,
    private readonly headers: () => Record<string, string>,
    publicKey?: KeyObject,
  ) {
    this.key = publicKey ?? documentPublicKey('market');
  }

  async ofApplication(applicationNo: string): Promise<IssuedDocument[] | null> {
    const op = 'licences.list';
    const listed = await this.client.call({
      op,
      kind: 'read',
      method: 'GET',
      path: `/api/applications/${encodeURIComponent(applicationNo)}/licences`,
      request: () => ({ headers: this.headers() }),
      interpret: (res) => {
        if (res.status === 200) return parseBody(res, licenceListSchema).items;
        if (res.status === 404) {
          const absent = ABSENT[refusalBody(res).code];
          if (absent !== undefined) return absent === 'no-case' ? null : [];
        }
        throw failure(this.client, op, res);
      },
    });
    if (!listed) return null;
    return Promise.all(
      listed.map(async (l) => {
        const content = await this.file(l.licenceNo);
        return verifiedDocument(
          'market',
          op,
          this.key,
          {
            number: l.licenceNo,
            materialId: l.documentType,
            name: { zh: l.name, en: l.nameEn },
            kind: l.category.toLowerCase(),
            holderIdNumber: l.holderIdNumber,
            holderName: l.holderName,
            subject: l.uscc,
            issuedAt: toIsoInstant(l.issuedAt),
            issuer: l.issuingAuthority,
            contentType: l.mediaType,
            sha256: l.fileSha256,
            content,
            signature: { keyId: l.signature.keyId, value: l.signature.value },
          },
          marketSignedText(l),
        );
      }),
    );
  }

  private file(licenceNo: string): Promise<Buffer> {
    const op = 'licences.file';
    return this.client.call({
      op,
      kind: 'read',
      method: 'GET',
      path: `/api/licences/${encodeURIComponent(licenceNo)}/file`,
      request: () => ({ headers: { ...this.headers(), accept: 'application/pdf' } }),
      interpret: (res) => {
        if (res.status === 200 && String(res.headers['content-type'] ?? '').startsWith('application/pdf'))
          return res.body;
        if (res.status === 200) throw new Error(`the file of ${licenceNo} is not a PDF`);
        throw failure(this.client, op, res);
      },
    });
  }
}
