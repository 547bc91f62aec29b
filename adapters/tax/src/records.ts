import { z } from 'zod';
import { CASE_STATUSES, isoInstant } from './wire';

/** A taxpayer (纳税人) as the tax system records it. */
export interface Taxpayer {
  /** Resident ID number of a natural person, or USCC of an enterprise. */
  readonly taxpayerId: string;
  readonly name: string;
  readonly kind: 'NATURAL_PERSON' | 'ENTERPRISE';
  /** `ABNORMAL` is 非正常户; `CANCELLED` follows a tax clearance (注销). */
  readonly status: 'NORMAL' | 'ABNORMAL' | 'CANCELLED';
  /** Enterprises only: 一般纳税人 or 小规模纳税人. */
  readonly taxpayerType?: 'GENERAL' | 'SMALL_SCALE';
  /** The tax authority in charge (主管税务机关). */
  readonly authority: string;
  /** ISO date. */
  readonly registeredOn: string;
  /** Tax owed and unpaid (欠税), in fen. */
  readonly arrearsFen: number;
  /** ISO timestamp of the record's last change. */
  readonly updatedAt: string;
}

/** A deed tax (契税) paid on the transfer of a real-estate unit. */
export interface DeedTaxRecord {
  readonly recordNumber: string;
  readonly unitCode: string;
  readonly payerIdNumber: string;
  /** The price the tax was levied on, in fen. */
  readonly taxableAmountFen: number;
  /** 100 = 1 %. */
  readonly rateBasisPoints: number;
  readonly amountFen: number;
  /** ISO date. */
  readonly paidOn: string;
  /** ISO timestamp. */
  readonly updatedAt: string;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date yyyy-MM-dd');
const instant = z.string().transform((s, ctx) => {
  try {
    return isoInstant(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
const fen = z.number().int();

/** The envelope around every answer. */
export const envelopeSchema = z.object({ code: z.string(), msg: z.string(), data: z.unknown() });

/** `data` of a 1001 refusal: every bad parameter. */
export const fieldErrorsSchema = z.object({
  errors: z.array(z.object({ field: z.string(), reason: z.string() })),
});

const STATUS = { '03': 'NORMAL', '05': 'ABNORMAL', '09': 'CANCELLED' } as const;
const TYPE = { '1': 'GENERAL', '2': 'SMALL_SCALE' } as const;

/** `data` of `taxpayers/batch-query`, read into {@link Taxpayer}s. */
export const taxpayersData = z.object({
  taxpayers: z.array(
    z
      .object({
        taxpayer_id: z.string(),
        taxpayer_name: z.string(),
        taxpayer_kind: z.enum(['1', '2']),
        status_code: z.enum(['03', '05', '09']),
        taxpayer_type: z.enum(['1', '2']).nullable(),
        tax_authority: z.string(),
        registered_date: date,
        arrears_fen: fen,
        updated_time: instant,
      })
      .transform(
        (w): Taxpayer => ({
          taxpayerId: w.taxpayer_id,
          name: w.taxpayer_name,
          kind: w.taxpayer_kind === '1' ? 'NATURAL_PERSON' : 'ENTERPRISE',
          status: STATUS[w.status_code],
          ...(w.taxpayer_type ? { taxpayerType: TYPE[w.taxpayer_type] } : {}),
          authority: w.tax_authority,
          registeredOn: w.registered_date,
          arrearsFen: w.arrears_fen,
          updatedAt: w.updated_time,
        }),
      ),
  ),
});

/** `data` of `deed-tax/batch-query`, read into {@link DeedTaxRecord}s. */
export const deedTaxData = z.object({
  records: z.array(
    z
      .object({
        record_no: z.string(),
        unit_code: z.string(),
        payer_id_number: z.string(),
        taxable_amount_fen: fen,
        rate_permille: z.number().nonnegative(),
        tax_amount_fen: fen,
        paid_date: date,
        updated_time: instant,
      })
      .transform(
        (w): DeedTaxRecord => ({
          recordNumber: w.record_no,
          unitCode: w.unit_code,
          payerIdNumber: w.payer_id_number,
          taxableAmountFen: w.taxable_amount_fen,
          // Per mille to basis points; rounding guards against a fractional per-mille such as 12.5.
          rateBasisPoints: Math.round(w.rate_permille * 10),
          amountFen: w.tax_amount_fen,
          paidOn: w.paid_date,
          updatedAt: w.updated_time,
        }),
      ),
  ),
});

const statusCode = z.enum(['01', '02', '03', '04', '05']).transform((c) => CASE_STATUSES[c]);

/** A case on the wire, validated; its codes are mapped to semantic keys by the adapter. */
export const wireCaseSchema = z.object({
  case_no: z.string().min(1),
  item_code: z.string(),
  applicant_id_number: z.string().min(1),
  status_code: statusCode,
  status_time: instant,
  accepted_time: instant,
  reason: z.string().nullable(),
  correction_fields: z.array(z.string()),
  result: z.record(z.string(), z.string()),
  history: z.array(z.object({ status_code: statusCode, time: instant })),
});

/** A validated wire case: status in domain terms, instants ISO, codes still the wire's. */
export type WireCase = z.output<typeof wireCaseSchema>;

/** `data` of `POST /cases`. */
export const submittedData = z.object({
  case_no: z.string().min(1),
  status_code: statusCode,
  accepted_time: instant,
});

/** `data` of `GET /cases?request_id=`. */
export const casesData = z.object({ cases: z.array(wireCaseSchema) });
