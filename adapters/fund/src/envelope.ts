import type { AdapterErrorDetails, DepartmentClient, WireResponse } from '@onething/adapter-core';
import { z } from 'zod';
import { semanticKey } from './dictionary';

/** The fund's envelope: 返回码, 返回信息, 数据. */
export const envelopeSchema = z.object({
  fhm: z.string().min(1),
  fhxx: z.string(),
  data: z.unknown().optional(),
});

/** An answer in the fund's envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

const cwxxSchema = z.object({ cwxx: z.array(z.object({ zd: z.string(), yy: z.string() })) });

/** The success code. */
export const OK = '000000';

function tryEnvelope(text: string): Envelope | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads an answer's envelope, turning the system's failures into typed errors: HTTP 5xx or E9999 is
 * DEPARTMENT_UNAVAILABLE (retryable); any other HTTP status (415, 404 E1006) is DEPARTMENT_REJECTED. An
 * HTTP 200 body that is not an envelope throws a plain error, which the core reports as MALFORMED_RESPONSE.
 */
export function readEnvelope(client: DepartmentClient, op: string, res: WireResponse): Envelope {
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    const env = tryEnvelope(text);
    const details = { httpStatus: res.status, ...(env ? { departmentCode: env.fhm } : {}) };
    const why = env ? `${env.fhm} ${env.fhxx}` : text.slice(0, 200);
    throw client.error(
      res.status >= 500 ? 'DEPARTMENT_UNAVAILABLE' : 'DEPARTMENT_REJECTED',
      op,
      `HTTP ${res.status}: ${why}`,
      details,
    );
  }
  const env = envelopeSchema.parse(JSON.parse(text));
  if (env.fhm === 'E9999') {
    throw client.error('DEPARTMENT_UNAVAILABLE', op, `${env.fhm} ${env.fhxx}`, { departmentCode: env.fhm });
  }
  return env;
}

/**
 * The data of a successful answer, validated by `schema` (a wrong shape throws: MALFORMED_RESPONSE); any
 * other code is the system's refusal: DEPARTMENT_REJECTED with its `fhm` as `departmentCode`, its `fhxx`
 * in the message and as `departmentMessage`, and E2001's parameter list as `problems` (by semantic key
 * where the parameter is a form field).
 */
export function dataOf<T>(client: DepartmentClient, op: string, env: Envelope, schema: z.ZodType<T>): T {
  if (env.fhm === OK) return schema.parse(env.data);
  const listed = cwxxSchema.safeParse(env.data);
  const problems = listed.success
    ? listed.data.cwxx.map((e) => ({
        path: e.zd.startsWith('bd_') ? `fields.${semanticKey(e.zd.slice(3))}` : e.zd,
        rule: `fund.${env.fhm}`,
        message: { zh: e.yy, en: `${e.zd}: ${e.yy}` },
      }))
    : undefined;
  const details: AdapterErrorDetails = {
    departmentCode: env.fhm,
    departmentMessage: env.fhxx,
    ...(problems ? { problems } : {}),
  };
  throw client.error('DEPARTMENT_REJECTED', op, `${env.fhm} ${env.fhxx}`, details);
}
