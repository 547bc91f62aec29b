import type { AdapterError, DepartmentClient, WireResponse } from '@onething/adapter-core';
import type { z } from 'zod';
import { envelopeSchema, fieldErrorsSchema } from './records';
import { keyOfFieldCode } from './wire';

type Problems = NonNullable<AdapterError['details']['problems']>;

/** A refused parameter as a problem of the domain: form fields by semantic key (`fields.transaction.price`). */
function problemsOf(code: string, data: unknown): Problems | undefined {
  const parsed = fieldErrorsSchema.safeParse(data);
  if (!parsed.success) return undefined;
  return parsed.data.errors.map((e) => ({
    path: e.field.startsWith('form.') ? `fields.${keyOfFieldCode(e.field.slice(5))}` : e.field,
    rule: `tax.${code}`,
    message: { zh: e.reason, en: `refused by the tax system: ${e.reason}` },
  }));
}

/**
 * Reads one answer of the tax system. The envelope's `code` decides, not only the HTTP status: `0000`
 * gives `data` validated by `schema`; a code listed in `absent` gives `null` (e.g. 3003 for an unknown
 * case); `9999` or any 5xx is DEPARTMENT_UNAVAILABLE; any other code (business refusals under HTTP 200,
 * 401 for the API key, 400 for an unreadable request) is DEPARTMENT_REJECTED with the system's own code
 * and message. A body that is not the envelope, or data of the wrong shape, throws a plain error, which
 * the core reports as MALFORMED_RESPONSE.
 */
export function readAnswer<T>(
  client: DepartmentClient,
  op: string,
  res: WireResponse,
  schema: z.ZodType<T>,
  absent: readonly string[] = [],
): T | null {
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    if (res.status >= 500)
      throw client.error('DEPARTMENT_UNAVAILABLE', op, `HTTP ${res.status}`, { httpStatus: res.status });
    throw e;
  }
  const envelope = envelopeSchema.safeParse(json);
  if (res.status >= 500 || (envelope.success && envelope.data.code === '9999')) {
    const departmentCode = envelope.success ? envelope.data.code : undefined;
    throw client.error(
      'DEPARTMENT_UNAVAILABLE',
      op,
      `HTTP ${res.status}${envelope.success ? `: ${envelope.data.code} ${envelope.data.msg}` : ''}`,
      { httpStatus: res.status, ...(departmentCode ? { departmentCode } : {}) },
    );
  }
  if (!envelope.success) throw envelope.error;
  const { code, msg, data } = envelope.data;
  if (code === '0000' && res.status === 200) return schema.parse(data);
  if (absent.includes(code)) return null;
  const problems = problemsOf(code, data);
  const listed = problems ? `: ${problems.map((p) => `${p.path} ${p.message.zh}`).join('; ')}` : '';
  throw client.error('DEPARTMENT_REJECTED', op, `${code} ${msg}${listed}`, {
    departmentCode: code,
    departmentMessage: msg,
    httpStatus: res.status,
    ...(problems ? { problems } : {}),
  });
}

/** {@link readAnswer} for answers that are never absent. */
export function readData<T>(
  client: DepartmentClient,
  op: string,
  res: WireResponse,
  schema: z.ZodType<T>,
): T {
  return readAnswer(client, op, res, schema) as T;
}
