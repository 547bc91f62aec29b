import { type ApplicationResolverDeps, applicationResolvers } from './applications/resolvers';
import { catalogueResolvers } from './catalogue/resolvers';
import { auditNamesOf } from './consent/audit-names';
import { auditResolvers } from './consent/audit-resolvers';
import { type ConsentResolverDeps, consentResolvers } from './consent/resolvers';
import { type DelegationResolverDeps, delegationResolvers } from './delegations/resolvers';
import type { FormChecks } from './forms/form-checks';
import { formResolvers } from './forms/resolvers';
import type { Resolvers } from './generated/resolvers-types';
import { type SalesDeps, salesResolvers } from './sales/resolvers';

/** What the hall's features need to answer: each feature takes its part. */
export type HallResolverDeps = ConsentResolverDeps &
  ApplicationResolverDeps &
  Omit<SalesDeps, 'validDays'> &
  DelegationResolverDeps & {
    readonly forms: FormChecks;
    /** Days a sale confirmation stays valid (SALE_CONFIRMATION_DAYS). */
    readonly saleConfirmationDays: number;
  };

/**
 * The hall's resolvers, one module per feature, merged here (the subgraph kit merges them type by type):
 * the catalogue, one validation, consented prefill and its audit trail, applications, sales, and delegations.
 */
export function hallResolvers(deps: HallResolverDeps): Resolvers[] {
  return [
    catalogueResolvers(deps),
    formResolvers(deps),
    consentResolvers(deps),
    auditResolvers({ audit: deps.audit, names: auditNamesOf(deps.catalogue) }),
    applicationResolvers(deps),
    salesResolvers({ ...deps, validDays: deps.saleConfirmationDays }),
    delegationResolvers(deps),
  ];
}
