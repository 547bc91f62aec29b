import type { BundleDefinition } from './definition';
import type { HallField, HallItem, HallMaterial } from './items';
import { SECTIONS, sectionOf, sectionTitle } from './sections';

/** A field of the one form: asked once, for every item that uses it. */
export interface OneFormField extends Omit<HallField, 'pattern' | 'required'> {
  /** Required for at least one of the items applied for. */
  readonly required: boolean;
  /** Items that require it. */
  readonly requiredFor: readonly string[];
  /** Items that use it. */
  readonly usedBy: readonly string[];
  /** Every item's pattern (a value must match them all). */
  readonly patterns: readonly string[];
  readonly section: string;
}

export type MaterialSource = 'APPLICANT' | 'PRODUCED_IN_BUNDLE' | 'HELD_BY_DEPARTMENT' | 'PAID_IN_BUNDLE';

/** A material of the one form: listed once, and marked when it need not be handed in (免提交). */
export interface OneFormMaterial extends Omit<HallMaterial, 'heldBy' | 'required'> {
  readonly required: boolean;
  readonly usedBy: readonly string[];
  /** Whether the applicant hands it in. */
  readonly submit: boolean;
  readonly source: MaterialSource;
  /** For PRODUCED_IN_BUNDLE: the item that issues it. */
  readonly producedBy: string | null;
  /** For HELD_BY_DEPARTMENT: the participating department that holds it. */
  readonly heldBy: string | null;
}

export interface OneForm {
  /** Items applied for: the bundle's items without an option, plus those of the chosen options. */
  readonly items: readonly string[];
  readonly sections: readonly {
    key: string;
    title: { zh: string; en: string };
    fieldKeys: readonly string[];
  }[];
  readonly fields: readonly OneFormField[];
  readonly materials: readonly OneFormMaterial[];
  /** Values issued inside the bundle and passed on, never asked. */
  readonly flows: readonly { from: string; key: string; to: readonly string[] }[];
}

const numeric = (s: string | null) => (s === null ? undefined : Number(s));

function mergeFields(key: string, uses: readonly { item: HallItem; field: HallField }[]): OneFormField {
  const [first] = uses;
  const mins = uses.map((u) => numeric(u.field.min)).filter((n): n is number => n !== undefined);
  const maxes = uses.map((u) => numeric(u.field.max)).filter((n): n is number => n !== undefined);
  const minLengths = uses.map((u) => u.field.minLength).filter((n): n is number => n !== null);
  const maxLengths = uses.map((u) => u.field.maxLength).filter((n): n is number => n !== null);
  const withOptions = uses.filter((u) => u.field.options.length > 0);
  const options = withOptions.length
    ? withOptions[0]!.field.options.filter((o) =>
        withOptions.every((u) => u.field.options.some((x) => x.value === o.value)),
      )
    : [];
  const pick = (values: number[], fn: (...n: number[]) => number) =>
    values.length ? fn(...values) : undefined;
  const asText = (n: number | undefined, source: (u: { field: HallField }) => string | null) =>
    n === undefined ? null : (uses.map(source).find((s) => s !== null && Number(s) === n) ?? String(n));
  return {
    key,
    label: first!.field.label,
    type: first!.field.type,
    hint: uses.find((u) => u.field.hint)?.field.hint ?? null,
    required: uses.some((u) => u.field.required),
    requiredFor: uses.filter((u) => u.field.required).map((u) => u.item.code),
    usedBy: uses.map((u) => u.item.code),
    editable: uses.every((u) => u.field.editable),
    minLength: pick(minLengths, Math.max) ?? null,
    maxLength: pick(maxLengths, Math.min) ?? null,
    patterns: [...new Set(uses.map((u) => u.field.pattern).filter((p): p is string => p !== null))],
    min: asText(pick(mins, Math.max), (u) => u.field.min),
    max: asText(pick(maxes, Math.min), (u) => u.field.max),
    options,
    section: sectionOf(key),
  };
}

/**
 * Derives a bundle's one form from its items' specifications: each field once per semantic key (rules
 * merged, the strictest winning), each material once per id; values and documents issued by an earlier
 * item of the bundle are not asked, and materials a participating department holds are not handed in.
 */
export function deriveOneForm(
  bundle: BundleDefinition,
  catalogue: ReadonlyMap<string, HallItem>,
  chosenOptions: readonly string[] = [],
): OneForm {
  const active = bundle.items.filter((i) => !i.option || chosenOptions.includes(i.option));
  const items = active.map((i) => catalogue.get(i.code)!);
  const activeCodes = new Set(items.map((i) => i.code));
  const departments = new Set(items.map((i) => i.department.toLowerCase()));
  const flows = bundle.flows
    .filter((f) => activeCodes.has(f.from))
    .map((f) => ({ from: f.from, key: f.result, to: f.to.filter((t) => activeCodes.has(t)) }))
    .filter((f) => f.to.length > 0);
  const flowsInto = (item: string, key: string) => flows.find((f) => f.key === key && f.to.includes(item));

  const fieldUses = new Map<string, { item: HallItem; field: HallField }[]>();
  for (const item of items) {
    for (const field of item.fields) {
      if (flowsInto(item.code, field.key)) continue;
      fieldUses.set(field.key, [...(fieldUses.get(field.key) ?? []), { item, field }]);
    }
  }
  const order = Object.keys(SECTIONS);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  const fields = [...fieldUses.entries()]
    .map(([key, uses]) => mergeFields(key, uses))
    .sort((a, b) => rank(a.section) - rank(b.section));
  const sectionKeys = [...new Set(fields.map((f) => f.section))];

  const materialUses = new Map<string, { item: HallItem; material: HallMaterial }[]>();
  for (const item of items)
    for (const material of item.materials)
      materialUses.set(material.id, [...(materialUses.get(material.id) ?? []), { item, material }]);
  const materials = [...materialUses.entries()].map(([id, uses]): OneFormMaterial => {
    const first = uses[0]!.material;
    const producer = uses.every((u) => flowsInto(u.item.code, id))
      ? flowsInto(uses[0]!.item.code, id)!.from
      : null;
    const holder = first.heldBy.find((d) => departments.has(d.toLowerCase())) ?? null;
    const formats = first.formats.filter((f) => uses.every((u) => u.material.formats.includes(f)));
    const paid =
      bundle.payment?.proof === id && uses.every((u) => bundle.payment!.before.includes(u.item.code));
    const source: MaterialSource = paid
      ? 'PAID_IN_BUNDLE'
      : producer
        ? 'PRODUCED_IN_BUNDLE'
        : holder
          ? 'HELD_BY_DEPARTMENT'
          : 'APPLICANT';
    return {
      id,
      name: first.name,
      required: uses.some((u) => u.material.required),
      original: uses.some((u) => u.material.original),
      copies: Math.max(...uses.map((u) => u.material.copies)),
      formats: formats.length ? formats : first.formats,
      usedBy: uses.map((u) => u.item.code),
      submit: source === 'APPLICANT',
      source,
      producedBy: producer,
      heldBy: source === 'HELD_BY_DEPARTMENT' ? holder : null,
    };
  });

  return {
    items: items.map((i) => i.code),
    sections: sectionKeys.map((key) => ({
      key,
      title: sectionTitle(key),
      fieldKeys: fields.filter((f) => f.section === key).map((f) => f.key),
    })),
    fields,
    materials,
    flows,
  };
}

/** The longest chain of promised time limits through the bundle (items in parallel overlap). */
export function criticalPathDays(
  bundle: BundleDefinition,
  catalogue: ReadonlyMap<string, HallItem>,
  activeItems: readonly string[],
): number {
  const active = new Set(activeItems);
  const memo = new Map<string, number>();
  const finish = (code: string): number => {
    const known = memo.get(code);
    if (known !== undefined) return known;
    const item = bundle.items.find((i) => i.code === code)!;
    const start = Math.max(0, ...item.after.filter((p) => active.has(p)).map(finish));
    const days = start + (catalogue.get(code)?.promisedLimitDays ?? 0);
    memo.set(code, days);
    return days;
  };
  return Math.max(0, ...activeItems.map(finish));
}
