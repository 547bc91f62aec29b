import type { UncheckedDocument } from '@onething/adapter-core';
import { z } from 'zod';
import { isoInstant } from './time';

/** A document (电子证照) as 证照查询 `zzcx` answers it. */
const wireDocumentSchema = z.object({
  zzbh: z.string().min(1),
  zzlx: z.string().min(1),
  zzmc: z.string().min(1),
  zzmc_en: z.string().min(1),
  zzlb: z.string().min(1),
  czrxm: z.string().min(1),
  czrzjhm: z.string().min(1),
  zzdx: z.string(),
  qfsj: z.string(),
  qfjg: z.string().min(1),
  wjlx: z.string().min(1),
  zzwj: z.string().min(1),
  zwhz: z.string().regex(/^[0-9a-fA-F]{64}$/),
  qmsf: z.literal('Ed25519'),
  qmmy: z.string(),
  qm: z.string().min(1),
});
type WireDocument = z.infer<typeof wireDocumentSchema>;

export const documentsAnswer = z.object({ list: z.array(wireDocumentSchema) });

const SIGNED = ['czrxm', 'czrzjhm', 'qfjg', 'qfsj', 'zwhz', 'zzbh', 'zzdx', 'zzlb', 'zzlx'] as const;

/**
 * The text the fund signs (its PROTOCOL.md, "The signed text"), rebuilt from the wire fields:
 * `name=value` of the signed fields in name order, an empty one left out, joined by `&`.
 */
export function fundSignedText(d: WireDocument): string {
  return SIGNED.filter((k) => d[k] !== '')
    .map((k) => `${k}=${d[k]}`)
    .join('&');
}

/** A document in domain terms, with its signed text rebuilt (not yet verified). */
export function uncheckedDocument(d: WireDocument): { doc: UncheckedDocument; signedText: string } {
  return {
    doc: {
      number: d.zzbh,
      materialId: d.zzlx,
      name: { zh: d.zzmc, en: d.zzmc_en },
      kind: d.zzlb,
      holderIdNumber: d.czrzjhm,
      holderName: d.czrxm,
      subject: d.zzdx || null,
      issuedAt: isoInstant(d.qfsj),
      issuer: d.qfjg,
      contentType: d.wjlx,
      sha256: d.zwhz,
      content: Buffer.from(d.zzwj, 'base64'),
      signature: { keyId: d.qmmy, value: d.qm },
    },
    signedText: fundSignedText(d),
  };
}
