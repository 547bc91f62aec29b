import type { CaseRecord, CaseStatus, CaseView } from '@onething/legacy-kit';
import { wireCode } from './field-codes';
import { beijingInstant } from './time';

/** Application statuses of the market wire. */
export type WireStatus = 'ACCEPTED' | 'UNDER_REVIEW' | 'APPROVED' | 'DENIED' | 'SUPPLEMENT_REQUIRED';

export const WIRE_STATUS: Record<CaseStatus, WireStatus> = {
  accepted: 'ACCEPTED',
  in_review: 'UNDER_REVIEW',
  approved: 'APPROVED',
  rejected: 'DENIED',
  correction_requested: 'SUPPLEMENT_REQUIRED',
};

/** What an approval issued: values by wire field code, documents by material id with their numbers. */
export interface WireOutcome {
  readonly values: Readonly<Record<string, string>>;
  readonly documents: readonly { readonly materialId: string; readonly documentNo: string }[];
}

/** An application (申请) as `GET /api/applications/{applicationNo}` answers it. */
export interface WireApplication {
  readonly applicationNo: string;
  readonly itemCode: string;
  /** Whose application it is: the applicant's resident ID number. */
  readonly applicantIdNumber: string;
  readonly status: WireStatus;
  readonly statusChangedAt: string;
  readonly acceptedAt: string;
  readonly remarks: string | null;
  readonly fieldsToSupplement: readonly string[];
  readonly outcome: WireOutcome | null;
  readonly history: readonly { readonly status: WireStatus; readonly at: string }[];
}

/**
 * The outcome on the wire: a result keyed by a semantic field key (it has a dot) is a value, under its
 * wire code; any other key is the material id of a document the approval produced.
 */
export function wireOutcome(result: Readonly<Record<string, string>>): WireOutcome {
  const values: Record<string, string> = {};
  const documents: { materialId: string; documentNo: string }[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (key.includes('.')) values[wireCode(key)] = value;
    else documents.push({ materialId: key, documentNo: value });
  }
  return { values, documents };
}

/**
 * Renders a case as the wire's application; `issued` is what the registry issued to it, shown with
 * (and under) the decision's own result.
 */
export function wireApplication(
  record: CaseRecord,
  view: CaseView,
  issued: Readonly<Record<string, string>> = {},
): WireApplication {
  const status = WIRE_STATUS[view.status];
  return {
    applicationNo: record.caseNumber,
    itemCode: record.itemCode,
    applicantIdNumber: record.applicantId,
    status,
    statusChangedAt: beijingInstant(view.statusAt),
    acceptedAt: beijingInstant(record.submittedAt),
    remarks: view.decision?.reason ?? null,
    fieldsToSupplement:
      status === 'SUPPLEMENT_REQUIRED' ? (view.decision?.correctionFields ?? []).map(wireCode) : [],
    outcome: status === 'APPROVED' ? wireOutcome({ ...issued, ...view.decision?.result }) : null,
    history: view.history.map((h) => ({ status: WIRE_STATUS[h.status], at: beijingInstant(h.at) })),
  };
}
