import { DEPARTMENT, type DepartmentKey } from '@onething/schema';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { BundleDefinition } from '../catalogue/definition';
import { sourcesFor } from './prefill-sources';

/** What the hall asks consent for: one department's data for a bundle's form, in plain words. */
export interface ConsentScope {
  readonly key: DepartmentKey;
  readonly data: { zh: string; en: string };
  readonly purpose: { zh: string; en: string };
  readonly fields: readonly string[];
}

/**
 * Departments whose data can fill this bundle's form with these options (every option when omitted), and
 * exactly what each fills of it: a consent names only values the form shows.
 */
export function consentScopes(
  catalogue: Pick<BundleCatalogue, 'form'>,
  bundle: BundleDefinition,
  options: readonly string[] = Object.keys(bundle.options),
): ConsentScope[] {
  const form = catalogue.form(bundle, options);
  const labels = new Map(form.fields.map((f) => [f.key, f.label]));
  const sources = sourcesFor(new Set(form.fields.map((f) => f.key)));
  const departments = [...new Set(sources.map((s) => s.department))];
  return departments.map((key) => {
    const fields = sources.filter((s) => s.department === key).map((s) => s.key);
    const names = fields.map((f) => labels.get(f)!);
    return {
      key,
      fields,
      data: {
        zh: `${DEPARTMENT[key].inSentence.zh}登记的：${names.map((n) => n.zh).join('、')}`,
        en: `What ${DEPARTMENT[key].inSentence.en} holds: ${names.map((n) => n.en.toLowerCase()).join(', ')}`,
      },
      purpose: {
        zh: `用于预先填写「${bundle.name.zh}」申请表，您可核对和修改`,
        en: `To prefill the form of "${bundle.name.en}" for you to check and change`,
      },
    };
  });
}
