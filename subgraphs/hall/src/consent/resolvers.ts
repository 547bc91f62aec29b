import type { SubgraphContext } from '@onething/subgraph-kit';
import type { Acting } from '../acting/acting';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import { applicantOf } from '../applicant';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { BundleDefinition } from '../catalogue/definition';
import type { FormLimits } from '../forms/form-limits';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import { invalidInput } from '../invalid-input';
import type { Uploads } from '../materials/uploads';
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
  readonly acting: ActingDeps;
  readonly uploads: Uploads;
}

/** The applicant an operation is for, with whom the audit trail names beside them (officer, agent). */
export const readFor = (a: Acting) => ({ ...a.applicant, officer: a.officer, agent: a.agent });

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
  acting: actingDeps,
  uploads,
}: ConsentResolverDeps): Resolvers {
  return {
    Query: {
      myConsents: async (_: unknown, __: unknown, ctx: Ctx) =>
        (await consents.list(me(ctx).idNumber)).map(consentShape),
    },
    Mutation: {
      grantConsent: async (
        _: unknown,
        {
          bundleCode,
          scopes,
          onBehalfOf,
          witnessed,
        }: {
          bundleCode: string;
          scopes: string[];
          onBehalfOf?: OnBehalfOfArg | null;
          witnessed?: { form: 'SIGNED_ON_PAD' | 'PAPER_SCANNED'; uploadId: string } | null;
        },
        ctx: Ctx,
      ) => {
        const bundle = catalogue.bundleOr(bundleCode);
        const acting = await actingFor(actingDeps, ctx, onBehalfOf, bundle.code);
        const applicant = acting.applicant;
        if (acting.channel === 'WINDOW') {
          // At a window the consent is still the applicant's: signed by them, witnessed by the officer.
          if (!witnessed)
            throw invalidInput(
              'a consent given at a window needs the applicant’s signature: witnessed (signed on the pad, or a paper form scanned, uploaded in this visit)',
              'witnessed',
              'consent.witnessRequired',
              '窗口授权须有申请人签名：请在本次受理中上传签名板签名或签字授权书扫描件（witnessed）',
            );
          const uploadId = hallId('witnessed.uploadId', witnessed.uploadId, 'an upload');
          const [signature] = await uploads.forApplicant(applicant.idNumber, [uploadId]);
          if (!signature || signature.visitId !== acting.visitId)
            throw invalidInput(
              `upload ${uploadId} is not one made in this visit for the applicant: upload the signature in the visit (POST /materials?visitId=${acting.visitId})`,
              'witnessed.uploadId',
              'consent.signatureNotInVisit',
              '签名文件不是本次受理中为申请人上传的文件，请在本次受理中重新上传',
            );
        } else if (witnessed)
          throw invalidInput(
            'witnessed is for a consent given at a window (onBehalfOf.visitId); online the applicant consents themself',
            'witnessed',
            'consent.witnessOnlyAtWindow',
            '仅窗口授权需要签名见证（onBehalfOf.visitId）；网上由申请人本人授权',
          );
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
        return consentShape(
          await consents.grant(applicant.idNumber, bundle.code, [...new Set(scopes)], new Date(), {
            witness: acting.officer,
            signatureForm: witnessed?.form ?? null,
            signatureUploadId: witnessed ? witnessed.uploadId : null,
            agent: acting.agent,
          }),
        );
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
          onBehalfOf,
        }: {
          bundleCode: string;
          options?: string[] | null;
          enterpriseUscc?: string | null;
          saleConfirmationId?: string | null;
          onBehalfOf?: OnBehalfOfArg | null;
        },
        ctx: Ctx,
      ) => {
        const bundle = catalogue.bundleOr(bundleCode);
        // Read for the applicant (the caller, the walk-in of a visit, or a principal), under their consent;
        // the audit trail names the officer or agent beside them.
        const applicant = readFor(await actingFor(actingDeps, ctx, onBehalfOf, bundle.code));
        await limits.consume('prefillForm', applicant.idNumber);
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
    Consent: {
      signature: async (c: { signatureUploadId?: string | null }) => {
        if (!c.signatureUploadId) return null;
        const u = await uploads.get(c.signatureUploadId);
        return u ? { ...u, uploadedAt: u.uploadedAt.toISOString(), url: `/materials/${u.id}` } : null;
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
