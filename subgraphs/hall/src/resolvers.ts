import { type ApplicationResolverDeps, applicationResolvers } from './applications/resolvers';
import type { Clock } from './calendar/clock';
import { catalogueResolvers } from './catalogue/resolvers';
import { auditNamesOf } from './consent/audit-names';
import { auditResolvers } from './consent/audit-resolvers';
import type { AuditTrail } from './consent/audit-trail';
import { type ConsentResolverDeps, consentResolvers } from './consent/resolvers';
import { type DelegationResolverDeps, delegationResolvers } from './delegations/resolvers';
import { type DocumentResolverDeps, documentResolvers } from './documents/resolvers';
import { type DraftResolverDeps, draftResolvers } from './drafts/resolvers';
import { feeResolvers } from './fees/resolvers';
import type { FormChecks } from './forms/form-checks';
import { formResolvers } from './forms/resolvers';
import type { Resolvers } from './generated/resolvers-types';
import type { HandOutDesk } from './handout/desk';
import { handOutResolvers } from './handout/resolvers';
import type { HandOuts } from './handout/store';
import { noticeResolvers } from './notices/resolvers';
import type { Notices } from './notices/store';
import type { Papers } from './papers/papers';
import { paperResolvers } from './papers/resolvers';
import type { PaymentDesk } from './payments/desk';
import type { Reconciliation } from './payments/reconcile';
import { paymentResolvers } from './payments/resolvers';
import type { Payments } from './payments/store';
import { type PerformanceResolverDeps, performanceResolvers } from './performance/resolvers';
import { type RatingResolverDeps, ratingResolvers } from './ratings/resolvers';
import { type SalesDeps, salesResolvers } from './sales/resolvers';
import { type SupervisionResolverDeps, supervisionResolvers } from './supervision/resolvers';
import { windowResolvers } from './window/resolvers';
import type { StaffSeen } from './window/staff';
import type { WindowVisits } from './window/visits';

/** What the hall's features need to answer: each feature takes its part. */
export type HallResolverDeps = ConsentResolverDeps &
  ApplicationResolverDeps &
  Omit<SalesDeps, 'validDays'> &
  DraftResolverDeps &
  DocumentResolverDeps &
  PerformanceResolverDeps &
  DelegationResolverDeps &
  SupervisionResolverDeps &
  RatingResolverDeps & {
    readonly visits: WindowVisits;
    readonly staff: StaffSeen;
    readonly clock: Clock;
    readonly audit: AuditTrail;
    readonly forms: FormChecks;
    /** Days a sale confirmation stays valid (SALE_CONFIRMATION_DAYS). */
    readonly saleConfirmationDays: number;
    /** The receipts and public status pages of applications. */
    readonly papers: Papers;
    /** Applications' payments (一窗收费), their cashier and the daily reconciliation. */
    readonly payments: Payments;
    readonly desk: PaymentDesk;
    readonly reconciliation: Reconciliation;
    /** Applicants' notices (the inbox). */
    readonly notices: Notices;
    /** How results are handed out (统一出件). */
    readonly handOuts: HandOuts;
    readonly handOutDesk: HandOutDesk;
    readonly wake: () => void;
  };

/**
 * The hall's resolvers, one module per feature, merged here (the subgraph kit merges them type by type):
 * the catalogue, one validation, consented prefill and its audit trail, applications, sales, papers, the window, drafts and delegations.
 */
export function hallResolvers(deps: HallResolverDeps): Resolvers[] {
  return [
    catalogueResolvers(deps),
    formResolvers(deps),
    feeResolvers(deps),
    consentResolvers(deps),
    auditResolvers({ audit: deps.audit, names: auditNamesOf(deps.catalogue) }),
    applicationResolvers(deps),
    salesResolvers({ ...deps, validDays: deps.saleConfirmationDays }),
    paperResolvers(deps),
    windowResolvers(deps),
    draftResolvers(deps),
    delegationResolvers(deps),
    paymentResolvers(deps),
    noticeResolvers(deps),
    handOutResolvers(deps),
    supervisionResolvers(deps),
    ratingResolvers(deps),
    documentResolvers(deps),
    performanceResolvers(deps),
  ];
}
