import type { FieldSpec, FieldType, ItemSpec, ItemType, MaterialSpec } from '@onething/adapter-core';
import { z } from 'zod';
import { keyOfFieldCode } from './wire';

const ITEM_TYPES: Record<string, ItemType> = {
  '01': 'administrative-licence',
  '04': 'administrative-levy',
  '07': 'administrative-confirmation',
  '10': 'other-power',
  '20': 'public-service',
};

const FIELD_TYPES: Record<string, FieldType> = {
  text: 'text',
  id_number: 'idNumber',
  uscc: 'uscc',
  unit_code: 'unitCode',
  money_fen: 'money',
  date: 'date',
  phone: 'phone',
  integer: 'integer',
  decimal: 'decimal',
  enum: 'enum',
  flag: 'boolean',
  bank_account: 'bankAccount',
  fund_account: 'fundAccount',
};

const known = <T>(table: Record<string, T>, what: string) =>
  z.string().refine((v) => v in table, { error: (i) => `unknown ${what} ${JSON.stringify(i.input)}` });
const bilingual = (zh: string, en: string) => ({ zh, en });
const omitNull = <K extends string, V>(key: K, value: V | null) =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V };

const wireField = z.object({
  field_key: z.string(),
  field_code: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  field_type: known(FIELD_TYPES, 'field type'),
  required: z.boolean(),
  editable: z.boolean(),
  hint_zh: z.string().nullable(),
  hint_en: z.string().nullable(),
  min_length: z.number().nullable(),
  max_length: z.number().nullable(),
  pattern: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  options: z.array(z.object({ value: z.string(), label_zh: z.string(), label_en: z.string() })),
});

const wireItem = z.object({
  item_code: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  item_type: known(ITEM_TYPES, 'item type'),
  legal_basis: z.array(z.string()),
  legal_limit_days: z.number().int(),
  promised_limit_days: z.number().int(),
  acceptance_conditions: z.array(z.object({ condition_zh: z.string(), condition_en: z.string() })),
  fee_fen: z.number().int(),
  visits: z.number().int(),
  fields: z.array(wireField),
  materials: z.array(
    z.object({
      material_id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      required: z.boolean(),
      original: z.boolean(),
      copies: z.number().int(),
      held_by: z.array(z.string()),
      formats: z.array(z.string()),
    }),
  ),
  result: z.object({
    name_zh: z.string(),
    name_en: z.string(),
    result_kind: z.string(),
    documents: z.array(z.object({ material_id: z.string(), result_code: z.string() })),
    values: z.array(z.object({ field_key: z.string(), result_code: z.string() })),
  }),
});

/** `data` of `GET /items`. */
export const itemsData = z.object({ items: z.array(wireItem) });

type WireItem = z.output<typeof wireItem>;

function fieldSpec(f: WireItem['fields'][number]): FieldSpec {
  return {
    key: f.field_key,
    label: bilingual(f.label_zh, f.label_en),
    type: FIELD_TYPES[f.field_type]!,
    required: f.required,
    editable: f.editable,
    ...(f.hint_zh !== null && f.hint_en !== null ? { hint: bilingual(f.hint_zh, f.hint_en) } : {}),
    ...omitNull('minLength', f.min_length),
    ...omitNull('maxLength', f.max_length),
    ...omitNull('pattern', f.pattern),
    ...omitNull('min', f.min),
    ...omitNull('max', f.max),
    ...(f.options.length > 0
      ? { options: f.options.map((o) => ({ value: o.value, label: bilingual(o.label_zh, o.label_en) })) }
      : {}),
  };
}

/** An item of the catalogue in domain terms. */
export function itemSpec(w: WireItem): ItemSpec {
  return {
    department: 'tax',
    code: w.item_code,
    name: bilingual(w.name_zh, w.name_en),
    type: ITEM_TYPES[w.item_type]!,
    legalBasis: w.legal_basis,
    legalLimitDays: w.legal_limit_days,
    promisedLimitDays: w.promised_limit_days,
    acceptanceConditions: w.acceptance_conditions.map((c) => bilingual(c.condition_zh, c.condition_en)),
    feeFen: w.fee_fen,
    visits: w.visits,
    fields: w.fields.map(fieldSpec),
    materials: w.materials.map(
      (m): MaterialSpec => ({
        id: m.material_id,
        name: bilingual(m.name_zh, m.name_en),
        required: m.required,
        original: m.original,
        copies: m.copies,
        heldBy: m.held_by,
        formats: m.formats,
      }),
    ),
    result: {
      name: bilingual(w.result.name_zh, w.result.name_en),
      kind: w.result.result_kind,
      materials: w.result.documents.map((d) => d.material_id),
      values: w.result.values.map((v) => v.field_key),
    },
  };
}

/**
 * What the wire's codes stand for, as the catalogue publishes them: field codes and result codes to
 * semantic keys and material ids. A case's `result` is keyed by result codes, which only the catalogue
 * can tell apart (`deed_tax_receipt` is the material `deed-tax-receipt`, `enterprise_uscc` the key
 * `enterprise.uscc`).
 */
export class CodeBook {
  private readonly names = new Map<string, string>();

  constructor(items: readonly WireItem[]) {
    for (const item of items) {
      for (const f of item.fields) this.names.set(f.field_code, f.field_key);
      for (const d of item.result.documents) this.names.set(d.result_code, d.material_id);
      for (const v of item.result.values) this.names.set(v.result_code, v.field_key);
    }
  }

  has(code: string): boolean {
    return this.names.has(code);
  }

  /** The semantic key or material id of a code; a code the catalogue does not list is read as a field code. */
  nameOf(code: string): string {
    return this.names.get(code) ?? keyOfFieldCode(code);
  }
}
