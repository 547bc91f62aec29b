import type { CaseStatus } from '@onething/adapter-core';
import { z } from 'zod';
import { fenOf, isoDateOf, isoInstantOf } from './wire-format';

/**
 * The registry's records in domain terms, and the schemas every answer is validated against. Schemas
 * are strict: an element the registry's protocol does not have is a wrong-shaped answer, refused as
 * such rather than half-read.
 */

/** A mortgage (抵押权) registered on a unit. */
export interface Mortgage {
  readonly mortgagee: string;
  readonly amountFen: number;
  /** ISO date. */
  readonly registeredOn: string;
  /** ISO date the secured debt ends. */
  readonly endsOn: string;
}

/** A registered real-estate unit (不动产单元) as the register (登记簿) shows it. */
export interface Property {
  readonly unitCode: string;
  /** 不动产权证书号, e.g. `浙(2023)嘉善县不动产权第8090823号`. */
  readonly certificateNumber: string;
  readonly address: string;
  /** Floor area in m². */
  readonly areaM2: number;
  readonly use: 'RESIDENTIAL' | 'COMMERCIAL';
  readonly ownerIdNumbers: readonly string[];
  /** ISO date the current ownership was registered. */
  readonly registeredOn: string;
  readonly mortgages: readonly Mortgage[];
  /** Whether a court has seized it (查封). */
  readonly seized: boolean;
  /** ISO timestamp of the last change. */
  readonly updatedAt: string;
}

const text = z.string();
export const nonEmpty = z.string().min(1);
const wireDate = z.string().transform((s, ctx) => isoDateOf(s) ?? fail(ctx, `not a yyyyMMdd date: ${s}`));
const instant = z
  .string()
  .transform((s, ctx) => isoInstantOf(s) ?? fail(ctx, `not a yyyyMMddHHmmss instant: ${s}`));
export const yuan = z
  .string()
  .transform((s, ctx) => fenOf(s) ?? fail(ctx, `not yuan with two decimals: ${s}`));
const twoDecimals = z
  .string()
  .regex(/^\d{1,9}\.\d{2}$/, 'not a number with two decimals')
  .transform(Number);
export const count = z
  .string()
  .regex(/^\d{1,9}$/, 'not a whole number')
  .transform(Number);
const bound = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,2})?$/, 'not a number')
  .transform(Number);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A repeated element: absent, once, or many times. */
export function list<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(schema));
}

/** A wrapper element holding repeated `child` elements (`<Owners><Owner/>…</Owners>`); empty when `<Owners/>`. */
function container<T extends z.ZodType>(child: string, schema: T) {
  return z
    .preprocess((v) => (v === '' ? {} : v), z.object({ [child]: list(schema) }).strict())
    .transform((o) => o[child] as z.output<T>[]);
}

export const bilingual = z
  .object({ Zh: nonEmpty, En: nonEmpty })
  .strict()
  .transform((b) => ({ zh: b.Zh, en: b.En }));

const mortgage = z
  .object({ Mortgagee: nonEmpty, AmountYuan: yuan, RegisteredDate: wireDate, EndDate: wireDate })
  .strict()
  .transform(
    (m): Mortgage => ({
      mortgagee: m.Mortgagee,
      amountFen: m.AmountYuan,
      registeredOn: m.RegisteredDate,
      endsOn: m.EndDate,
    }),
  );

/** `<bdc:Unit>` of QueryUnits → {@link Property}. */
export const unitSchema = z
  .object({
    UnitCode: z.string().length(28),
    CertificateNumber: nonEmpty,
    Address: nonEmpty,
    AreaM2: twoDecimals,
    Use: z.enum(['住宅', '商业']),
    Owners: container('Owner', z.object({ IdNumber: z.string().regex(/^\d{17}[\dX]$/) }).strict()).refine(
      (o) => o.length > 0,
      'a registered unit has an owner',
    ),
    RegisteredDate: wireDate,
    Mortgages: container('Mortgage', mortgage),
    Seized: bool,
    LastModified: instant,
  })
  .strict()
  .transform(
    (u): Property => ({
      unitCode: u.UnitCode,
      certificateNumber: u.CertificateNumber,
      address: u.Address,
      areaM2: u.AreaM2,
      use: u.Use === '住宅' ? 'RESIDENTIAL' : 'COMMERCIAL',
      ownerIdNumbers: u.Owners.map((o) => o.IdNumber),
      registeredOn: u.RegisteredDate,
      mortgages: u.Mortgages,
      seized: u.Seized,
      updatedAt: u.LastModified,
    }),
  );

/** `<bdc:QueryUnitsResponse>`: the units the registry holds. */
export const queryUnitsAnswer = container('Unit', unitSchema);

/** `<bdc:QueryUnitsByOwnerResponse>`: unit codes. */
export const unitsByOwnerAnswer = container('UnitCode', z.string().length(28));

/** Case statuses as the registry names them, in domain terms. */
export const STATUS_OF_WIRE: Readonly<Record<string, CaseStatus>> = {
  YISHOULI: 'ACCEPTED',
  SHENHEZHONG: 'IN_REVIEW',
  YIDENGBU: 'APPROVED',
  BUYUDENGJI: 'REJECTED',
  XUBUZHENG: 'CORRECTION_REQUESTED',
};
const status = z
  .enum(['YISHOULI', 'SHENHEZHONG', 'YIDENGBU', 'BUYUDENGJI', 'XUBUZHENG'])
  .transform((s) => STATUS_OF_WIRE[s]!);

/** `<bdc:SubmitApplicationResponse>`. */
export const submitAnswer = z
  .object({ CaseNumber: nonEmpty, Status: status, AcceptedTime: instant })
  .strict()
  .transform((a) => ({ caseNumber: a.CaseNumber, status: a.Status, acceptedAt: a.AcceptedTime }));

/** A case as the registry reports it, wire codes still in place (the catalogue maps them). */
export interface WireCase {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly externalReference: string;
  /** Whose case it is: the applicant's resident ID number. */
  readonly applicantIdNumber: string;
  readonly status: CaseStatus;
  readonly statusAt: string;
  readonly acceptedAt: string;
  readonly reason: string | undefined;
  /** Form codes of the fields to correct. */
  readonly correctionCodes: readonly string[];
  /** Result values by their wire key. */
  readonly result: Readonly<Record<string, string>>;
  readonly history: readonly { readonly status: CaseStatus; readonly at: string }[];
}

/** `<bdc:Application>` → {@link WireCase}. */
export const applicationSchema = z
  .object({
    CaseNumber: nonEmpty,
    ItemCode: nonEmpty,
    ExternalReference: nonEmpty,
    Applicant: z.object({ IdNumber: nonEmpty }).strict(),
    Status: status,
    StatusTime: instant,
    AcceptedTime: instant,
    Reason: text.optional(),
    CorrectionFields: container('Field', z.object({ '@code': nonEmpty }).strict()).optional(),
    Result: container('Value', z.object({ '@key': nonEmpty, '#text': text.default('') }).strict()).optional(),
    History: container('Step', z.object({ Status: status, Time: instant }).strict()),
  })
  .strict()
  .transform(
    (a): WireCase => ({
      caseNumber: a.CaseNumber,
      itemCode: a.ItemCode,
      externalReference: a.ExternalReference,
      applicantIdNumber: a.Applicant.IdNumber,
      status: a.Status,
      statusAt: a.StatusTime,
      acceptedAt: a.AcceptedTime,
      reason: a.Reason || undefined,
      correctionCodes: (a.CorrectionFields ?? []).map((f) => f['@code']),
      result: Object.fromEntries((a.Result ?? []).map((v) => [v['@key'], v['#text']])),
      history: a.History.map((h) => ({ status: h.Status, at: h.Time })),
    }),
  );

/** `<bdc:QueryApplicationResponse>` and `<bdc:SubmitCorrectionResponse>`: one case. */
export const oneApplicationAnswer = z
  .object({ Application: applicationSchema })
  .strict()
  .transform((a) => a.Application);

/** `<bdc:QueryApplicationsByReferenceResponse>`: every case under a reference. */
export const applicationsAnswer = container('Application', applicationSchema);

const FIELD_TYPES = {
  TEXT: 'text',
  ID_NUMBER: 'idNumber',
  USCC: 'uscc',
  UNIT_CODE: 'unitCode',
  MONEY: 'money',
  DATE: 'date',
  PHONE: 'phone',
  INTEGER: 'integer',
  DECIMAL: 'decimal',
  ENUM: 'enum',
  BOOLEAN: 'boolean',
  BANK_ACCOUNT: 'bankAccount',
  FUND_ACCOUNT: 'fundAccount',
} as const;
const ITEM_TYPES = {
  ADMINISTRATIVE_LICENCE: 'administrative-licence',
  ADMINISTRATIVE_CONFIRMATION: 'administrative-confirmation',
  ADMINISTRATIVE_LEVY: 'administrative-levy',
  PUBLIC_SERVICE: 'public-service',
  OTHER_POWER: 'other-power',
} as const;
const enumOf = <T extends Record<string, string>>(table: T) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]).transform((k) => table[k]!);

const catalogueField = z
  .object({
    '@code': nonEmpty,
    '@key': z.string().regex(/^[a-z]+\.[a-zA-Z]+$/, 'not a semantic key'),
    Label: bilingual,
    Type: enumOf(FIELD_TYPES),
    Required: bool,
    Editable: bool,
    Hint: bilingual.optional(),
    MinLength: count.optional(),
    MaxLength: count.optional(),
    Pattern: nonEmpty.optional(),
    Min: bound.optional(),
    Max: bound.optional(),
    Options: container('Option', z.object({ Value: nonEmpty, Label: bilingual }).strict()).optional(),
  })
  .strict();

const catalogueMaterial = z
  .object({
    '@id': nonEmpty,
    Name: bilingual,
    Required: bool,
    Original: bool,
    Copies: count,
    HeldBy: container('Department', nonEmpty),
    Formats: container('Format', nonEmpty),
  })
  .strict();

/** `<bdc:Item>` of the catalogue, still with the wire's codes (see catalogue.ts for the domain view). */
export const catalogueItemSchema = z
  .object({
    ItemCode: nonEmpty,
    Name: bilingual,
    ItemType: enumOf(ITEM_TYPES),
    LegalBasis: container('Basis', nonEmpty),
    LegalLimitDays: count,
    PromisedLimitDays: count,
    AcceptanceConditions: container('Condition', bilingual),
    FeeYuan: yuan,
    Visits: count,
    Fields: container('Field', catalogueField),
    Materials: container('Material', catalogueMaterial),
    Result: z
      .object({
        Name: bilingual,
        Kind: z
          .enum(['LICENCE', 'CERTIFICATE', 'NOTICE', 'RECEIPT', 'APPROVAL'])
          .transform((k) => k.toLowerCase()),
        Documents: container('Document', z.object({ '@code': nonEmpty, '@materialId': nonEmpty }).strict()),
        Values: container('Value', z.object({ '@code': nonEmpty, '@key': nonEmpty }).strict()),
      })
      .strict(),
  })
  .strict();

/** A catalogue item as parsed, wire codes included. */
export type CatalogueItemWire = z.output<typeof catalogueItemSchema>;

/** `<bdc:ListItemsResponse>`. */
export const listItemsAnswer = container('Item', catalogueItemSchema);
