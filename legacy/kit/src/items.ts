import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  type Bilingual,
  FIELD_ELEMENTS,
  type FieldElement,
  type FieldKey,
  MATERIAL_ELEMENTS,
  type MaterialElement,
  type MaterialId,
} from './vocabulary';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const fieldKey = z.string().refine((k): k is FieldKey => k in FIELD_ELEMENTS, {
  error: (i) =>
    `unknown field key ${JSON.stringify(i.input)}: add it to FIELD_ELEMENTS in legacy/kit/src/vocabulary.ts`,
});
const materialId = z.string().refine((k): k is MaterialId => k in MATERIAL_ELEMENTS, {
  error: (i) =>
    `unknown material id ${JSON.stringify(i.input)}: add it to MATERIAL_ELEMENTS in legacy/kit/src/vocabulary.ts`,
});

/** Kinds of item in the national catalogue (事项类型). */
export const ITEM_TYPES = [
  'administrative-licence', // 行政许可
  'administrative-confirmation', // 行政确认
  'administrative-levy', // 行政征收
  'public-service', // 公共服务
  'other-power', // 其他行政权力
] as const;

/** One item (事项) as a department's data file declares it; fields and materials refer to the vocabulary. */
const itemFileEntry = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z]+(-[A-Z]+)+$/, 'item codes are capitals in dash-separated words, e.g. TAX-DEED-TAX'),
    name: bilingual,
    type: z.enum(ITEM_TYPES),
    legalBasis: z.array(z.string().min(1)).min(1),
    /** Time limit set by law, in working days. */
    legalLimitDays: z.number().int().min(0),
    /** Time limit the department promises (承诺时限), in working days; 0 means on the spot (即办). */
    promisedLimitDays: z.number().int().min(0),
    acceptanceConditions: z.array(bilingual).min(1),
    feeFen: z.number().int().min(0).default(0),
    /** Visits to a window the item needs when applied for alone (跑动次数). */
    visits: z.number().int().min(0).max(3),
    fields: z
      .array(
        z
          .object({
            key: fieldKey,
            required: z.boolean(),
            /** Whether a prefilled value may be overwritten by the applicant. */
            editable: z.boolean().default(true),
            min: z.number().optional(),
            max: z.number().optional(),
          })
          .strict(),
      )
      .min(1),
    materials: z.array(
      z
        .object({
          id: materialId,
          required: z.boolean(),
          original: z.boolean().default(false),
          copies: z.number().int().min(0).default(1),
        })
        .strict(),
    ),
    result: z
      .object({
        name: bilingual,
        kind: z.enum(['licence', 'certificate', 'notice', 'receipt', 'approval']),
        /** Materials the approval produces (e.g. `business-licence`). */
        materials: z.array(materialId).default([]),
        /** Values the approval produces, by semantic key (e.g. `enterprise.uscc`). */
        values: z.array(fieldKey).default([]),
      })
      .strict(),
  })
  .strict()
  .refine((i) => i.promisedLimitDays <= i.legalLimitDays, {
    error: 'the promised time limit must not exceed the legal one',
    path: ['promisedLimitDays'],
  });

export interface PublishedField extends FieldElement {
  readonly key: FieldKey;
  readonly required: boolean;
  readonly editable: boolean;
}

export interface PublishedMaterial extends MaterialElement {
  readonly id: MaterialId;
  readonly required: boolean;
  readonly original: boolean;
  readonly copies: number;
}

/** An item as a department publishes it: the implementation-list elements (实施清单要素), expanded. */
export interface PublishedItem {
  readonly department: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly type: (typeof ITEM_TYPES)[number];
  readonly legalBasis: readonly string[];
  readonly legalLimitDays: number;
  readonly promisedLimitDays: number;
  readonly acceptanceConditions: readonly Bilingual[];
  readonly feeFen: number;
  readonly visits: number;
  readonly fields: readonly PublishedField[];
  readonly materials: readonly PublishedMaterial[];
  readonly result: {
    readonly name: Bilingual;
    readonly kind: string;
    readonly materials: readonly MaterialId[];
    readonly values: readonly FieldKey[];
  };
}

/**
 * Reads a department's item file, validates it against the vocabulary and expands each field and
 * material; a bad file stops the start with every problem, naming the file.
 */
export function loadItems(department: string, file: URL | string): PublishedItem[] {
  const parsed = z.array(itemFileEntry).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - [${i.path.join('.')}] ${i.message}`).join('\n');
    throw new Error(`${String(file)}: the item list of ${department} is not valid:\n${problems}`);
  }
  const codes = new Set<string>();
  return parsed.data.map((item) => {
    if (codes.has(item.code)) throw new Error(`${String(file)}: item ${item.code} is declared twice`);
    codes.add(item.code);
    return {
      ...item,
      department,
      fields: item.fields.map((f) => {
        const base: FieldElement = FIELD_ELEMENTS[f.key as FieldKey];
        return {
          ...base,
          key: f.key as FieldKey,
          required: f.required,
          editable: f.editable,
          ...(f.min !== undefined ? { min: f.min } : {}),
          ...(f.max !== undefined ? { max: f.max } : {}),
        };
      }),
      materials: item.materials.map((m) => ({
        ...MATERIAL_ELEMENTS[m.id as MaterialId],
        ...m,
        id: m.id as MaterialId,
      })),
      result: {
        ...item.result,
        materials: item.result.materials as MaterialId[],
        values: item.result.values as FieldKey[],
      },
    };
  });
}
