import type { Bilingual, PublishedField, PublishedItem } from '@onething/legacy-kit';
import { wireCode } from './field-codes';

const upperSnake = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replaceAll('-', '_')
    .toUpperCase();

/** A form field of the catalogue: semantic key and the wire's own field code, rules in wire units. */
export interface WireFormField {
  readonly semanticKey: string;
  readonly fieldCode: string;
  readonly label: Bilingual;
  /** TEXT, ID_NUMBER, USCC, UNIT_CODE, MONEY, DATE, PHONE, INTEGER, DECIMAL, ENUM, BOOLEAN, BANK_ACCOUNT, FUND_ACCOUNT. */
  readonly dataType: string;
  readonly required: boolean;
  readonly editable: boolean;
  readonly hint: Bilingual | null;
  /** Bounds of MONEY fields are in yuan, as the form's values are. */
  readonly rules: {
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly pattern?: string;
    readonly min?: number;
    readonly max?: number;
  };
  readonly options: readonly { readonly value: string; readonly label: Bilingual }[];
}

/** An item of the catalogue (事项实施清单) on the market wire. */
export interface WireItem {
  readonly itemCode: string;
  readonly name: Bilingual;
  readonly itemType: string;
  readonly legalBasis: readonly string[];
  readonly legalTimeLimitDays: number;
  readonly promisedTimeLimitDays: number;
  readonly acceptanceConditions: readonly Bilingual[];
  /** Yuan. */
  readonly fee: number;
  readonly visitsRequired: number;
  readonly formFields: readonly WireFormField[];
  readonly materials: readonly {
    readonly materialId: string;
    readonly name: Bilingual;
    readonly required: boolean;
    readonly originalRequired: boolean;
    readonly copies: number;
    readonly heldBy: readonly string[];
    readonly acceptedFormats: readonly string[];
  }[];
  readonly result: {
    readonly name: Bilingual;
    readonly kind: string;
    readonly documents: readonly string[];
    readonly values: readonly { readonly semanticKey: string; readonly fieldCode: string }[];
  };
}

function wireField(f: PublishedField): WireFormField {
  const scale = f.type === 'money' ? 100 : 1;
  return {
    semanticKey: f.key,
    fieldCode: wireCode(f.key),
    label: f.label,
    dataType: upperSnake(f.type),
    required: f.required,
    editable: f.editable,
    hint: f.hint ?? null,
    rules: {
      ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
      ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
      ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
      ...(f.min !== undefined ? { min: f.min / scale } : {}),
      ...(f.max !== undefined ? { max: f.max / scale } : {}),
    },
    options: f.options ?? [],
  };
}

/** Renders a published item in the wire's conventions: camelCase, UPPER_SNAKE enums, money in yuan. */
export function wireItem(item: PublishedItem): WireItem {
  return {
    itemCode: item.code,
    name: item.name,
    itemType: upperSnake(item.type),
    legalBasis: item.legalBasis,
    legalTimeLimitDays: item.legalLimitDays,
    promisedTimeLimitDays: item.promisedLimitDays,
    acceptanceConditions: item.acceptanceConditions,
    fee: item.feeFen / 100,
    visitsRequired: item.visits,
    formFields: item.fields.map(wireField),
    materials: item.materials.map((m) => ({
      materialId: m.id,
      name: m.name,
      required: m.required,
      originalRequired: m.original,
      copies: m.copies,
      heldBy: m.heldBy ?? [],
      acceptedFormats: m.formats ?? [],
    })),
    result: {
      name: item.result.name,
      kind: upperSnake(item.result.kind),
      documents: item.result.materials,
      values: item.result.values.map((k) => ({ semanticKey: k, fieldCode: wireCode(k) })),
    },
  };
}
