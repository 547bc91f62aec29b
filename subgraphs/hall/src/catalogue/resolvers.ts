import type { Resolvers } from '../generated/resolvers-types';
import type { BundleCatalogue } from './bundle-catalogue';
import type { BundleDefinition } from './definition';
import { itemReference } from './items';

/** A bundle as its resolvers receive it: its definition, and itself under `bundle` for the type's fields. */
export const bundleShape = (b: BundleDefinition) => ({ ...b, bundle: b });

/** The catalogue's resolvers (public): the bundles, their items and options, one form and savings. */
export function catalogueResolvers({ catalogue }: { readonly catalogue: BundleCatalogue }): Resolvers {
  const byCode = (code: string) => {
    const b = catalogue.bundle(code);
    return b ? bundleShape(b) : null;
  };
  return {
    Query: {
      bundles: () => catalogue.bundles.map(bundleShape),
      bundle: (_: unknown, { code }: { code: string }) => byCode(code),
      items: () => catalogue.items.all().map((i) => itemReference(i.department, i.code)),
    },
    Bundle: {
      __resolveReference: ({ code }: { code: string }) => byCode(code),
      items: ({ bundle }: { bundle: BundleDefinition }) =>
        bundle.items.map((i) => {
          const spec = catalogue.items.get(i.code)!;
          return {
            item: itemReference(spec.department, i.code),
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
        const form = catalogue.form(bundle, catalogue.optionsOr(bundle, options));
        return {
          ...form,
          materials: form.materials.map((m) => ({ ...m, heldBy: m.heldBy?.toUpperCase() ?? null })),
        };
      },
      savings: ({ bundle }: { bundle: BundleDefinition }, { options }: { options: string[] }) =>
        catalogue.savings(bundle, catalogue.optionsOr(bundle, options)),
    },
    Item: { __resolveType: (item) => item.__typename },
  };
}
