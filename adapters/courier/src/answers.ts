import type { AdapterErrorDetails, DepartmentClient, WireResponse } from '@onething/adapter-core';
import { z } from 'zod';
import { parseWireTime } from './digest';
import type { TrackingEvent, Waybill, WaybillStatus } from './domain';

/** The platform's operation codes (PROTOCOL.md §5), in the domain's terms. */
export const STATUS_OF_OP_CODE: Readonly<Record<string, WaybillStatus>> = {
  '00': 'CREATED',
  '10': 'PICKED_UP',
  '20': 'IN_TRANSIT',
  '30': 'OUT_FOR_DELIVERY',
  '40': 'DELIVERED',
  '50': 'DELIVERY_FAILED',
  '60': 'RETURNED',
  '90': 'CANCELLED',
};

/** The success code, and the one that says the platform holds no such waybill. */
export const OK = 'S00';
export const NO_SUCH_WAYBILL = 'B03';
const SYSTEM_ERROR = 'S99';

const envelopeSchema = z.object({
  success: z.boolean(),
  code: z.string().min(1),
  msg: z.string(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const instant = z.string().transform((text, ctx) => {
  const ms = parseWireTime(text);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not yyyy-MM-dd HH:mm:ss: ${text}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});
const status = z.string().transform((code, ctx) => {
  const s = STATUS_OF_OP_CODE[code];
  if (!s) {
    ctx.addIssue({ code: 'custom', message: `unknown operation code ${code}` });
    return z.NEVER;
  }
  return s;
});

export const traceSchema = z
  .object({
    seq: z.number().int().min(1),
    opCode: status,
    opTime: instant,
    opOrgName: z.string(),
    description: z.string(),
    signer: z.string().optional(),
    failReason: z.string().optional(),
    cancelReason: z.string().optional(),
  })
  .transform(
    (t): TrackingEvent => ({
      seq: t.seq,
      status: t.opCode,
      at: t.opTime,
      place: t.opOrgName,
      description: t.description,
      ...(t.signer === undefined ? {} : { signer: t.signer }),
      ...(t.failReason === undefined ? {} : { failureReason: t.failReason }),
      ...(t.cancelReason === undefined ? {} : { cancelReason: t.cancelReason }),
    }),
  );

export const waybillSchema = z
  .object({
    waybillNo: z.string().regex(/^[A-Z]{2}\d{9}[A-Z]{2}$/),
    txLogisticId: z.string().min(1),
    opCode: status,
    createdTime: instant,
    receiver: z.object({ name: z.string(), mobile: z.string(), prov: z.string(), city: z.string() }),
    traces: z.array(traceSchema).min(1),
  })
  .transform(
    (w): Waybill => ({
      waybillNumber: w.waybillNo,
      orderNumber: w.txLogisticId,
      status: w.opCode,
      createdAt: w.createdTime,
      recipient: {
        name: w.receiver.name,
        maskedPhone: w.receiver.mobile,
        province: w.receiver.prov,
        city: w.receiver.city,
      },
      events: w.traces,
    }),
  );

export const traceListSchema = z.object({ waybills: z.array(waybillSchema) });

const fieldErrorsSchema = z.object({ errors: z.array(z.object({ field: z.string(), reason: z.string() })) });

/** The platform's field paths in the domain's words. */
const PATH: Readonly<Record<string, string>> = {
  txLogisticId: 'orderNumber',
  receiver: 'recipient',
  mobile: 'phone',
  prov: 'province',
  postCode: 'postalCode',
  itemName: 'name',
};
const domainPath = (field: string) =>
  field
    .split('.')
    .map((p) => PATH[p] ?? p)
    .join('.');

/**
 * Reads an answer's envelope: HTTP 5xx or S99 is DEPARTMENT_UNAVAILABLE (retryable), any other HTTP
 * status DEPARTMENT_REJECTED; an HTTP 200 body that is not an envelope throws, which the core reports as
 * MALFORMED_RESPONSE.
 */
export function readEnvelope(client: DepartmentClient, op: string, res: WireResponse): Envelope {
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    throw client.error(
      res.status >= 500 ? 'DEPARTMENT_UNAVAILABLE' : 'DEPARTMENT_REJECTED',
      op,
      `HTTP ${res.status}: ${text.slice(0, 200)}`,
      { httpStatus: res.status },
    );
  }
  const env = envelopeSchema.parse(JSON.parse(text));
  if (env.code === SYSTEM_ERROR)
    throw client.error('DEPARTMENT_UNAVAILABLE', op, `${env.code} ${env.msg}`, { departmentCode: env.code });
  return env;
}

/**
 * The data of a successful answer, validated by `schema`; any other code is the platform's refusal:
 * DEPARTMENT_REJECTED with its code and message, and B01's field list as `problems` in domain paths.
 */
export function dataOf<T>(client: DepartmentClient, op: string, env: Envelope, schema: z.ZodType<T>): T {
  if (env.code === OK && env.success) return schema.parse(env.data);
  const listed = fieldErrorsSchema.safeParse(env.data);
  const problems = listed.success
    ? listed.data.errors.map((e) => ({
        path: domainPath(e.field),
        rule: `courier.${env.code}`,
        message: { zh: e.reason, en: `${e.field}: ${e.reason}` },
      }))
    : undefined;
  const details: AdapterErrorDetails = {
    departmentCode: env.code,
    departmentMessage: env.msg,
    ...(problems ? { problems } : {}),
  };
  throw client.error('DEPARTMENT_REJECTED', op, `${env.code} ${env.msg}`, details);
}
