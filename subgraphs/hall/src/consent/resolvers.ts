import type { SubgraphContext } from '@onething/subgraph-kit';
import { applicantOf } from '../applicant';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { BundleDefinition } from '../catalogue/definition';
import type { FormLimits } from '../forms/form-limits';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import { invalidInput } from '../invalid-input';
import type { SupergraphClient } from '../platform/supergraph-client';
import { prefillFromSale } from '../sales/prefill';
import { isLive, type SaleConfirmations } from '../sales/store';
import type { AuditTrail } from './audit-trail';
import type { Consent, Consents } from './consents';
import { prefillForm } from './prefill';
import type { Prefills } from './prefills';
import { consentScopes } from './scopes';

type Ctx = SubgraphContext<unknown>;

export interface ConsentResolverDeps {
  readonly catalogue: BundleCatalogue;
  readonly client: SupergraphClient;
  readonly consents: Consents;
  readonly audit: AuditTrail;
  readonly prefills: Prefills;
  /** Limits per applicant of prefillForm. */
  readonly limits: FormLimits;
  readonly sales: SaleConfirmations;
}

/** Consents, prefill and one's own audit trail are an applicant's, for themselves. */
const me = (ctx: Ctx) => applicantOf(ctx, 'only an applicant can do this, for themselves');

const consentShape = (c: Consent) => ({
  ...c,
  grantedAt: c.grantedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

/** The resolvers of consented prefill: what a bundle asks consent for, consents, and the prefill itself. */
export function consentResolvers({
  catalogue,
  client,
  consents,
  audit,
  prefills,
  limits,
  sales,
}: ConsentResolverDeps): Resolvers {
  return {
    Query: {
      myConsents: async (_: unknown, __: unknown, ctx: Ctx) =>
        (await consents.list(me(ctx).idNumber)).map(consentShape),
    },
    Mutation: {
      grantConsent: async (
        _: unknown,
        { bundleCode, scopes }: { bundleCode: string; scopes: string[] },
        ctx: Ctx,
      ) => {
        const applicant = me(ctx);
        const bundle = catalogue.bundleOr(bundleCode);
        const offered = consentScopes(catalogue, bundle).map((s) => s.key as string);
        const unknown = scopes.filter((s) => !offered.includes(s));
        if (unknown.length) {
          throw invalidInput(
            `${bundleCode} asks no consent for ${unknown.join(', ')}; it asks for ${offered.join(', ')}`,
            'scopes',
            'scope.unknown',
            `不能授权 ${unknown.join('、')}`,
          );
        }
        return consentShape(await consents.grant(applicant.idNumber, bundleCode, [...new Set(scopes)]));
      },
      revokeConsent: async (_: unknown, { consentId }: { consentId: string }, ctx: Ctx) => {
        const revoked = await consents.revoke(me(ctx).idNumber, hallId('consentId', consentId, 'a consent'));
        if (!revoked)
          throw invalidInput(
            `no consent ${consentId} of yours`,
            'consentId',
            'consent.unknown',
            '没有该授权',
          );
        return consentShape(revoked);
      },
      prefillForm: async (
        _: unknown,
        {
          bundleCode,
          options,
          enterpriseUscc,
          saleConfirmationId,
        }: {
          bundleCode: string;
          options?: string[] | null;
          enterpriseUscc?: string | null;
          saleConfirmationId?: string | null;
        },
        ctx: Ctx,
      ) => {
        const applicant = me(ctx);
        await limits.consume('prefillForm', applicant.idNumber);
        const bundle = catalogue.bundleOr(bundleCode);
        const sale = saleConfirmationId
          ? await sales.forBuyer(
              applicant.idNumber,
              hallId('saleConfirmationId', saleConfirmationId, 'a sale'),
            )
          : undefined;
        if (saleConfirmationId && (!sale || !isLive(sale)))
          throw invalidInput(
            `no sale confirmed to you as ${saleConfirmationId} (or it was withdrawn or has expired): the seller confirms the sale first`,
            'saleConfirmationId',
            'sale.notConfirmed',
            '出卖人尚未向您确认该出售（或确认已撤回、已过期）',
          );
        const consent = await consents.current(applicant.idNumber, bundle.code);
        // Only what the chosen form shows is read (and audited): every option's fields when none are named.
        const form = catalogue.form(
          bundle,
          options == null ? Object.keys(bundle.options) : catalogue.optionsOr(bundle, options),
        );
        const result = await prefillForm(
          {
            applicant,
            bundleCode: bundle.code,
            bundleName: bundle.name.zh,
            form,
            consentedDepartments: consent?.scopes ?? [],
            enterpriseUscc: enterpriseUscc ?? undefined,
          },
          client,
          audit,
        );
        const fromSale = sale
          ? await prefillFromSale(sale, form, applicant, client, audit, bundle.code)
          : { values: [], unavailable: [] };
        const saleKeys = new Set(fromSale.values.map((v) => v.key));
        const saved = await prefills.save({
          applicantIdNumber: applicant.idNumber,
          bundleCode: bundle.code,
          enterpriseUscc: enterpriseUscc ?? null,
          values: [...result.values.filter((v) => !saleKeys.has(v.key)), ...fromSale.values],
          unavailable: [...result.unavailable, ...fromSale.unavailable],
          readAt: new Date(),
        });
        return {
          ...saved,
          readAt: saved.readAt.toISOString(),
          values: saved.values.map((v) => ({ ...v, department: v.department.toUpperCase() })),
          unavailable: saved.unavailable.map((u) => ({ ...u, department: u.department.toUpperCase() })),
        };
      },
    },
    Bundle: {
      consentScopes: ({ bundle }: { bundle: BundleDefinition }, { options }: { options?: string[] | null }) =>
        consentScopes(
          catalogue,
          bundle,
          options == null ? undefined : catalogue.optionsOr(bundle, options),
        ).map((s) => ({ ...s, department: s.key.toUpperCase() })),
    },
  };
}
