import type { FormProblem } from '@onething/schema/forms';
import {
  type ApplicationQuery,
  ApplicationStatus,
  type AuditReaderPartsFragment,
  type BundleFormQuery,
  type BundlesQuery,
  type DelegationPartsFragment,
  type DraftPartsFragment,
  type FollowUpPartsFragment,
  type FormFieldPartsFragment,
  type IntakePartsFragment,
  type OpenWindowVisitMutation,
  type PartPartsFragment,
  type PrefillMutation,
  type ReadsOfMyDataQuery,
  type ReceiptQuery,
  type SalePartsFragment,
  type StaffPartsFragment,
} from './generated/graphql';

/**
 * The shapes the app reads from the one schema (see docs/frontend.md and docs/applications.md), each named
 * from the generated types of the operations in documents.ts (`npm run codegen`): none is typed by hand.
 */

export type {
  ApplicationStatus,
  AuditPurposeKind,
  ConsentSignatureForm,
  DelegationStatus,
  Department,
  IdentityCheckMethod,
  PartStatus,
  SupervisionFlag as Flag,
} from './generated/graphql';

/** A bundle on the bundles page, with what it saves against applying item by item. */
export type BundleSummary = BundlesQuery['bundles'][number];
export type Saving = BundleSummary['savings']['fields'];

/** A bundle as the apply page reads it: options, consent scopes and its one form. */
export type BundleForm = NonNullable<BundleFormQuery['bundle']>;
export type OneForm = BundleForm['form'];
export type FormField = FormFieldPartsFragment;
export type FormMaterial = OneForm['materials'][number];
export type ConsentScope = BundleForm['consentScopes'][number];

export type Prefill = PrefillMutation['prefillForm'];

/** A problem from the hall's validation or the page's own checks (the same rules, in schema/forms). */
export type Problem = FormProblem;

/** The application statuses in the order they happen, for the queue's status filter. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = Object.values(ApplicationStatus);

/** An application as its page reads it. */
export type Application = NonNullable<ApplicationQuery['application']>;
export type Part = PartPartsFragment;
/** A rating (好差评) of a part or of the window, with its follow-up when bad. */
export type ServiceRating = Application['ratings'][number];
/** The follow-up of a bad rating (差评回访整改). */
export type FollowUp = FollowUpPartsFragment;
/** Why the last try to reach a part's department failed; `detail` only for staff who may see it. */
export type DispatchProblem = NonNullable<Part['lastError']>;

/** A page of the audit trail (数据调用留痕). */
export type AuditPage = ReadsOfMyDataQuery['readsOfMyData'];
/** A read of the applicant's data from a department. */
export type AuditRecord = AuditPage['edges'][number]['node'];
/** Who caused reads: another applicant is numbered, never named. */
export type AuditReader = AuditReaderPartsFragment;

/** A seller's confirmation of a sale (出卖人确认). */
export type SaleConfirmation = SalePartsFragment;

/** A saved one form (草稿), resumable online or at a window. */
export type Draft = DraftPartsFragment;
/** A delegation (授权委托), as its principal or its agent reads it. */
export type Delegation = DelegationPartsFragment;
/** A member of the centre's staff. */
export type StaffMember = StaffPartsFragment;
/** How an application was handed in. */
export type Intake = IntakePartsFragment;
/** A walk-in's visit to a window. */
export type WindowVisit = NonNullable<OpenWindowVisitMutation['openWindowVisit']['visit']>;
/** An application as the window's receipt step reads it. */
export type Receipt = NonNullable<ReceiptQuery['application']>;
