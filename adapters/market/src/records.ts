import { z } from 'zod';

/**
 * The market system's records in domain terms, and zod schemas of every answer of its wire: an answer
 * that does not match throws inside `interpret`, which the core reports as MALFORMED_RESPONSE.
 */

/** A market entity (市场主体) as the registry holds it. */
export interface Enterprise {
  readonly uscc: string;
  readonly name: string;
  /** `COMPANY` (有限公司) or `INDIVIDUAL` (个体工商户). */
  readonly kind: 'COMPANY' | 'INDIVIDUAL';
  readonly legalRepIdNumber: string;
  readonly legalRepName: string;
  /** Registered capital in fen (the wire declares it in 万元). */
  readonly registeredCapitalFen: number;
  /** ISO date of establishment. */
  readonly establishedOn: string;
  readonly address: string;
  readonly businessScope: string;
  /** `ACTIVE` (存续) or `DEREGISTERED` (注销). */
  readonly status: 'ACTIVE' | 'DEREGISTERED';
  /** Last change of the record, ISO timestamp (UTC). */
  readonly updatedAt: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date yyyy-MM-dd');
const instant = z.iso.datetime({ offset: true });
const bilingual = z.object({ zh: z.string(), en: z.string() });

/** `{"error":{"code","message","details"?}}`, the body of every refusal. */
export const wireErrorSchema = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string(),
    details: z
      .array(z.object({ field: z.string(), rule: z.string().optional(), reason: z.string() }))
      .optional(),
  }),
});

export const wireEnterpriseSchema = z.object({
  uscc: z.string().min(1),
  name: z.string(),
  entityType: z.enum(['COMPANY', 'INDIVIDUAL']),
  legalRepresentative: z.object({ idNumber: z.string(), name: z.string() }),
  registeredCapital: z.number().nonnegative(),
  establishedDate: isoDate,
  address: z.string(),
  businessScope: z.string(),
  status: z.enum(['EXISTING', 'DEREGISTERED']),
  lastModified: instant,
});
export type WireEnterprise = z.infer<typeof wireEnterpriseSchema>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0),
  });

export const wireEnterprisePageSchema = page(wireEnterpriseSchema);

export const wireStatusSchema = z.enum([
  'ACCEPTED',
  'UNDER_REVIEW',
  'APPROVED',
  'DENIED',
  'SUPPLEMENT_REQUIRED',
]);
export type WireStatus = z.infer<typeof wireStatusSchema>;

export const wireSubmitAnswerSchema = z.object({
  applicationNo: z.string().min(1),
  status: wireStatusSchema,
  acceptedAt: instant,
});

export const wireApplicationSchema = z.object({
  applicationNo: z.string().min(1),
  itemCode: z.string(),
  applicantIdNumber: z.string().min(1),
  status: wireStatusSchema,
  statusChangedAt: instant,
  acceptedAt: instant,
  remarks: z.string().nullable(),
  fieldsToSupplement: z.array(z.string()),
  outcome: z
    .object({
      values: z.record(z.string(), z.string()),
      documents: z.array(z.object({ materialId: z.string(), documentNo: z.string() })),
    })
    .nullable(),
  history: z.array(z.object({ status: wireStatusSchema, at: instant })),
});
export type WireApplication = z.infer<typeof wireApplicationSchema>;

export const wireApplicationListSchema = z.object({ items: z.array(wireApplicationSchema) });

export const WIRE_DATA_TYPES = [
  'TEXT',
  'ID_NUMBER',
  'USCC',
  'UNIT_CODE',
  'MONEY',
  'DATE',
  'PHONE',
  'INTEGER',
  'DECIMAL',
  'ENUM',
  'BOOLEAN',
  'BANK_ACCOUNT',
  'FUND_ACCOUNT',
] as const;

export const wireFormFieldSchema = z.object({
  semanticKey: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/),
  fieldCode: z.string().min(1),
  label: bilingual,
  dataType: z.enum(WIRE_DATA_TYPES),
  required: z.boolean(),
  editable: z.boolean(),
  hint: bilingual.nullable(),
  rules: z.object({
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    pattern: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  options: z.array(z.object({ value: z.string(), label: bilingual })),
});
export type WireFormField = z.infer<typeof wireFormFieldSchema>;

export const wireItemSchema = z.object({
  itemCode: z.string().min(1),
  name: bilingual,
  itemType: z.enum([
    'ADMINISTRATIVE_LICENCE',
    'ADMINISTRATIVE_CONFIRMATION',
    'ADMINISTRATIVE_LEVY',
    'PUBLIC_SERVICE',
    'OTHER_POWER',
  ]),
  legalBasis: z.array(z.string()),
  legalTimeLimitDays: z.number().int().min(0),
  promisedTimeLimitDays: z.number().int().min(0),
  acceptanceConditions: z.array(bilingual),
  fee: z.number().nonnegative(),
  visitsRequired: z.number().int().min(0),
  formFields: z.array(wireFormFieldSchema),
  materials: z.array(
    z.object({
      materialId: z.string().min(1),
      name: bilingual,
      required: z.boolean(),
      originalRequired: z.boolean(),
      copies: z.number().int().min(0),
      heldBy: z.array(z.string()),
      acceptedFormats: z.array(z.string()),
    }),
  ),
  result: z.object({
    name: bilingual,
    kind: z.enum(['LICENCE', 'CERTIFICATE', 'NOTICE', 'RECEIPT', 'APPROVAL']),
    documents: z.array(z.string()),
    values: z.array(z.object({ semanticKey: z.string(), fieldCode: z.string() })),
  }),
});
export type WireItem = z.infer<typeof wireItemSchema>;

export const wireItemPageSchema = page(wireItemSchema);
