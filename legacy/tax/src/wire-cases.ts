import type { CaseStatus, CaseView } from '@onething/legacy-kit';
import { fieldCode, resultCode } from './codes';
import { wireTime } from './time';

/** Case status codes of the tax system. */
export const CASE_STATUS_CODES = {
  accepted: '01', // 已受理
  in_review: '02', // 审核中
  approved: '03', // 已办结
  rejected: '04', // 不予办理
  correction_requested: '05', // 待补正
} as const satisfies Record<CaseStatus, string>;

/** A case on the wire (`GET /api/v1/cases/{case_no}` and the lists and corrections that answer cases). */
export interface WireCase {
  readonly case_no: string;
  readonly item_code: string;
  /** Whose case it is: the applicant's resident ID number. */
  readonly applicant_id_number: string;
  readonly status_code: (typeof CASE_STATUS_CODES)[CaseStatus];
  readonly status_time: string;
  readonly accepted_time: string;
  readonly reason: string | null;
  readonly correction_fields: readonly string[];
  readonly result: Readonly<Record<string, string>>;
  readonly history: readonly { readonly status_code: string; readonly time: string }[];
}

/** A case as it stands on the clock, in wire terms: decisions shown only once they are reached. */
export function caseToWire(view: CaseView): WireCase {
  const d = view.decision;
  return {
    case_no: view.caseNumber,
    item_code: view.itemCode,
    applicant_id_number: view.applicantId,
    status_code: CASE_STATUS_CODES[view.status],
    status_time: wireTime(view.statusAt),
    accepted_time: wireTime(view.submittedAt),
    reason: d?.reason ?? null,
    correction_fields:
      view.status === 'correction_requested' ? (d?.correctionFields ?? []).map(fieldCode) : [],
    result:
      view.status === 'approved'
        ? Object.fromEntries(Object.entries(d?.result ?? {}).map(([k, v]) => [resultCode(k), v]))
        : {},
    history: view.history.map((h) => ({ status_code: CASE_STATUS_CODES[h.status], time: wireTime(h.at) })),
  };
}
