import type { DocumentOffice, IssuedDocumentRecord } from '@onething/legacy-kit';
import { wireInstant } from './time';

/** A document (电子证照) as 证照查询 `zzcx` answers it, in the fund's pinyin abbreviations. */
export interface WireDocument {
  /** 证照编号 */ readonly zzbh: string;
  /** 证照类型: the material id */ readonly zzlx: string;
  /** 证照名称 */ readonly zzmc: string;
  /** 证照名称（英文） */ readonly zzmc_en: string;
  /** 证照类别: the result kind */ readonly zzlb: string;
  /** 持证人姓名 */ readonly czrxm: string;
  /** 持证人证件号码 */ readonly czrzjhm: string;
  /** 证照对象: unit code or USCC, empty when none */ readonly zzdx: string;
  /** 签发时间 yyyyMMddHHmmss */ readonly qfsj: string;
  /** 签发机构 */ readonly qfjg: string;
  /** 文件类型 */ readonly wjlx: string;
  /** 证照文件 (base64) */ readonly zzwj: string;
  /** 文件摘要 (SHA-256, hex) */ readonly zwhz: string;
  /** 签名算法 */ readonly qmsf: 'Ed25519';
  /** 签名密钥标识 */ readonly qmmy: string;
  /** 签名 (base64) */ readonly qm: string;
}

/** The fields signed (see PROTOCOL.md, "The signed text"). */
const SIGNED = ['czrxm', 'czrzjhm', 'qfjg', 'qfsj', 'zwhz', 'zzbh', 'zzdx', 'zzlb', 'zzlx'] as const;

/** The signed text: `name=value` of the signed fields in name order, an empty one left out, joined by `&`. */
export function fundSignedText(d: Pick<WireDocument, (typeof SIGNED)[number]>): string {
  return SIGNED.filter((k) => d[k] !== '')
    .map((k) => `${k}=${d[k]}`)
    .join('&');
}

/** A document on the fund's wire, signed. */
export function documentToWire(doc: IssuedDocumentRecord, office: DocumentOffice): WireDocument {
  const fields = {
    zzbh: doc.number,
    zzlx: doc.materialId,
    zzmc: doc.name.zh,
    zzmc_en: doc.name.en,
    zzlb: doc.kind,
    czrxm: doc.holderName,
    czrzjhm: doc.holderIdNumber,
    zzdx: doc.subject ?? '',
    qfsj: wireInstant(doc.issuedAt),
    qfjg: doc.issuer,
    wjlx: doc.contentType,
    zzwj: doc.content.toString('base64'),
    zwhz: doc.sha256,
  };
  const signature = office.sign(fundSignedText(fields));
  return { ...fields, qmsf: 'Ed25519', qmmy: signature.keyId, qm: signature.value };
}
