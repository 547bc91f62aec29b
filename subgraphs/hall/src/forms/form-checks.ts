import { type FormProblem, problem } from '@onething/schema/forms';
import type { SignedInApplicant } from '../applicant';
import type { Clock } from '../calendar/clock';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { BundleDefinition } from '../catalogue/definition';
import type { OneForm } from '../catalogue/one-form';
import type { AuditTrail } from '../consent/audit-trail';
import type { Prefills } from '../consent/prefills';
import { hallId } from '../ids';
import type { SupergraphClient } from '../platform/supergraph-client';
import type { SaleConfirmations } from '../sales/store';
import { checkForm } from './check-form';
import type { NotChecked } from './cross-checks';

/** A bundle's form as an applicant filled it, for checkForm and submitApplication alike. */
export interface FilledBundleForm {
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  /** Ids of the materials handed in. */
  readonly materials: readonly string[];
  readonly prefillId?: string | null | undefined;
}

/** The answer of one check: the bundle, its form (unless an option is unknown), every problem. */
export interface BundleFormCheck {
  readonly bundle: BundleDefinition;
  readonly form?: OneForm;
  readonly problems: readonly FormProblem[];
  readonly notChecked: readonly NotChecked[];
}

/**
 * The one check of a filled bundle form (一次告知), the same for checkForm and submitApplication: an unknown
 * option or prefill is a problem of the form like any other, and "today" is the hall's clock's Beijing date.
 * An unknown bundle or an id that cannot be one is refused (INVALID_INPUT): there is no form to check.
 */
export class FormChecks {
  constructor(
    private readonly deps: {
      readonly catalogue: BundleCatalogue;
      readonly client: SupergraphClient;
      readonly audit: AuditTrail;
      readonly prefills: Prefills;
      readonly sales: SaleConfirmations;
      readonly clock: Clock;
    },
  ) {}

  async check(applicant: SignedInApplicant, input: FilledBundleForm): Promise<BundleFormCheck> {
    const { catalogue, prefills } = this.deps;
    const bundle = catalogue.bundleOr(input.bundleCode);
    const unknownOptions = catalogue.unknownOptions(bundle, input.options);
    if (unknownOptions.length) {
      const offered = Object.keys(bundle.options).join(', ') || 'none';
      return {
        bundle,
        problems: unknownOptions.map((o) =>
          problem('options', 'option.unknown', `没有选项 ${o}`, `no option ${o}; options: ${offered}`, []),
        ),
        notChecked: [],
      };
    }
    const form = catalogue.form(bundle, input.options);
    const prefillId = input.prefillId ? hallId('prefillId', input.prefillId, 'a prefill') : undefined;
    const prefill = prefillId ? await prefills.get(applicant.idNumber, prefillId) : undefined;
    const check = await checkForm(form, { values: input.values, materials: input.materials }, prefill, {
      today: this.deps.clock.today(),
      client: this.deps.client,
      applicant,
      audit: this.deps.audit,
      bundleCode: bundle.code,
      sales: this.deps.sales,
    });
    const problems = [...check.problems];
    if (prefillId && !prefill)
      problems.push(
        problem('prefillId', 'prefill.unknown', '没有该预填记录', 'no such prefill of yours', []),
      );
    return { bundle, form, problems, notChecked: check.notChecked };
  }
}
