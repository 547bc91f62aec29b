import { departmentNamed } from '@onething/schema';
import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { BundleDefinition } from './bundles/definition';
import type { FormLimits } from './form-limits';
import { checkForm } from './forms/check-form';
import type { Hall } from './hall';
import { hallId } from './ids';
import { prefillForm } from './prefill/prefill';
import { prefillFromSale } from './sales/prefill';
import { isLive, type SaleConfirmations } from './sales/store';
import type { AuditTrail } from './store/audit';
import type { Consent, Consents } from './store/consents';
import type { Prefills } from './store/prefills';
import type { SupergraphClient } from './supergraph-client';

type Ctx = SubgraphContext<unknown>;

export interface HallDeps {
  readonly hall: Hall;
  readonly client: SupergraphClient;
  readonly consents: Consents;
  readonly audit: AuditTrail;
  readonly prefills: Prefills;
  /** Limits per applicant of checkForm and prefillForm. */
  readonly limits: FormLimits;
  readonly sales: SaleConfirmations;
}

/** The signed-in applicant, or FORBIDDEN: consents, prefill and one's own audit trail are an applicant's. */
function applicantOf(ctx: Ctx) {
  const a = ctx.access.applicant;
  if (ctx.identity.role !== 'applicant' || !a) {
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      ctx.identity.role === 'anonymous'
        ? 'sign in as an applicant'
        : 'only an applicant can do this, for themselves',
    );
  }
  return {
    idNumber: a.idNumber,
    enterprises: a.enterprises,
    subject: ctx.identity.subject,
    role: ctx.identity.role,
  };
}

function invalid(message: string, field: string, rule: string, zh: string) {
  return subgraphError('INVALID_INPUT', 'hall', message, {
    problems: [{ path: field, rule, message: { zh, en: message } }],
  });
}

const consentShape = (c: Consent) => ({
  ...c,
  grantedAt: c.grantedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});
/** The hall's resolvers: bundles and their one forms (public), consent, prefill, checks (the audit trail: audit/). */
export function hallResolvers({ hall, client, consents, audit, prefills, limits, sales }: HallDeps) {
  const bundleOr = (code: string): BundleDefinition => {
    const b = hall.bundle(code);
    if (!b)
      throw invalid(
        `no bundle ${code}; bundles: ${hall.bundles.map((x) => x.code).join(', ')}`,
        'bundleCode',
        'bundle.unknown',
        `没有一件事 ${code}`,
      );
    return b;
  };
  const optionsOr = (bundle: BundleDefinition, options: readonly string[] | null | undefined) => {
    const list = options ?? [];
    const unknown = hall.unknownOptions(bundle, list);
    if (unknown.length) {
      throw invalid(
        `${bundle.code} has no option ${unknown.join(', ')}; options: ${Object.keys(bundle.options).join(', ') || 'none'}`,
        'options',
        'option.unknown',
        `没有选项 ${unknown.join('、')}`,
      );
    }
    return list;
  };
  const bundleShape = (b: BundleDefinition) => ({ ...b, bundle: b });

  return {
    Query: {
      bundles: () => hall.bundles.map(bundleShape),
      bundle: (_: unknown, { code }: { code: string }) => {
        const b = hall.bundle(code);
        return b ? bundleShape(b) : null;
      },
      items: () =>
        hall.catalogue
          .all()
          .map((i) => ({ __typename: departmentNamed(i.department)?.itemType, code: i.code })),
      myConsents: async (_: unknown, __: unknown, ctx: Ctx) =>
        (await consents.list(applicantOf(ctx).idNumber)).map(consentShape),
      checkForm: async (
        _: unknown,
        args: {
          bundleCode: string;
          options: string[];
          values: { key: string; value: string }[];
          materials: string[];
          prefillId?: string | null;
        },
        ctx: Ctx,
      ) => {
        const me = applicantOf(ctx);
        await limits.consume('checkForm', me.idNumber);
        const bundle = bundleOr(args.bundleCode);
        const form = hall.form(bundle, optionsOr(bundle, args.options));
        const prefill = args.prefillId
          ? await prefills.get(me.idNumber, hallId('prefillId', args.prefillId, 'a prefill'))
          : undefined;
        if (args.prefillId && !prefill)
          throw invalid(
            `no prefill ${args.prefillId} of yours`,
            'prefillId',
            'prefill.unknown',
            '没有该预填记录',
          );
        return checkForm(form, { values: args.values, materials: args.materials ?? [] }, prefill, {
          today: new Date().toISOString().slice(0, 10),
          client,
          applicant: me,
          audit,
          bundleCode: bundle.code,
          sales,
        });
      },
    },
    Mutation: {
      grantConsent: async (
        _: unknown,
        { bundleCode, scopes }: { bundleCode: string; scopes: string[] },
        ctx: Ctx,
      ) => {
        const me = applicantOf(ctx);
        const bundle = bundleOr(bundleCode);
        const offered = hall.consentScopes(bundle).map((s) => s.key as string);
        const unknown = scopes.filter((s) => !offered.includes(s));
        if (unknown.length) {
          throw invalid(
            `${bundleCode} asks no consent for ${unknown.join(', ')}; it asks for ${offered.join(', ')}`,
            'scopes',
            'scope.unknown',
            `不能授权 ${unknown.join('、')}`,
          );
        }
        return consentShape(await consents.grant(me.idNumber, bundleCode, [...new Set(scopes)]));
      },
      revokeConsent: async (_: unknown, { consentId }: { consentId: string }, ctx: Ctx) => {
        const revoked = await consents.revoke(
          applicantOf(ctx).idNumber,
          hallId('consentId', consentId, 'a consent'),
        );
        if (!revoked)
          throw invalid(`no consent ${consentId} of yours`, 'consentId', 'consent.unknown', '没有该授权');
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
        const me = applicantOf(ctx);
        await limits.consume('prefillForm', me.idNumber);
        const bundle = bundleOr(bundleCode);
        const sale = saleConfirmationId
          ? await sales.forBuyer(me.idNumber, hallId('saleConfirmationId', saleConfirmationId, 'a sale'))
          : undefined;
        if (saleConfirmationId && (!sale || !isLive(sale)))
          throw invalid(
            `no sale confirmed to you as ${saleConfirmationId} (or it was withdrawn or has expired): the seller confirms the sale first`,
            'saleConfirmationId',
            'sale.notConfirmed',
            '出卖人尚未向您确认该出售（或确认已撤回、已过期）',
          );
        const consent = await consents.current(me.idNumber, bundle.code);
        // Only what the chosen form shows is read (and audited): every option's fields when none are named.
        const form = hall.form(
          bundle,
          options == null ? Object.keys(bundle.options) : optionsOr(bundle, options),
        );
        const result = await prefillForm(
          {
            applicant: me,
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
          ? await prefillFromSale(sale, form, me, client, audit, bundle.code)
          : { values: [], unavailable: [] };
        const saleKeys = new Set(fromSale.values.map((v) => v.key));
        const saved = await prefills.save({
          applicantIdNumber: me.idNumber,
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
      __resolveReference: ({ code }: { code: string }) => {
        const b = hall.bundle(code);
        return b ? bundleShape(b) : null;
      },
      items: ({ bundle }: { bundle: BundleDefinition }) =>
        bundle.items.map((i) => {
          const spec = hall.catalogue.get(i.code)!;
          return {
            item: { __typename: departmentNamed(spec.department)?.itemType, code: i.code },
            code: i.code,
            department: spec.department,
            name: spec.name,
            after: i.after,
            option: i.option ?? null,
            promisedLimitDays: spec.promisedLimitDays,
          };
        }),
      options: ({ bundle }: { bundle: BundleDefinition }) =>
        Object.entries(bundle.options).map(([key, label]) => ({
          key,
          label,
          items: bundle.items.filter((i) => i.option === key).map((i) => i.code),
        })),
      form: ({ bundle }: { bundle: BundleDefinition }, { options }: { options: string[] }) => {
        const form = hall.form(bundle, optionsOr(bundle, options));
        return {
          ...form,
          materials: form.materials.map((m) => ({ ...m, heldBy: m.heldBy?.toUpperCase() ?? null })),
        };
      },
      savings: ({ bundle }: { bundle: BundleDefinition }, { options }: { options: string[] }) =>
        hall.savings(bundle, optionsOr(bundle, options)),
      consentScopes: ({ bundle }: { bundle: BundleDefinition }, { options }: { options?: string[] | null }) =>
        hall
          .consentScopes(bundle, options == null ? undefined : optionsOr(bundle, options))
          .map((s) => ({ ...s, department: s.key.toUpperCase() })),
    },
    // Rules not checked name their department as the hall keeps it (lower case); the schema's enum is upper.
    NotChecked: { department: (n: { department: string }) => n.department.toUpperCase() },
    Item: { __resolveType: (item: { __typename: string }) => item.__typename },
  };
}
