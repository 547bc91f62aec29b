import type { BundleDefinition } from './definition';
import type { HallItem } from './items';
import { criticalPathDays, type OneForm } from './one-form';

/** One figure of what bundling saves: applying for each item alone against applying for the bundle. */
export interface Saving {
  readonly separately: number;
  readonly bundled: number;
  readonly saved: number;
}

export interface BundleSavings {
  /** Fields filled in: every item's form, against the one form. */
  readonly fields: Saving;
  /** Required materials handed in: every item's list, against the one list (免提交 left out). */
  readonly materials: Saving;
  /** Windows queued at: one per department, against the one window (一窗受理). */
  readonly windows: Saving;
  /** Visits: each item's, against one. */
  readonly visits: Saving;
  /** Working days: the sum of promised limits, against the critical path of parallel approval. */
  readonly timeLimitDays: Saving;
}

const saving = (separately: number, bundled: number): Saving => ({
  separately,
  bundled,
  saved: separately - bundled,
});

/** What the bundle saves, computed from the items' own data and the derived one form. */
export function bundleSavings(
  bundle: BundleDefinition,
  catalogue: ReadonlyMap<string, HallItem>,
  form: OneForm,
): BundleSavings {
  const items = form.items.map((code) => catalogue.get(code)!);
  return {
    fields: saving(
      items.reduce((n, i) => n + i.fields.length, 0),
      form.fields.length,
    ),
    materials: saving(
      items.reduce((n, i) => n + i.materials.filter((m) => m.required).length, 0),
      form.materials.filter((m) => m.required && m.submit).length,
    ),
    windows: saving(new Set(items.map((i) => i.department)).size, 1),
    visits: saving(
      items.reduce((n, i) => n + i.visits, 0),
      1,
    ),
    timeLimitDays: saving(
      items.reduce((n, i) => n + i.promisedLimitDays, 0),
      criticalPathDays(bundle, catalogue, form.items),
    ),
  };
}
