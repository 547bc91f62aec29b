import type { Hall } from '../hall';
import type { HallField } from '../items';
import type { AuditNames } from './resolvers';

/**
 * Names for the audit trail from the hall's bundles: a bundle's name, and a field's label as the bundle's
 * one form with every option labels it (computed once per bundle).
 */
export function auditNamesOf(hall: Pick<Hall, 'bundle' | 'form'>): AuditNames {
  const labelsByBundle = new Map<string, ReadonlyMap<string, HallField['label']>>();
  return {
    bundleName: (code) => hall.bundle(code)?.name,
    fieldLabel: (code, key) => {
      let labels = labelsByBundle.get(code);
      if (!labels) {
        const bundle = hall.bundle(code);
        if (!bundle) return undefined;
        labels = new Map(hall.form(bundle, Object.keys(bundle.options)).fields.map((f) => [f.key, f.label]));
        labelsByBundle.set(code, labels);
      }
      return labels.get(key);
    },
  };
}
