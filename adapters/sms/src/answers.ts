import type { AdapterErrorDetails, DepartmentClient, WireResponse } from '@onething/adapter-core';
import { z } from 'zod';

/** The gateway's envelope: every answer carries a request id, a code and a message. */
const envelopeSchema = z.looseObject({ RequestId: z.string(), Code: z.string().min(1), Message: z.string() });

const problemsSchema = z.array(z.object({ Param: z.string(), Reason: z.string() }));

/** The answer to SendSms. */
export const sendAnswerSchema = z.object({
  BizId: z.string().min(1),
  Segments: z.number().int().min(1),
  Repeated: z.boolean(),
});

/** A send as QuerySendDetails answers it. */
export const detailSchema = z.object({
  BizId: z.string().min(1),
  OutId: z.string().min(1),
  PhoneNumber: z.string(),
  TemplateCode: z.string(),
  Status: z.enum(['SENDING', 'DELIVERED', 'FAILED']),
  ErrCode: z.string().optional(),
  Segments: z.number().int().min(1),
  SendTime: z.iso.datetime(),
  ReportTime: z.iso.datetime().optional(),
});

/** An answer read: the data of a success, a per-number rate limit, or "no such message". */
export type Answer<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | {
      readonly kind: 'limited';
      readonly code: string;
      readonly message: string;
      readonly retryAfterSeconds: number;
    }
  | { readonly kind: 'not-found' };

/**
 * Reads an answer of the gateway. HTTP 5xx and System.Error are DEPARTMENT_UNAVAILABLE; another HTTP
 * status is DEPARTMENT_REJECTED; a rate limit (`Limit.*`) and `Message.NotFound` are answers, not errors,
 * so that neither counts against the circuit breaker (one busy number says nothing of the gateway's
 * health); any other code is DEPARTMENT_REJECTED with the gateway's code, message and problems. A body
 * of the wrong shape throws a plain error: MALFORMED_RESPONSE.
 */
export function readAnswer<T>(
  client: DepartmentClient,
  op: string,
  res: WireResponse,
  schema: z.ZodType<T>,
): Answer<T> {
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    let code: string | undefined;
    try {
      code = envelopeSchema.parse(JSON.parse(text)).Code;
    } catch {
      // not an envelope: the status says enough
    }
    throw client.error(
      res.status >= 500 ? 'DEPARTMENT_UNAVAILABLE' : 'DEPARTMENT_REJECTED',
      op,
      `HTTP ${res.status}: ${code ?? text.slice(0, 200)}`,
      { httpStatus: res.status, ...(code ? { departmentCode: code } : {}) },
    );
  }
  const env = envelopeSchema.parse(JSON.parse(text));
  if (env.Code === 'OK') return { kind: 'ok', value: schema.parse(env) };
  if (env.Code === 'System.Error')
    throw client.error('DEPARTMENT_UNAVAILABLE', op, `${env.Code} ${env.Message}`, {
      departmentCode: env.Code,
    });
  if (env.Code === 'Message.NotFound') return { kind: 'not-found' };
  if (env.Code.startsWith('Limit.'))
    return {
      kind: 'limited',
      code: env.Code,
      message: env.Message,
      retryAfterSeconds: z.number().int().min(1).parse(env.RetryAfterSeconds),
    };
  const listed = problemsSchema.safeParse(env.Problems);
  const details: AdapterErrorDetails = {
    departmentCode: env.Code,
    departmentMessage: env.Message,
    ...(listed.success
      ? {
          problems: listed.data.map((p) => ({
            path: p.Param.replace(/^TemplateParam\./, 'variables.').replace(/^PhoneNumber$/, 'mobile'),
            rule: `sms.${env.Code}`,
            message: { zh: p.Reason, en: `${p.Param}: ${p.Reason}` },
          })),
        }
      : {}),
  };
  throw client.error('DEPARTMENT_REJECTED', op, `${env.Code} ${env.Message}`, details);
}
