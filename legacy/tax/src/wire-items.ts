import type { PublishedField, PublishedItem, PublishedMaterial } from '@onething/legacy-kit';
import { fieldCode, resultCode } from './codes';

/** Item types as the national catalogue codes them (权力类型编码). */
export const ITEM_TYPE_CODES = {
  'administrative-licence': '01',
  'administrative-levy': '04',
  'administrative-confirmation': '07',
  'other-power': '10',
  'public-service': '20',
} as const satisfies Record<PublishedItem['type'], string>;

/** Field types as the tax wire names them. */
const FIELD_TYPES: Record<PublishedField['type'], string> = {
  text: 'text',
  idNumber: 'id_number',
  uscc: 'uscc',
  unitCode: 'unit_code',
  money: 'money_fen',
  date: 'date',
  phone: 'phone',
  integer: 'integer',
  decimal: 'decimal',
  enum: 'enum',
  boolean: 'flag',
  bankAccount: 'bank_account',
  fundAccount: 'fund_account',
};

function fieldToWire(f: PublishedField) {
  return {
    field_key: f.key,
    field_code: fieldCode(f.key),
    label_zh: f.label.zh,
    label_en: f.label.en,
    field_type: FIELD_TYPES[f.type],
    required: f.required,
    editable: f.editable,
    hint_zh: f.hint?.zh ?? null,
    hint_en: f.hint?.en ?? null,
    min_length: f.minLength ?? null,
    max_length: f.maxLength ?? null,
    pattern: f.pattern ?? null,
    min: f.min ?? null,
    max: f.max ?? null,
    options: f.options?.map((o) => ({ value: o.value, label_zh: o.label.zh, label_en: o.label.en })) ?? [],
  };
}

function materialToWire(m: PublishedMaterial) {
  return {
    material_id: m.id,
    name_zh: m.name.zh,
    name_en: m.name.en,
    required: m.required,
    original: m.original,
    copies: m.copies,
    held_by: m.heldBy ?? [],
    formats: m.formats ?? [],
  };
}

/** An item of the catalogue (`GET /api/v1/items`) in the tax wire's terms. */
export function itemToWire(item: PublishedItem) {
  return {
    item_code: item.code,
    name_zh: item.name.zh,
    name_en: item.name.en,
    item_type: ITEM_TYPE_CODES[item.type],
    legal_basis: item.legalBasis,
    legal_limit_days: item.legalLimitDays,
    promised_limit_days: item.promisedLimitDays,
    acceptance_conditions: item.acceptanceConditions.map((c) => ({
      condition_zh: c.zh,
      condition_en: c.en,
    })),
    fee_fen: item.feeFen,
    visits: item.visits,
    fields: item.fields.map(fieldToWire),
    materials: item.materials.map(materialToWire),
    result: {
      name_zh: item.result.name.zh,
      name_en: item.result.name.en,
      result_kind: item.result.kind,
      documents: item.result.materials.map((id) => ({ material_id: id, result_code: resultCode(id) })),
      values: item.result.values.map((key) => ({ field_key: key, result_code: resultCode(key) })),
    },
  };
}

/** The catalogue as the wire sends it. */
export type WireItem = ReturnType<typeof itemToWire>;
