import type { DepartmentEnum } from '@onething/schema/departments';
import type { FieldRules, FormProblem } from '@onething/schema/forms';
import type { Localized } from '../app/i18n';

/** The shapes the app reads from the one schema (see docs/frontend.md and docs/applications.md). */

/** A value of the schema's `Department` enum, as the department registry declares them. */
export type Department = DepartmentEnum;

export interface Saving {
  separately: number;
  bundled: number;
  saved: number;
}

export interface BundleSummary {
  code: string;
  name: Localized;
  description: Localized;
  items: {
    code: string;
    department: Department;
    name: Localized;
    option: string | null;
    promisedLimitDays: number;
  }[];
  savings: Record<'fields' | 'materials' | 'windows' | 'visits' | 'timeLimitDays', Saving> & {
    /** Fields still typed by hand once prefill and (house transfer) the seller's confirmation fill the rest. */
    typedByHand: { fields: number; typed: number };
  };
}

export interface FormField extends FieldRules {
  label: Localized;
  editable: boolean;
  hint: Localized | null;
  options: { value: string; label: Localized }[];
  section: string;
}

export interface FormMaterial {
  id: string;
  name: Localized;
  required: boolean;
  original: boolean;
  copies: number;
  usedBy: string[];
  formats: string[];
  submit: boolean;
  source: 'APPLICANT' | 'PRODUCED_IN_BUNDLE' | 'HELD_BY_DEPARTMENT';
  producedBy: string | null;
  heldBy: Department | null;
}

export interface OneForm {
  items: string[];
  sections: { key: string; title: Localized; fieldKeys: string[] }[];
  fields: FormField[];
  materials: FormMaterial[];
  flows: { from: string; key: string; to: string[] }[];
}

export interface ConsentScope {
  key: string;
  department: Department;
  data: Localized;
  purpose: Localized;
  fields: string[];
}

export interface BundleForm {
  code: string;
  name: Localized;
  description: Localized;
  options: { key: string; label: Localized; items: string[] }[];
  items: { code: string; name: Localized; department: Department }[];
  consentScopes: ConsentScope[];
  form: OneForm;
}

export interface Prefill {
  id: string;
  values: { key: string; value: string; department: Department; updatedAt: string; editable: boolean }[];
  unavailable: { department: Department; code: string; message: string; fields: string[] }[];
}

export type Problem = FormProblem;

export type PartStatus =
  | 'WAITING'
  | 'DISPATCHING'
  | 'ACCEPTED'
  | 'IN_REVIEW'
  | 'APPROVED'
  | 'REJECTED'
  | 'CORRECTION_REQUESTED'
  | 'DEAD_LETTERED'
  | 'CANCELLED';
export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'IN_PROGRESS',
  'CORRECTION_REQUESTED',
  'COMPLETED',
  'REJECTED',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type Flag = 'GREEN' | 'YELLOW' | 'RED';

export interface Part {
  id: string;
  itemCode: string;
  name: Localized;
  department: Department;
  after: string[];
  status: PartStatus;
  caseNumber: string | null;
  acceptedAt: string | null;
  statusAt: string | null;
  reason: string | null;
  correctionFields: string[];
  result: { key: string; value: string }[];
  promisedLimitDays: number;
  deadline: string | null;
  supervision: { flag: Flag; workingDaysLeft: number; deadline: string } | null;
  attempts: number;
  /** The last dispatch problem: a code and a plain sentence; `detail` only for staff who may see it. */
  lastError: DispatchProblem | null;
  deadLetteredAt: string | null;
}

export interface Application {
  id: string;
  bundleCode: string;
  status: ApplicationStatus;
  submittedAt: string;
  completedAt: string | null;
  applicantName: string;
  flag: Flag | null;
  bundle: { code: string; name: Localized; form: { fields: FormField[] } };
  parts: Part[];
  values: { key: string; value: string }[];
  materials: { id: string; upload: { id: string; name: string; contentType: string; size: number } | null }[];
  rating: { level: number; comment: string | null; ratedAt: string } | null;
}

export type AuditPurposeKind =
  | 'PREFILL'
  | 'OWNERS_CHECK'
  | 'REPRESENTATIVE_CHECK'
  | 'FUND_CHECK'
  | 'SALE_CONFIRMATION'
  | 'OTHER';

/** Who caused reads: another applicant is numbered, never named. */
export interface AuditReader {
  id: string;
  kind: 'YOU' | 'APPLICANT' | 'WINDOW_STAFF' | 'DEPARTMENT_STAFF' | 'SERVICE';
  name: Localized;
}

/** A read of the applicant's data from a department. */
export interface AuditRecord {
  id: string;
  at: string;
  department: Department;
  fields: string[];
  fieldLabels: Localized[];
  bundleCode: string | null;
  applicationId: string | null;
  why: { kind: AuditPurposeKind; about: string | null; text: Localized };
  reader: AuditReader;
}

/** A page of the audit trail. */
export interface AuditPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: AuditRecord }[];
  readers: { reader: AuditReader; count: number; lastReadAt: string }[];
}

/** Why the last try to reach a part's department failed. */
export interface DispatchProblem {
  code: string;
  message: { zh: string; en: string };
  detail: string | null;
}

/** A seller's confirmation of a sale (出卖人确认). */
export interface SaleConfirmation {
  id: string;
  unitCode: string;
  address: string | null;
  sellerName: string;
  buyerIdNumber: string;
  price: string | null;
  confirmedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  live: boolean;
}
