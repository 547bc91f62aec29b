import type { FieldSpec, FieldType, ItemSpec } from '@onething/adapter-core';
import type { CatalogueItemWire } from './records';

/** What the adapter knows of one field of an item: its domain spec and its code on the wire. */
export interface CatalogueField {
  readonly code: string;
  readonly spec: FieldSpec;
}

/**
 * An item as the registry publishes it: the domain's {@link ItemSpec}, plus the mappings between the
 * domain's keys and the registry's codes that submissions and case reports go through.
 */
export interface CatalogueItem {
  readonly spec: ItemSpec;
  readonly fieldsByKey: ReadonlyMap<string, CatalogueField>;
  /** Form code → semantic key (for correction fields and refusals). */
  readonly keyByCode: ReadonlyMap<string, string>;
  /** Result wire key → semantic key or material id (for what an approval issues). */
  readonly resultKeyByCode: ReadonlyMap<string, string>;
}

const YUAN_BOUNDS: ReadonlySet<FieldType> = new Set(['money']);

/** The registry's catalogue entry in domain terms: money in fen, enumerations as the domain spells them. */
export function catalogueItem(w: CatalogueItemWire): CatalogueItem {
  const fields = w.Fields.map((f): CatalogueField => {
    // The catalogue writes money bounds in yuan; the domain counts fen.
    const scale = YUAN_BOUNDS.has(f.Type) ? 100 : 1;
    const spec: FieldSpec = {
      key: f['@key'],
      label: f.Label,
      type: f.Type,
      required: f.Required,
      editable: f.Editable,
      ...(f.Hint ? { hint: f.Hint } : {}),
      ...(f.MinLength !== undefined ? { minLength: f.MinLength } : {}),
      ...(f.MaxLength !== undefined ? { maxLength: f.MaxLength } : {}),
      ...(f.Pattern !== undefined ? { pattern: f.Pattern } : {}),
      ...(f.Min !== undefined ? { min: Math.round(f.Min * scale) } : {}),
      ...(f.Max !== undefined ? { max: Math.round(f.Max * scale) } : {}),
      ...(f.Options ? { options: f.Options.map((o) => ({ value: o.Value, label: o.Label })) } : {}),
    };
    return { code: f['@code'], spec };
  });
  const spec: ItemSpec = {
    department: 'realestate',
    code: w.ItemCode,
    name: w.Name,
    type: w.ItemType,
    legalBasis: w.LegalBasis,
    legalLimitDays: w.LegalLimitDays,
    promisedLimitDays: w.PromisedLimitDays,
    acceptanceConditions: w.AcceptanceConditions,
    feeFen: w.FeeYuan,
    visits: w.Visits,
    fields: fields.map((f) => f.spec),
    materials: w.Materials.map((m) => ({
      id: m['@id'],
      name: m.Name,
      required: m.Required,
      original: m.Original,
      copies: m.Copies,
      heldBy: m.HeldBy,
      formats: m.Formats,
    })),
    result: {
      name: w.Result.Name,
      kind: w.Result.Kind,
      materials: w.Result.Documents.map((d) => d['@materialId']),
      values: w.Result.Values.map((v) => v['@key']),
    },
  };
  return {
    spec,
    fieldsByKey: new Map(fields.map((f) => [f.spec.key, f])),
    keyByCode: new Map(fields.map((f) => [f.code, f.spec.key])),
    resultKeyByCode: new Map([
      ...w.Result.Documents.map((d) => [d['@code'], d['@materialId']] as const),
      ...w.Result.Values.map((v) => [v['@code'], v['@key']] as const),
    ]),
  };
}

/**
 * The registry's field code for a key it did not publish (an item it does not know): the PascalCase
 * its protocol uses, so the registry itself says what is wrong.
 */
export function fallbackCode(key: string): string {
  return key
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}
