import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { HallField } from '../catalogue/items';
import type { AuditNames } from './audit-resolvers';

/**
 * What a cross-department check reads that no form field names (the register's answer about a unit or an
 * enterprise), named for the person whose data it is.
 */
const CHECKED: Readonly<Record<string, { zh: string; en: string }>> = {
  'property.owners': { zh: '登记簿记载的权利人', en: 'the owners in the register' },
  'property.seized': { zh: '查封状态', en: 'whether it is seized' },
  'enterprise.status': { zh: '企业登记状态', en: 'the enterprise’s registration status' },
  'enterprise.legalRepIdNumber': { zh: '法定代表人', en: 'the legal representative' },
  'fund.balance': { zh: '公积金账户余额', en: 'the fund account’s balance' },
  'fund.status': { zh: '公积金账户状态', en: 'the fund account’s status' },
};

/**
 * Names for the audit trail from the hall's bundles: a bundle's name, and a field's label as the bundle's
 * one form with every option labels it (computed once per bundle).
 */
export function auditNamesOf(catalogue: Pick<BundleCatalogue, 'bundle' | 'form'>): AuditNames {
  const labelsByBundle = new Map<string, ReadonlyMap<string, HallField['label']>>();
  return {
    bundleName: (code) => catalogue.bundle(code)?.name,
    fieldLabel: (code, key) => {
      let labels = labelsByBundle.get(code);
      if (!labels) {
        const bundle = catalogue.bundle(code);
        if (!bundle) return CHECKED[key];
        labels = new Map(
          catalogue.form(bundle, Object.keys(bundle.options)).fields.map((f) => [f.key, f.label]),
        );
        labelsByBundle.set(code, labels);
      }
      return labels.get(key) ?? CHECKED[key];
    },
  };
}
