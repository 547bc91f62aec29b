import type { CaseView } from '@onething/legacy-kit';
import { STATUS_CODES, WIRE_CODES } from './dictionary';
import { wireInstant } from './time';

/**
 * What an approval produced (办理结果 `jg`): values by their wire field code under `zd` (字段), documents
 * by their material code under `ws` (文书), each with its number.
 */
export interface WireResult {
  readonly zd: Readonly<Record<string, string>>;
  readonly ws: Readonly<Record<string, string>>;
}

/** A case on the wire, as 业务受理, 业务查询 and 补正受理 answer it. */
export interface WireCase {
  /** 受理编号 */ readonly slbh: string;
  /** 事项编码 */ readonly sxbm: string;
  /** 请求流水号 */ readonly qqlsh: string;
  /** 申请人证件号码: whose case it is */ readonly sqrzjhm: string;
  /** 办理状态: 1 已受理, 2 审核中, 3 已办结, 4 不予受理, 5 待补正 */ readonly blzt: string;
  /** 状态时间 */ readonly ztsj: string;
  /** 受理时间 */ readonly slsj: string;
  /** 原因 (empty unless rejected or a correction is requested) */ readonly yy: string;
  /** 补正字段: comma list of wire codes (empty unless blzt is 5) */ readonly bzzd: string;
  /** 办理结果 (null until decided with a result) */ readonly jg: WireResult | null;
  /** 历史记录 */ readonly lsjl: readonly { blzt: string; sj: string }[];
}

/**
 * Encodes a decision's result: keys that are semantic field keys (with a dot) become their wire code
 * under `zd`; material ids (documents the approval produces) go under `ws` as they are.
 */
export function resultToWire(result: Readonly<Record<string, string>>): WireResult {
  const zd: Record<string, string> = {};
  const ws: Record<string, string> = {};
  for (const [key, value] of Object.entries(result)) {
    if (key.includes('.')) zd[WIRE_CODES[key] ?? key] = value;
    else ws[key] = value;
  }
  return { zd, ws };
}

/**
 * A case as it stands on the stand-in's clock, in the fund's wire terms; `produced` is what its approval
 * produced, once applied (it completes a decision that came without a result).
 */
export function caseToWire(view: CaseView, produced?: Readonly<Record<string, string>>): WireCase {
  const d = view.decision;
  const result = view.status === 'approved' && produced ? produced : d?.result;
  return {
    slbh: view.caseNumber,
    sxbm: view.itemCode,
    qqlsh: view.requestRef,
    sqrzjhm: view.applicantId,
    blzt: STATUS_CODES[view.status],
    ztsj: wireInstant(view.statusAt),
    slsj: wireInstant(view.submittedAt),
    yy: d?.reason ?? '',
    bzzd:
      view.status === 'correction_requested'
        ? (d?.correctionFields ?? []).map((k) => WIRE_CODES[k] ?? k).join(',')
        : '',
    jg: result && Object.keys(result).length > 0 ? resultToWire(result) : null,
    lsjl: view.history.map((h) => ({ blzt: STATUS_CODES[h.status], sj: wireInstant(h.at) })),
  };
}
